import { readFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { hasChromium as chromiumInstalled, launchChromium } from '../../../test/support/chromium.ts';
import { DocsDocument } from '../src/docs/docs-document.ts';
import { SCALAR_FILE } from '../src/docs/scalar-version.ts';
import { ADMIN_KEY, useStub } from './support/stub.ts';

const ctx = useStub();
const contractDocPath = () => createRequire(import.meta.url).resolve('@regen/contract/openapi.json');
const contractDoc = () => JSON.parse(readFileSync(contractDocPath(), 'utf8'));

describe('/openapi.json and /docs', () => {
  it('serves the bundled contract', async () => {
    const reply = await ctx.client.get('/openapi.json', { key: null });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.body).toEqual(contractDoc());
  });

  it('serves the reference page from its own files: no CDN, nothing inline', async () => {
    const page = await ctx.client.get('/docs', { key: null });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).not.toMatch(/<script>|<script [^>]*>[^<]/); // every script has a src
    expect(page.text).not.toMatch(/<style/);
    const refs = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(refs).toContain(`/docs/${SCALAR_FILE}`);
    for (const ref of refs.filter((r) => !r.startsWith('data:'))) {
      expect(ref.startsWith('/')).toBe(true);
      expect((await ctx.client.get(ref, { key: null })).status).toBe(200);
    }
    const script = await ctx.client.get('/docs/docs.js', { key: null });
    expect(script.text).not.toMatch(/https?:\/\//);
    expect(script.text).toMatch(/withDefaultFonts: false/);
    const root = await fetch(`${ctx.stub.url}/`, { redirect: 'manual' });
    expect(root.headers.get('location')).toBe('/docs');
  });

  it("serves Scalar's bundle gzipped (or not, as asked), cached for a year under a versioned URL", async () => {
    const url = `${ctx.stub.url}/docs/${SCALAR_FILE}`;
    const installed = readFileSync(
      createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js'),
    );
    const raw = (encoding: string) =>
      new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
    const zipped = await raw('gzip, deflate, br');
    expect(zipped.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(zipped.headers['content-type']).toMatch(/^text\/javascript/);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(installed.length / 2);
    expect(gunzipSync(zipped.body).equals(installed)).toBe(true);
    const plain = await raw('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(installed)).toBe(true);
  });

  it('gives the page the contract with this stub as its only server; /openapi.json keeps the contract', async () => {
    const reply = await ctx.client.get('/docs/openapi.json', { key: null });
    expect(reply.status).toBe(200);
    const { servers, ...rest } = reply.body;
    const { servers: contractServers, ...contract } = contractDoc();
    expect(servers).toEqual([{ url: ctx.stub.url, description: expect.stringMatching(/stub/) }]);
    expect(rest).toEqual(contract);
    expect(contractServers[0].url).toMatch(/^https:/);
    // A Host that is not a plain host[:port] is never written into the document.
    const forged = JSON.parse(await new DocsDocument(contractDocPath()).render('evil.test/"><script>'));
    expect(forged.servers).toEqual([{ url: '/', description: 'This stub' }]);
  });

  const hasChromium = chromiumInstalled();
  const title = hasChromium
    ? 'renders in headless Chromium: Markdown tables, examples, try-it against the stub, no outside request'
    : 'renders in headless Chromium — SKIPPED: /usr/bin/chromium is not installed (apt-get install -y chromium)';
  it.skipIf(!hasChromium)(
    title,
    async () => {
      const browser = await launchChromium([
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ]);
      try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        const requests: string[] = [];
        const errors: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        page.on('pageerror', (error) => errors.push(error.message));
        page.on('console', (message) => {
          if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text()))
            errors.push(message.text());
        });
        await page.goto(`${ctx.stub.url}/docs`);
        await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
        const doc = contractDoc();
        expect(await page.title()).toMatch(/Regen/);

        // The introduction's Markdown is rendered: its tables are <table>s, no raw pipes or hashes.
        await page.waitForSelector('table th:text-is("scheme")', { timeout: 20_000 });
        const headerRows = await page.$$eval('table', (tables) =>
          tables.map((t) => [...t.querySelectorAll('th')].map((th) => th.textContent?.trim())),
        );
        expect(headerRows).toContainEqual(['scheme', 'how']);
        expect(headerRows).toContainEqual(['role', 'scopes']);
        const intro = await page.textContent('body');
        expect(intro).toContain('CLIENT_OWNER');
        expect(intro).not.toContain('|---|');
        expect(intro).not.toMatch(/^## Authentication/m);

        // An operation's documented request example appears (createOrder's body).
        await page.goto(`${ctx.stub.url}/docs#tag/orders/POST/api/v1/orders`);
        await page.reload();
        await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
        const example = doc.paths['/api/v1/orders'].post.requestBody.content['application/json'];
        const first = Object.values(example.examples as Record<string, { $ref: string }>)[0];
        const body = doc.components.examples[first?.$ref.split('/').pop() ?? ''].value;
        await page.waitForFunction(
          (id) => document.body.textContent?.includes(id) === true,
          body.customerId as string,
          {
            timeout: 10_000,
          },
        );
        expect(await page.textContent('body')).toContain(body.items[0].productId);

        // Schemas are browsable: the Models section lists the contract's schemas.
        expect(await page.textContent('body')).toMatch(/Models/);

        // "Try it" calls the running stub (same origin, allowed by the CSP) with the key typed in
        // the page's X-API-Key field (the preferred scheme).
        await page.goto(`${ctx.stub.url}/docs#tag/orders/GET/api/v1/orders`);
        await page.reload();
        await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
        await page.locator('input.scalar-password-input:visible').first().fill(ADMIN_KEY);
        const listed = page.waitForRequest((r) => r.url() === `${ctx.stub.url}/api/v1/orders`, {
          timeout: 10_000,
        });
        await page.locator('button:has-text("Test Request"):visible').first().click();
        await page.locator('button:has-text("Send"):visible').first().click();
        const sent = await listed;
        expect(sent.headers()['x-api-key']).toBe(ADMIN_KEY);
        expect((await sent.response())?.status()).toBe(200);
        await page.waitForFunction(() => document.body.textContent?.includes('200 OK') === true);

        expect(requests.filter((url) => !url.startsWith(`${ctx.stub.url}/`))).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
