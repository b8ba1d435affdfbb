import { describe, expect, it } from 'vitest';
import { focusedName, focusInDialog, tabTo } from './support/keyboard.ts';
import {
  callWithKey,
  hasChromium,
  openView,
  seriousViolations,
  signIn,
  usePortal,
} from './support/portal.ts';

describe.skipIf(!hasChromium())('portal: the API key journey (Chromium over the stub)', () => {
  const h = usePortal();

  it('create (two scopes) → copy → use from Node → request log and usage → rotate → deactivate → delete', async () => {
    const { page } = await h.newPage({ clipboard: true });
    await signIn(page, 'owner');
    const name = `ci-${Date.now()}`;

    await page.getByRole('button', { name: 'Create key' }).click();
    const form = page.getByRole('dialog', { name: 'Create an API key' });
    await form.getByLabel('Name').fill(name);
    await form.getByRole('group', { name: 'Orders' }).getByRole('checkbox', { name: 'read:orders' }).check();
    await form.getByRole('checkbox', { name: 'read:products', exact: true }).check();
    await form.getByRole('checkbox', { name: 'read:*', exact: true }).waitFor(); // wildcards offered too
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Create' }).click();

    const shown = page.getByRole('dialog', { name: `Key ${name} created` });
    await shown.getByRole('button', { name: 'Copy' }).click();
    await shown.getByText('Copied to the clipboard.').waitFor();
    const secret = await page.evaluate(() => navigator.clipboard.readText());
    expect(secret).toMatch(/^rg_test_[A-Za-z0-9]{32}$/);
    await expect(shown.textContent()).resolves.toContain('will not be shown again');
    expect(await seriousViolations(page)).toEqual([]);
    await shown.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row.textContent()).resolves.toMatch(/read:orders.*read:products/);
    await expect(row.textContent()).resolves.toContain(secret.slice(-4));
    const keyId = (await row.getAttribute('data-key-id')) ?? '';
    // The secret is gone from the DOM, from storage, and never was in a URL.
    expect(await page.content()).not.toContain(secret);
    expect(
      await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })),
    ).not.toContain(secret);
    expect(h.urls.filter((u) => u.includes(secret))).toEqual([]);

    // Outside the browser: 28 allowed calls and one refused for a scope the key lacks (29: over one page of 25).
    for (let i = 0; i < 28; i++)
      expect((await callWithKey(h.stub, secret, '/api/v1/orders?limit=1')).status).toBe(200);
    expect((await callWithKey(h.stub, secret, '/api/v1/customers?limit=1')).status).toBe(403);

    await openView(page, 'Request log');
    await page.getByLabel('Key', { exact: true }).selectOption(keyId);
    await expect.poll(async () => page.locator('tbody tr').count(), { timeout: 10_000 }).toBe(25);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(async () => page.locator('tbody tr').count()).toBe(29);
    await expect(page.getByRole('button', { name: 'Load more' }).count()).resolves.toBe(0);
    await expect(page.locator('tbody').textContent()).resolves.toMatch(/403/);
    await page.getByLabel('Status', { exact: true }).selectOption('4xx');
    await expect.poll(async () => page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: /^Details of GET \/api\/v1\/customers/ }).click();
    const details = page.getByRole('dialog');
    const curl = (await details.locator('pre').textContent()) ?? '';
    expect(curl).toContain('$REGEN_API_KEY');
    expect(curl).toContain(`${h.stub.url}/api/v1/customers`);
    expect(curl).not.toContain(secret);
    await details.getByRole('button', { name: 'Copy as curl' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(curl);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);

    await openView(page, 'Usage');
    await page.getByLabel('Last hour (by minute)').check();
    await page.getByLabel('Key', { exact: true }).selectOption(keyId);
    await expect
      .poll(async () => page.locator('[data-total="requests"]').textContent(), { timeout: 10_000 })
      .toBe('29');
    const chart = page.getByRole('img', { name: /Requests by status class: 29 in total, 28 2xx, 1 4xx/ });
    await chart.waitFor();
    await expect(page.locator('.chart canvas').count()).resolves.toBe(3);

    // Rotate: the new secret once, and when the old one stops working.
    await openView(page, 'API keys');
    await page.getByRole('button', { name: `Rotate ${name}` }).click();
    const rotated = page.getByRole('dialog', { name: `Key ${name} rotated` });
    await rotated.getByRole('button', { name: 'Copy' }).click();
    const next = await page.evaluate(() => navigator.clipboard.readText());
    expect(next).not.toBe(secret);
    await expect(rotated.textContent()).resolves.toMatch(
      /previous secret keeps working until \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
    );
    await rotated.getByRole('button', { name: 'Done' }).click();
    expect(await page.content()).not.toContain(next);
    expect((await callWithKey(h.stub, next, '/api/v1/orders?limit=1')).status).toBe(200);

    // Deactivate: the key is refused; Activate: accepted again.
    await page.getByRole('button', { name: `Deactivate ${name}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Key ${name} deactivated.` })
      .waitFor();
    await expect(row.textContent()).resolves.toContain('inactive');
    expect((await callWithKey(h.stub, next, '/api/v1/orders?limit=1')).status).toBe(401);
    await page.getByRole('button', { name: `Activate ${name}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Key ${name} activated.` })
      .waitFor();
    expect((await callWithKey(h.stub, next, '/api/v1/orders?limit=1')).status).toBe(200);

    // Edit name and scopes.
    const renamed = `${name}-renamed`;
    await page.getByRole('button', { name: `Edit ${name}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit key ${name}` });
    await edit.getByLabel('Name').fill(renamed);
    await edit.getByRole('checkbox', { name: 'read:products', exact: true }).uncheck();
    await edit.getByRole('button', { name: 'Save' }).click();
    const renamedRow = page.getByRole('row', { name: new RegExp(renamed) });
    await renamedRow.waitFor();
    await expect(renamedRow.textContent()).resolves.not.toContain('read:products');

    // Delete, behind a confirmation dialog.
    await page.getByRole('button', { name: `Delete ${renamed}` }).click();
    const confirm = page.getByRole('dialog', { name: `Delete key ${renamed}?` });
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Key ${renamed} deleted.` })
      .waitFor();
    await expect(renamedRow.count()).resolves.toBe(0);
    expect((await callWithKey(h.stub, next, '/api/v1/orders?limit=1')).status).toBe(401);
  });

  it('a key deleted in another tab: the action says so and the list is refreshed', async () => {
    const name = `gone-${Date.now()}`;
    const first = (await h.newPage()).page;
    await signIn(first, 'owner');
    await first.getByRole('button', { name: 'Create key' }).click();
    await first.getByRole('dialog').getByLabel('Name').fill(name);
    await first.getByRole('dialog').getByRole('checkbox', { name: 'read:orders', exact: true }).check();
    await first.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await first.getByRole('button', { name: 'Done' }).click();

    const second = (await h.newPage()).page;
    await signIn(second, 'owner');
    await second.getByRole('button', { name: `Delete ${name}` }).click();
    await second.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await second.getByRole('status').filter({ hasText: 'deleted' }).waitFor();

    await first.getByRole('button', { name: `Deactivate ${name}` }).click();
    const alert = first.getByRole('alert');
    await expect(alert.textContent()).resolves.toContain('no longer exists');
    await expect.poll(() => first.getByRole('row', { name: new RegExp(name) }).count()).toBe(0);
    // The page keeps working.
    await first.getByRole('button', { name: 'Create key' }).click();
    await first.keyboard.press('Escape');
    await expect(first.getByRole('dialog').count()).resolves.toBe(0);
  });

  it('keyboard only: create a key, Escape closes, focus moves into dialogs and back', async () => {
    const { page } = await h.newPage();
    await signIn(page, 'owner');
    await page.getByRole('table').waitFor();
    await page.locator('body').focus();

    await tabTo(page, 'Create key');
    await page.keyboard.press('Enter');
    expect(await focusInDialog(page)).toBe(true);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    expect(await focusedName(page)).toBe('Create key');

    await page.keyboard.press('Enter');
    expect(await focusInDialog(page)).toBe(true);
    const name = `keyboard-${Date.now()}`;
    await page.keyboard.type(name); // the Name field has the focus
    await tabTo(page, 'read:orders');
    await page.keyboard.press('Space');
    await tabTo(page, 'read:usage');
    await page.keyboard.press('Space');
    await tabTo(page, 'Create');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: `Key ${name} created` }).waitFor();
    expect(await focusInDialog(page)).toBe(true);
    await tabTo(page, 'Done');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    expect(await focusedName(page)).toBe('Create key');
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row.textContent()).resolves.toMatch(/read:orders.*read:usage/);

    // Delete by keyboard; Cancel has the focus first, so Enter there does nothing harmful.
    await tabTo(page, `Delete ${name}`);
    await page.keyboard.press('Enter');
    expect(await focusedName(page)).toBe('Cancel');
    await page.keyboard.press('Escape');
    expect(await focusedName(page)).toBe(`Delete ${name}`);
    await page.keyboard.press('Enter');
    await tabTo(page, 'Delete');
    await page.keyboard.press('Enter');
    await expect.poll(() => row.count()).toBe(0);
  });
});
