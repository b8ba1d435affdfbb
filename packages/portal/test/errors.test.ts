import { describe, expect, it } from 'vitest';
import { startTestStub } from '../../../test/support/stub-server.ts';
import { hasChromium, openView, PASSWORD, signIn, USERS, usePortal } from './support/portal.ts';

describe.skipIf(!hasChromium())('portal: errors are clear messages and the page keeps working', () => {
  const h = usePortal();

  it('an expired session (revoked elsewhere, refresh refused) returns to sign-in with a message', async () => {
    const { page } = await h.newPage();
    await signIn(page, 'owner');
    const refreshToken = await page.evaluate(
      () => JSON.parse(sessionStorage.getItem('regen.portal.session') ?? '{}').refreshToken as string,
    );
    // The same user, signed in elsewhere, revokes the portal's session by its refresh token.
    const login = await fetch(`${h.stub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: USERS.owner, password: PASSWORD, mode: 'test' }),
    });
    const { accessToken } = (await login.json()).data;
    const logout = await fetch(`${h.stub.url}/api/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ refreshToken }),
    });
    expect(logout.status).toBe(200);

    await page.getByRole('navigation').getByRole('link', { name: 'Usage' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Your session has expired');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    // Signing in again works.
    await signIn(page, 'owner');
  });

  it('a server that went away: a message and Retry, the form keeps what was typed', async () => {
    const own = await startTestStub();
    const { page } = await h.newPage({ origin: own.url });
    try {
      await page.goto('/portal');
      await page.getByLabel('Email').fill(USERS.owner);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Create key' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name').fill('typed-before-the-outage');
      await dialog.getByRole('checkbox', { name: 'read:orders', exact: true }).check();
    } finally {
      await own.close();
    }
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert.textContent()).resolves.toContain('The server cannot be reached');
    await expect(dialog.getByLabel('Name').inputValue()).resolves.toBe('typed-before-the-outage');
    await expect(
      dialog.getByRole('checkbox', { name: 'read:orders', exact: true }).isChecked(),
    ).resolves.toBe(true);
    // Retry while it is still down: the same message again, nothing breaks.
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(dialog.getByRole('alert').textContent()).resolves.toContain('cannot be reached');
    await page.keyboard.press('Escape');
    await openView(page, 'Usage');
    const pageAlert = page.getByRole('alert');
    await expect(pageAlert.textContent()).resolves.toContain('The server cannot be reached');
    await pageAlert.getByRole('button', { name: 'Retry' }).waitFor();
  });

  it('a 429 names the wait (failed sign-ins over the budget), and the form stays usable', async () => {
    // Spend the per-account failed-sign-in budget (auth=40/15m in the test stub) from outside.
    for (let i = 0; i < 41; i++) {
      await fetch(`${h.stub.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: USERS.viewer, password: 'wrong-password' }),
      });
    }
    const { page } = await h.newPage();
    await page.goto('/portal');
    await page.getByLabel('Email').fill(USERS.viewer);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(
      /Too many requests: the API asks to wait \d+ (seconds|minutes)/,
    );
    await expect(page.getByRole('button', { name: 'Sign in' }).isEnabled()).resolves.toBe(true);
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe(USERS.viewer);
  });
});
