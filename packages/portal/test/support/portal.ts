/**
 * @module What every portal test file shares: one real stub (`@regen/stub`, in-process, port 0,
 * raised limits) and one headless Debian Chromium per file, a fresh browser context per test,
 * every request the browser makes recorded (nothing may leave the stub's origin), and helpers to
 * sign in and to run axe-core.
 */
import AxeBuilder from '@axe-core/playwright';
import type { StubOptions, StubServer } from '@regen/stub';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { hasChromium, launchChromium } from '../../../../test/support/chromium.ts';
import { ADMIN_KEY, startTestStub } from '../../../../test/support/stub-server.ts';

export { ADMIN_KEY, hasChromium };

/** Demo users of the stub's seed (all with {@link PASSWORD}). */
export const USERS = {
  owner: 'demo@regen.test',
  admin: 'admin@regen.test',
  member: 'member@regen.test',
  viewer: 'viewer@regen.test',
} as const;
export const PASSWORD = 'regen-demo-password';
export type RoleName = keyof typeof USERS;

/** The file's stub and browser, and every URL a page of it requested. */
export interface PortalHarness {
  readonly stub: StubServer;
  readonly browser: Browser;
  /** Requests to anywhere but the stub's origin, and CSP violations (must stay empty). */
  readonly outside: string[];
  /** Every URL requested or navigated to (secrets must never appear in one). */
  readonly urls: string[];
  /** A fresh context (its own sessionStorage) and page, recording requests. */
  newPage(options?: {
    clipboard?: boolean;
    origin?: string;
  }): Promise<{ context: BrowserContext; page: Page }>;
}

/** Starts the file's stub and Chromium before its tests, stops both after them. */
export function usePortal(options: StubOptions = {}): PortalHarness {
  const outside: string[] = [];
  const urls: string[] = [];
  const contexts: BrowserContext[] = [];
  const holder = {} as { stub: StubServer; browser: Browser };
  beforeAll(async () => {
    holder.stub = await startTestStub(options);
    holder.browser = await launchChromium(['--no-first-run', '--disable-component-update', '--disable-sync']);
  }, 60_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await holder.browser?.close();
    await holder.stub?.close();
    expect(outside).toEqual([]);
  });
  return {
    get stub() {
      return holder.stub;
    },
    get browser() {
      return holder.browser;
    },
    outside,
    urls,
    /** `origin`: another stub the page works with (its own origin is then the only one allowed). */
    async newPage({
      clipboard = false,
      origin = holder.stub.url,
    }: {
      clipboard?: boolean;
      origin?: string;
    } = {}) {
      const context = await holder.browser.newContext({
        baseURL: origin,
        ...(clipboard ? { permissions: ['clipboard-read', 'clipboard-write'] } : {}),
      });
      contexts.push(context);
      context.on('request', (request) => {
        const url = request.url();
        urls.push(url);
        if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) outside.push(url);
      });
      const page = await context.newPage();
      page.on('framenavigated', (frame) => urls.push(frame.url()));
      // A load the CSP blocked never becomes a request: catch those attempts (and any inline style or script) too.
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) outside.push(`CSP: ${message.text()}`);
      });
      return { context, page };
    },
  };
}

/** Signs in through the form and waits for the API keys page. */
export async function signIn(page: Page, role: RoleName, mode: 'test' | 'live' = 'test'): Promise<void> {
  await page.goto('/portal');
  await page.getByLabel('Email').fill(USERS[role]);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel(mode === 'test' ? 'Test data' : 'Live data').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
}

/** Opens a page of the portal through its navigation link. */
export async function openView(page: Page, link: 'API keys' | 'Usage' | 'Request log' | 'Webhooks') {
  await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: link === 'API keys' ? 'API keys' : link }).waitFor();
}

/** axe-core's serious and critical violations of the page as it is now (WCAG 2.x A/AA and best practice). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Calls the API from outside the browser (Node's fetch) with an API key. */
export function callWithKey(stub: StubServer, key: string, path: string): Promise<Response> {
  return fetch(`${stub.url}${path}`, { headers: { 'x-api-key': key } });
}
