import type { Page } from 'playwright-core';

/** Name of the focused element as a test can match it: aria-label, else value (inputs), else its text. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const input = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');
    return el.getAttribute('aria-label') ?? (input ? el.value : (el.textContent ?? '').trim());
  });
}

/** Presses Tab (only the keyboard) until the focused element's name is `name`; fails after `max` presses. */
export async function tabTo(page: Page, name: string | RegExp, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    const current = await focusedName(page);
    if (typeof name === 'string' ? current === name : name.test(current)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}`);
}

/** Whether the focus is inside an open dialog. */
export function focusInDialog(page: Page): Promise<boolean> {
  return page.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]')));
}
