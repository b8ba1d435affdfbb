#!/usr/bin/env node
/**
 * @module Screenshots of the partner portal (`/portal`) for the READMEs: the API keys page and the
 * usage charts. Starts a stub, makes some API calls with two fresh test keys (through
 * `@regen/client`: successes, a scope refusal, a missing id), signs in as the demo owner (test data)
 * in Debian's chromium and saves docs/portal-keys.png and docs/portal-usage.png. Needs a build
 * (`npm run build`). Fails if the page requested anything outside the stub's origin.
 *
 *   node scripts/screenshot-portal.mjs
 */
import { fileURLToPath } from 'node:url';
import { NotFoundError, PermissionDeniedError, RegenClient } from '@regen/client';
import { startStub } from '@regen/stub';
import { launchChromium } from './support/chromium.mjs';

const out = (name) => fileURLToPath(new URL(`../docs/${name}`, import.meta.url));
const EMAIL = 'demo@regen.test';
const PASSWORD = 'regen-demo-password';

const stub = await startStub({
  port: 0,
  logLevel: 'silent',
  rateLimits: 'standard=100000/1h,burst=10000/1m,write=10000/1h',
});
await stub.ready;
const browser = await launchChromium();
try {
  // Some traffic first, as a partner's integration would make it.
  const owner = await RegenClient.login({
    email: EMAIL,
    password: PASSWORD,
    mode: 'test',
    baseUrl: stub.url,
  });
  const backend = await owner.apiKeys.create({
    name: 'Order sync (backend)',
    scopes: ['read:orders', 'write:orders'],
  });
  const reports = await owner.apiKeys.create({
    name: 'Nightly reports',
    scopes: ['read:analytics', 'read:usage'],
  });
  const sync = new RegenClient({ apiKey: backend.key, baseUrl: stub.url, maxRetries: 0, logLevel: 'off' });
  const nightly = new RegenClient({ apiKey: reports.key, baseUrl: stub.url, maxRetries: 0, logLevel: 'off' });
  for (let i = 0; i < 24; i++) await sync.orders.list({ limit: 5 });
  for (let i = 0; i < 6; i++) await nightly.analytics.summary();
  const refused = async (call) => {
    try {
      await call();
    } catch (error) {
      if (!(error instanceof PermissionDeniedError || error instanceof NotFoundError)) throw error;
    }
  };
  for (let i = 0; i < 3; i++) await refused(() => nightly.orders.list({ limit: 1 })); // 403: no read:orders
  for (let i = 0; i < 2; i++) await refused(() => sync.orders.retrieve('ord_doesNotExist1')); // 404

  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
  const outside = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(`${stub.url}/`)) outside.push(request.url());
  });
  await page.goto(`${stub.url}/portal`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Test data').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('row', { name: /Order sync/ }).waitFor();
  await page.screenshot({ path: out('portal-keys.png') });
  console.log('wrote docs/portal-keys.png');

  await page.getByRole('link', { name: 'Usage', exact: true }).click();
  await page.getByLabel('Last hour (by minute)').check();
  await page.waitForFunction(() => document.querySelector('[data-total="requests"]')?.textContent !== '0');
  await page.waitForTimeout(300);
  await page.screenshot({ path: out('portal-usage.png'), fullPage: true });
  console.log('wrote docs/portal-usage.png');
  if (outside.length > 0) throw new Error(`requests left the stub: ${outside.join(', ')}`);
} finally {
  await browser.close();
  await stub.close();
}
