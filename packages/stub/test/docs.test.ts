import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useStub } from './support/stub.ts';

const ctx = useStub();
const CHROMIUM = '/usr/bin/chromium';
const contractDoc = () =>
  JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@regen/contract/openapi.json'), 'utf8'));

describe('/openapi.json and /docs', () => {
  it('serves the bundled contract', async () => {
    const reply = await ctx.client.get('/openapi.json', { key: null });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.body).toEqual(contractDoc());
  });

  it('serves a self-contained reference page: every asset from the stub, no CDN', async () => {
    const page = await ctx.client.get('/docs', { key: null });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const refs = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.startsWith('/')).toBe(true);
      expect((await ctx.client.get(ref, { key: null })).status).toBe(200);
    }
    const script = await ctx.client.get('/docs/docs.js', { key: null });
    expect(script.text).not.toMatch(/https?:\/\//);
    const root = await fetch(`${ctx.stub.url}/`, { redirect: 'manual' });
    expect(root.headers.get('location')).toBe('/docs');
  });

  const hasChromium = existsSync(CHROMIUM);
  const title = hasChromium
    ? 'renders every operation in headless Chromium'
    : 'renders in headless Chromium — SKIPPED: /usr/bin/chromium is not installed (apt-get install -y chromium)';
  it.skipIf(!hasChromium)(title, async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage();
      const external: string[] = [];
      const errors: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(ctx.stub.url)) external.push(request.url());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${ctx.stub.url}/docs`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
      const doc = contractDoc();
      const operationIds = Object.values(
        doc.paths as Record<string, Record<string, { operationId?: string }>>,
      )
        .flatMap((item) => Object.values(item).map((op) => op.operationId))
        .filter((id): id is string => typeof id === 'string');
      const rendered = await page.$$eval('section.op .opid', (nodes) => nodes.map((n) => n.textContent));
      for (const id of operationIds) expect(rendered).toContain(id);
      expect(await page.title()).toBe(doc.info.title);
      expect(await page.textContent('section#listOrders')).toContain('/api/v1/orders');
      await page.fill('#filter', 'payouts');
      const visible = await page.$$eval('section.op:not(.hidden) .path', (nodes) =>
        nodes.map((n) => n.textContent),
      );
      expect(visible.length).toBeGreaterThan(0);
      expect(visible.every((p) => p?.includes('payouts'))).toBe(true);
      expect(external).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
