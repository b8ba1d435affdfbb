#!/usr/bin/env node
/**
 * @module First render of the partner portal's API keys page after sign-in, in Debian's chromium
 * against a stub started here (built `@regen/stub`, which serves the built portal). Each run is a
 * fresh browser context (cold cache): load `/portal`, fill the form, then time inside the page from
 * the "Sign in" click to the first painted frame with the keys table's rows, and split it into the
 * sign-in request (its scrypt password check dominates) and what follows (users.me, apiKeys.list,
 * render). Also reports the cold load of `/portal` to the rendered sign-in form. Medians of N runs.
 *
 *   node bench/portal-bench.mjs [runs]   (default 15; after `npm run build`)
 */
import { startStub } from '@regen/stub';
import { launchChromium } from '../scripts/support/chromium.mjs';

const runs = Number(process.argv[2] ?? 15);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const stub = await startStub({
  port: 0,
  logLevel: 'silent',
  rateLimits: 'standard=100000/1h,burst=10000/1m,write=10000/1h,auth=1000/15m',
});
await stub.ready;
const browser = await launchChromium();
const results = { load: [], total: [], signIn: [], afterSignIn: [] };
try {
  for (let i = 0; i < runs + 1; i++) {
    const context = await browser.newContext({ baseURL: stub.url });
    const page = await context.newPage();
    await page.goto('/portal');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // Navigation start → the sign-in form in the DOM (the app's first render).
    const load = await page.evaluate(() => performance.now());
    await page.getByLabel('Email').fill('demo@regen.test');
    await page.getByLabel('Password').fill('regen-demo-password');
    await page.getByLabel('Test data').check();
    const timing = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const start = performance.now();
          const done = () => {
            if (!document.querySelector('table.keys tbody tr')) return false;
            observer.disconnect();
            requestAnimationFrame(() => {
              const end = performance.now();
              const login = performance
                .getEntriesByType('resource')
                .find((e) => e.name.endsWith('/api/auth/login'));
              resolve({ total: end - start, signIn: (login?.responseEnd ?? start) - start });
            });
            return true;
          };
          const observer = new MutationObserver(done);
          observer.observe(document.body, { childList: true, subtree: true });
          document.querySelector('form button[type="submit"]').click();
        }),
    );
    await context.close();
    if (i === 0) continue; // warm-up: the stub reads and gzips the portal on its first request
    results.load.push(load);
    results.total.push(timing.total);
    results.signIn.push(timing.signIn);
    results.afterSignIn.push(timing.total - timing.signIn);
  }
} finally {
  await browser.close();
  await stub.close();
}
const ms = (v) => `${v.toFixed(1)} ms`;
console.log(
  `portal first render, Chromium ${browser.version()}, median of ${runs} runs (cold context each):`,
);
console.log(`  /portal load → sign-in form rendered:          ${ms(median(results.load))}`);
console.log(`  "Sign in" click → keys table painted:          ${ms(median(results.total))}`);
console.log(`    of which POST /api/auth/login (scrypt):      ${ms(median(results.signIn))}`);
console.log(`    after sign-in (users.me, apiKeys.list, render): ${ms(median(results.afterSignIn))}`);
