#!/usr/bin/env node
/**
 * @module Screenshots of the stub's API reference (`/docs`, Scalar) for the README: the
 * introduction and one operation (createOrder, with its request example and the try-it panel).
 * Needs a build (`npm run build`) and Debian's chromium. Writes docs/api-reference.png and
 * docs/api-reference-operation.png.
 *
 *   node scripts/screenshot-docs.mjs
 */
import { fileURLToPath } from 'node:url';
import { startStub } from '@regen/stub';
import { launchChromium } from './support/chromium.mjs';

const out = (name) => fileURLToPath(new URL(`../docs/${name}`, import.meta.url));

const stub = await startStub({ port: 0, logLevel: 'silent' });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const outside = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(`${stub.url}/`)) outside.push(request.url());
  });
  const shoot = async (hash, file, ready) => {
    await page.goto(`${stub.url}/docs${hash}`);
    await page.reload(); // Scalar scrolls to the hash's section on load
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForFunction((text) => document.body.textContent?.includes(text), ready);
    await page.waitForTimeout(800); // let the section settle after scrolling
    await page.screenshot({ path: out(file) });
    console.log(`wrote docs/${file}`);
  };
  await shoot('', 'api-reference.png', 'CLIENT_OWNER');
  await shoot('#tag/orders/POST/api/v1/orders', 'api-reference-operation.png', 'cus_4Fh7Jk2Lp9Q');
  if (outside.length > 0) throw new Error(`requests left the stub: ${outside.join(', ')}`);
} finally {
  await browser.close();
  await stub.close();
}
