#!/usr/bin/env node
/**
 * @module Probe (not a test): would a writer compiled from the `Product` schema serialize the
 * stub's list page faster than V8's `JSON.stringify`? Side by side in one process, on a page of
 * 20 products shaped like the stub's (4.8 kB): `JSON.stringify`; a fast-json-stringify style
 * writer (one concatenation per known property, escaping skipped for short plain strings); the
 * same built per item with template literals and `join`. Each also with the `Buffer.byteLength`
 * a response needs, which flattens a concatenated string before it can be written. Best of 15
 * rounds of 20,000 calls, µs per page.
 *
 * Usage: node bench/json-writer-probe.mjs
 */
const product = (i) => ({
  id: `prd_${(1e13 + i * 7919).toString(36)}`,
  name: `Regen Serum ${i}`,
  sku: `SKU-${i}`,
  description: i % 2 ? null : `A restorative serum with peptides, for daily use. ${i}`,
  price: { amount: 4999 + i, currency: 'USD' },
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
});
const page = {
  data: Array.from({ length: 20 }, (_, i) => product(i)),
  hasMore: true,
  nextCursor: 'cHJkXzEyMw',
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what JSON escapes.
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;
const str = (v) => (v.length < 42 && !NEEDS_ESCAPE.test(v) ? `"${v}"` : JSON.stringify(v));
const orNull = (v) => (v === null ? 'null' : str(v));

const concatProduct = (p) =>
  '{"id":' +
  str(p.id) +
  ',"name":' +
  str(p.name) +
  ',"sku":' +
  str(p.sku) +
  ',"description":' +
  orNull(p.description) +
  ',"price":{"amount":' +
  p.price.amount +
  ',"currency":' +
  str(p.price.currency) +
  '},"active":' +
  p.active +
  ',"createdAt":' +
  str(p.createdAt) +
  ',"updatedAt":' +
  str(p.updatedAt) +
  '}';
const templateProduct = (p) =>
  `{"id":${str(p.id)},"name":${str(p.name)},"sku":${str(p.sku)},"description":${orNull(p.description)},"price":{"amount":${p.price.amount},"currency":${str(p.price.currency)}},"active":${p.active},"createdAt":${str(p.createdAt)},"updatedAt":${str(p.updatedAt)}}`;

const tail = (pg) => `],"hasMore":${pg.hasMore},"nextCursor":${orNull(pg.nextCursor)}}`;
function concatPage(pg) {
  let out = '{"data":[';
  for (let i = 0; i < pg.data.length; i++) out += (i === 0 ? '' : ',') + concatProduct(pg.data[i]);
  return out + tail(pg);
}
const joinPage = (pg) => `{"data":[${pg.data.map(templateProduct).join(',')}${tail(pg)}`;

const writers = {
  'JSON.stringify': JSON.stringify,
  'concatenation (fast-json-stringify style)': concatPage,
  'template literals + join': joinPage,
};
for (const [name, write] of Object.entries(writers))
  if (write(page) !== JSON.stringify(page))
    throw new Error(`${name} does not write what JSON.stringify writes`);

function best(fn) {
  let min = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 15; round++) {
    const start = process.hrtime.bigint();
    let bytes = 0;
    for (let i = 0; i < 20_000; i++) bytes += fn(page).length;
    if (bytes === 0) throw new Error('nothing written');
    min = Math.min(min, Number(process.hrtime.bigint() - start) / 20_000 / 1000);
  }
  return min;
}

console.log(
  `page of ${page.data.length} products, ${JSON.stringify(page).length} bytes; µs per page, best of 15 × 20,000`,
);
const rows = Object.entries(writers).map(([name, write]) => ({
  name,
  alone: best(write),
  withLength: best((p) => Buffer.byteLength(write(p))),
}));
const stringify = rows[0].withLength;
for (const { name, alone, withLength } of rows)
  console.log(
    `${name.padEnd(44)} ${alone.toFixed(2).padStart(6)} alone, ${withLength.toFixed(2).padStart(6)} with Buffer.byteLength (${(withLength / stringify).toFixed(2)}× JSON.stringify's time)`,
  );
