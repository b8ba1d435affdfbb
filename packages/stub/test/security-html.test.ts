import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium as chromiumInstalled, launchChromium } from '../../../test/support/chromium.ts';
import { pkceChallenge } from '../src/index.ts';
import { useStub } from './support/stub.ts';

const ctx = useStub();
const REDIRECT = 'http://127.0.0.1:9/cb';
// Each runs script if it is ever parsed as markup; none may.
const MARKUP = `"><img src=x onerror="window.__xss=(window.__xss||0)+1"><script>window.__xss=(window.__xss||0)+1</script>`;

const authorizeParams = (extra: Record<string, string> = {}) =>
  new URLSearchParams({
    response_type: 'code',
    client_id: 'cli_regen_demo',
    redirect_uri: REDIRECT,
    code_challenge_method: 'S256',
    code_challenge: pkceChallenge('v'.repeat(43)),
    state: 'st',
    ...extra,
  });

/**
 * Every HTML response: CSP without inline script or eval, nosniff, no framing. Only `/docs`
 * (Scalar injects its styles at run time) may allow inline style, and nothing else inline.
 */
function expectHardened(headers: Headers, { inlineStyle = false } = {}): void {
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp).toMatch(/default-src 'none'/);
  expect(csp).toMatch(/frame-ancestors 'none'/);
  expect(csp).toMatch(/base-uri 'none'/);
  expect(csp).not.toMatch(/unsafe-eval|unsafe-hashes|strict-dynamic/);
  const directives = csp.split(';').map((d) => d.trim());
  const inline = directives.filter((d) => d.includes("'unsafe-inline'"));
  expect(inline).toEqual(inlineStyle ? [expect.stringMatching(/^style-src /)] : []);
  for (const d of directives) expect(d, d).not.toMatch(/(^|\s)(\*|https?:|blob:)(\s|$)/); // no outside origin
  const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? "'none'";
  expect(scriptSrc).not.toMatch(/\*|https?:|data:|blob:/);
  const connectSrc = /connect-src ([^;]*)/.exec(csp)?.[1] ?? "'none'";
  expect(connectSrc).toMatch(/^'(self|none)'$/);
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
}

// "Security": HTML pages. Consent-flow error pages must not reflect request input unescaped.
describe('HTML responses escape what they reflect and send a restrictive CSP', () => {
  it('consent page, its error pages and /docs carry CSP, nosniff and frame-ancestors none', async () => {
    const page = await fetch(`${ctx.stub.url}/oauth/authorize?${authorizeParams()}`);
    expect(page.status).toBe(200);
    expectHardened(page.headers);
    const consent = (query: string, body = 'decision=approve&email=a%40b.c&password=x') =>
      fetch(`${ctx.stub.url}/oauth/consent?${query}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    const errors = [
      await consent(`${authorizeParams()}&${encodeURIComponent(MARKUP)}=1`), // unknown parameter name
      await consent(authorizeParams({ client_id: MARKUP }).toString()), // unknown client
      await consent(authorizeParams({ state: MARKUP }).toString()), // wrong password: the page again
    ];
    for (const reply of errors) {
      expect([400, 401]).toContain(reply.status);
      expectHardened(reply.headers);
      const text = await reply.text();
      expect(text).not.toContain('<img');
      expect(text).not.toContain('<script>window');
    }
    expectHardened((await fetch(`${ctx.stub.url}/docs`)).headers, { inlineStyle: true });
  });

  const hasChromium = chromiumInstalled();
  describe.skipIf(!hasChromium)('in headless Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium(['--no-first-run']);
    }, 30_000);
    afterAll(async () => browser?.close());

    /** A cross-site page (about:blank) that posts `fields` to `action`, as an attacker's page would. */
    async function crossSitePost(page: Page, action: string, fields: Record<string, string>): Promise<void> {
      await page.setContent('<!doctype html><title>attacker</title>');
      await Promise.all([
        page.waitForURL((url) => url.href.startsWith(ctx.stub.url), { waitUntil: 'load' }),
        page.evaluate(
          ({ action, fields }) => {
            const form = document.createElement('form');
            form.method = 'post';
            form.action = action;
            for (const [name, value] of Object.entries(fields)) {
              const input = document.createElement('input');
              input.name = name;
              input.value = value;
              form.append(input);
            }
            document.body.append(form);
            form.submit();
          },
          { action, fields },
        ),
      ]);
    }

    async function ran(page: Page): Promise<unknown> {
      await page.waitForTimeout(150);
      return page.evaluate(() => (window as unknown as { __xss?: number }).__xss);
    }

    it('markup posted into each reflected field never runs', async () => {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const fields = { email: MARKUP, password: MARKUP, decision: 'approve' };
      const cases = [
        `${authorizeParams()}&${encodeURIComponent(MARKUP)}=1`, // unknown parameter name
        authorizeParams({ client_id: MARKUP }).toString(), // client_id
        authorizeParams({ state: MARKUP }).toString(), // state, in the form's action URL
        authorizeParams({
          scope: 'read:orders',
          state: MARKUP,
          redirect_uri: `${REDIRECT}?x=${MARKUP}`,
        }).toString(),
      ];
      for (const query of cases) {
        await crossSitePost(page, `${ctx.stub.url}/oauth/consent?${query}`, fields);
        expect(await ran(page), query).toBeUndefined();
        expect(await page.content()).not.toMatch(/<img src="?x/);
      }
      // The consent page itself, with markup in state.
      await page.goto(`${ctx.stub.url}/oauth/authorize?${authorizeParams({ state: MARKUP })}`);
      expect(await ran(page)).toBeUndefined();
      expect(dialogs).toEqual([]);
      await page.close();
    });

    it('the consent page still works under its CSP: styled, and its form reaches the redirect URI', async () => {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      const redirected = new Promise<string>((resolve) =>
        page.on('request', (r) => {
          if (r.url().startsWith(REDIRECT)) resolve(r.url());
        }),
      );
      await page.goto(`${ctx.stub.url}/oauth/authorize?${authorizeParams()}`);
      const color = await page.$eval('body', (b) => getComputedStyle(b).maxWidth);
      expect(color).toBe('420px'); // the hashed inline stylesheet applied
      await ctx.stub.ready;
      await page.fill('input[name=email]', ctx.stub.demoUser.email);
      await page.fill('input[name=password]', ctx.stub.demoUser.password);
      await page.click('button[value=approve]');
      expect(new URL(await redirected).searchParams.get('code')).toMatch(/.+/);
      expect(violations).toEqual([]);
      await page.close();
    });
  });
});
