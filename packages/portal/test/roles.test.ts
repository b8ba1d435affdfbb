import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  hasChromium,
  openView,
  type RoleName,
  seriousViolations,
  signIn,
  usePortal,
} from './support/portal.ts';

const VIEWS = ['API keys', 'Usage', 'Request log', 'Webhooks'] as const;

describe.skipIf(!hasChromium())('portal: roles, pages, accessibility (Chromium over the stub)', () => {
  // Webhook retries 100 ms apart, so a delivery's second attempt comes within the test.
  const h = usePortal({ webhookBackoff: '100ms' });

  it('the stub serves the page with its CSP, no-store, and hashed assets with a year of cache, gzipped', async () => {
    const page = await fetch(`${h.stub.url}/portal/keys`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(html).not.toMatch(/<style|\sstyle=/); // no inline style
    const asset = /src="(\/portal\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toMatch(/-[A-Za-z0-9_-]{8}\.js$/);
    const js = await fetch(`${h.stub.url}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-encoding')).toBe('gzip');
    expect((await fetch(`${h.stub.url}/portal/assets/nope.js`)).status).toBe(404);
  });

  const expectations: Record<RoleName, { create: boolean; listKeys: boolean; role: string }> = {
    owner: { create: true, listKeys: true, role: 'owner' },
    admin: { create: false, listKeys: true, role: 'admin' },
    member: { create: false, listKeys: true, role: 'member' },
    viewer: { create: false, listKeys: false, role: 'viewer' },
  };

  for (const [role, want] of Object.entries(expectations) as [RoleName, (typeof expectations)[RoleName]][]) {
    it(`${role}: signs in, sees what the role allows, every page axe-clean`, async () => {
      const { page } = await h.newPage();
      await signIn(page, role);
      await expect(page.getByRole('banner').textContent()).resolves.toContain(want.role);
      for (const name of VIEWS) {
        await expect(page.getByRole('link', { name, exact: true }).count()).resolves.toBe(1);
      }
      await expect(page.getByRole('button', { name: 'Create key' }).count()).resolves.toBe(
        want.create ? 1 : 0,
      );
      if (want.listKeys) {
        await page.getByRole('table').waitFor();
        // Only an owner (write:api_keys) gets Rotate and Delete.
        await expect(page.getByRole('button', { name: /^Rotate/ }).count()).resolves[
          want.create ? 'toBeGreaterThan' : 'toBe'
        ](0);
        await expect(page.getByRole('button', { name: /^Delete/ }).count()).resolves[
          want.create ? 'toBeGreaterThan' : 'toBe'
        ](0);
      } else {
        await page.getByText('cannot view API keys').waitFor();
        await expect(page.getByRole('table').count()).resolves.toBe(0);
        await expect(page.getByRole('button', { name: /^(Rotate|Delete)/ }).count()).resolves.toBe(0);
      }
      expect(await seriousViolations(page)).toEqual([]);
      for (const name of ['Usage', 'Request log', 'Webhooks'] as const) {
        await openView(page, name);
        if (name === 'Usage') await page.getByRole('table', { name: 'Totals for the period' }).waitFor();
        if (name === 'Request log')
          await page.getByRole('table').or(page.getByText('No requests match')).first().waitFor();
        await expect(page.getByRole('alert').count()).resolves.toBe(0);
        expect(await seriousViolations(page)).toEqual([]);
      }
    });
  }

  it('sign-in page is axe-clean, a wrong password says so', async () => {
    const { page } = await h.newPage();
    await page.goto('/portal');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Email').fill('demo@regen.test');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Wrong email or password');
  });

  it('test and live data show separate keys', async () => {
    const names = { test: `test-only-${Date.now()}`, live: `live-only-${Date.now()}` };
    for (const mode of ['test', 'live'] as const) {
      const { page } = await h.newPage();
      await signIn(page, 'owner', mode);
      await page.getByRole('button', { name: 'Create key' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name').fill(names[mode]);
      await dialog.getByRole('checkbox', { name: 'read:orders', exact: true }).check();
      await dialog.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('button', { name: 'Done' }).waitFor();
      await expect(page.getByRole('dialog').textContent()).resolves.toContain(`rg_${mode}_`);
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('row', { name: new RegExp(names[mode]) }).waitFor();
    }
    for (const mode of ['test', 'live'] as const) {
      const { page } = await h.newPage();
      await signIn(page, 'owner', mode);
      await page.getByRole('row', { name: new RegExp(names[mode]) }).waitFor();
      const other = mode === 'test' ? names.live : names.test;
      await expect(page.getByRole('row', { name: new RegExp(other) }).count()).resolves.toBe(0);
      await expect(page.getByRole('banner').textContent()).resolves.toContain(`${mode} data`);
    }
  });

  it('a reload keeps the session only through sessionStorage; Sign out revokes it', async () => {
    const { page } = await h.newPage();
    await signIn(page, 'admin');
    await openView(page, 'Usage');
    expect(await page.evaluate(() => window.localStorage.length)).toBe(0);
    const saved = await page.evaluate(() => Object.keys(window.sessionStorage));
    expect(saved).toEqual(['regen.portal.session']);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Usage' }).waitFor();
    const refreshToken = await page.evaluate(
      () => JSON.parse(window.sessionStorage.getItem('regen.portal.session') ?? '{}').refreshToken as string,
    );
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => window.sessionStorage.length)).toBe(0);
    // Revoked server-side: the refresh token no longer works.
    const refresh = await fetch(`${h.stub.url}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    expect(refresh.status).toBe(401);
  });

  it('webhooks: an owner adds an endpoint (secret once), sees its deliveries and attempts; a member cannot add', async () => {
    // A receiver on 127.0.0.1: the first delivery attempt gets a 500, the retry a 200.
    let calls = 0;
    const receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(++calls === 1 ? 500 : 200).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/${Date.now()}`;
    try {
      const { page } = await h.newPage();
      await signIn(page, 'owner');
      await openView(page, 'Webhooks');
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a webhook endpoint' });
      await dialog.getByLabel('URL').fill(url);
      await dialog.getByRole('checkbox', { name: 'api_key.rotated' }).check();
      await dialog.getByRole('button', { name: 'Add endpoint' }).click();
      const shown = page.getByRole('dialog', { name: `Endpoint ${url} added` });
      const secret = (await shown.locator('[data-secret]').textContent()) ?? '';
      expect(secret.length).toBeGreaterThan(16);
      await shown.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('row', { name: new RegExp(url) }).waitFor();
      expect(await page.content()).not.toContain(secret);

      // An event: rotate a key, then watch its delivery (first attempt 500, retried to 200).
      await openView(page, 'API keys');
      await page
        .getByRole('button', { name: /^Rotate / })
        .first()
        .click();
      await page.getByRole('button', { name: 'Done' }).click();
      await openView(page, 'Webhooks');
      await page.getByRole('button', { name: `Deliveries to ${url}` }).click();
      const deliveries = page.getByRole('dialog', { name: `Recent deliveries to ${url}` });
      await expect
        .poll(
          async () => {
            await deliveries.getByRole('button', { name: 'Refresh' }).click();
            return deliveries
              .locator('tbody')
              .textContent()
              .catch(() => '');
          },
          { timeout: 15_000, interval: 250 },
        )
        .toMatch(/api_key\.rotated.*delivered.*HTTP 500.*HTTP 200/s);
      expect(await seriousViolations(page)).toEqual([]);
      await deliveries.getByRole('button', { name: 'Close' }).click();

      const member = (await h.newPage()).page;
      await signIn(member, 'member');
      await openView(member, 'Webhooks');
      await member.getByRole('row', { name: new RegExp(url) }).waitFor();
      await expect(member.getByRole('button', { name: 'Add endpoint' }).count()).resolves.toBe(0);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
