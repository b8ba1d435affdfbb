/**
 * The built ESM bundle in headless Chromium (Debian's `chromium`, driven by playwright-core)
 * against the stub over real HTTP, cross-origin: a token works; an API key is refused unless
 * `dangerouslyAllowBrowser` is set.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StubServer } from '@regen/stub';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { hasChromium, launchChromium } from '../../../test/support/chromium.ts';
import { ADMIN_KEY, startTestStub } from './support/stub.ts';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
let stub: StubServer;
let site: Server;
let siteUrl: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!hasChromium()) return;
  stub = await startTestStub();
  // The page comes from another origin than the API, as a real web app would.
  site = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>regen</title>');
      return;
    }
    const file = join(dist, path.replace(/^\/dist\//, ''));
    if (!path.startsWith('/dist/') || !file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  browser = await launchChromium(['--disable-component-update', '--disable-sync']);
  page = await browser.newPage();
  await page.goto(siteUrl);
  // Load the built ESM entry as a module script (vitest would rewrite an import() inside evaluate).
  await page.addScriptTag({
    type: 'module',
    content: "import * as Regen from '/dist/index.js'; window.Regen = Regen;",
  });
  await page.waitForFunction(() => 'Regen' in window);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (site ? site.close(r) : r(undefined)));
  await stub?.close();
});

test.skipIf(!hasChromium())('a token call works from the browser bundle', async () => {
  const result = await page.evaluate(
    async ({ baseUrl, email, password }) => {
      const { RegenClient } = (window as unknown as { Regen: typeof import('../src/index.ts') }).Regen;
      const client = await RegenClient.login({ email, password, baseUrl });
      const me = await client.users.me();
      const { data, requestId } = await client.orders.list({ limit: 2 }).withResponse();
      return { email: me.email, orders: data.data.length, requestId, rateLimit: client.rateLimit };
    },
    { baseUrl: stub.url, ...stub.demoUser },
  );
  expect(result.email).toBe(stub.demoUser.email);
  expect(result.orders).toBe(2);
  expect(result.requestId).toMatch(/^req_/);
  expect(result.rateLimit?.limit).toBeGreaterThan(0);
});

test.skipIf(!hasChromium())(
  'an API key is refused in the browser without dangerouslyAllowBrowser',
  async () => {
    const result = await page.evaluate(
      async ({ baseUrl, apiKey }) => {
        const { RegenClient, RegenError } = (window as unknown as { Regen: typeof import('../src/index.ts') })
          .Regen;
        let refused = '';
        try {
          new RegenClient({ apiKey, baseUrl });
        } catch (error) {
          refused = error instanceof RegenError ? (error as Error).message : `wrong error: ${String(error)}`;
        }
        const allowed = new RegenClient({ apiKey, baseUrl, dangerouslyAllowBrowser: true });
        const page = await allowed.orders.list({ limit: 1 });
        return { refused, allowedCount: page.data.length };
      },
      { baseUrl: stub.url, apiKey: ADMIN_KEY },
    );
    expect(result.refused).toMatch(/Refusing to use an API key or client secret in a browser/);
    expect(result.refused).not.toContain(ADMIN_KEY);
    expect(result.allowedCount).toBe(1);
  },
);

test.skipIf(!hasChromium())('typed errors and retries work in the browser too', async () => {
  const result = await page.evaluate(
    async ({ baseUrl, email, password }) => {
      const { RegenClient, NotFoundError, APIError } = (
        window as unknown as { Regen: typeof import('../src/index.ts') }
      ).Regen;
      const client = await RegenClient.login({ email, password, baseUrl });
      try {
        await client.orders.retrieve('ord_doesNotExist1');
        return 'no error';
      } catch (error) {
        return error instanceof NotFoundError && error instanceof APIError
          ? `${error.status} ${error.code}`
          : String(error);
      }
    },
    { baseUrl: stub.url, ...stub.demoUser },
  );
  expect(result).toBe('404 not_found');
});
