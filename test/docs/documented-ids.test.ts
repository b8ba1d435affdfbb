/**
 * Every resource id a document shows a reader (READMEs, api.md, examples, the contract in openapi/
 * and the contract the stub serves to its API reference) exists in the demo data of a freshly
 * started stub, so pasting it into a client call or "try it" finds the record. An id on a line
 * that says it is a 404 example (`does not exist`, `404`) is exempt.
 */
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds } from '../support/demo-ids.ts';
import { documentedIds, idsIn } from '../support/document-ids.ts';
import { ADMIN_KEY, startTestStub } from '../support/stub-server.ts';

let stub: StubServer;
let existing: Set<string>;

beforeAll(async () => {
  stub = await startTestStub();
  existing = await demoIds(stub, ADMIN_KEY);
});
afterAll(async () => {
  await stub.close();
});

/** The mentions whose id the demo data lacks, as `id at FILE:LINE` lines (readable in a failure). */
const missing = (mentions: { id: string; where: string }[]) =>
  mentions.filter((m) => !existing.has(m.id)).map((m) => `${m.id} at ${m.where}`);

describe('ids the documents show exist in the demo data', () => {
  it('in the repository: READMEs, api.md, examples/, openapi/', () => {
    const mentions = documentedIds();
    // The documents do show ids (a broken extraction would pass vacuously).
    expect(new Set(mentions.map((m) => m.id)).size).toBeGreaterThan(15);
    expect(missing(mentions)).toEqual([]);
  });

  it('in the contract the stub serves to its API reference (/docs/openapi.json)', async () => {
    const url = `${stub.url}/docs/openapi.json`;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    // One id per line, so a failure names where in the served document it is.
    const text = JSON.stringify(await res.json(), null, 1);
    const mentions = idsIn(text, url);
    expect(mentions.length).toBeGreaterThan(15);
    expect(missing(mentions)).toEqual([]);
  });

  it('control: an id the demo data lacks is reported, and a 404 example is exempt', () => {
    expect(missing(idsIn('retrieve("ord_4Hk2Lm9Qr7s")', 'x.md'))).toEqual(['ord_4Hk2Lm9Qr7s at x.md:1']);
    expect(idsIn('retrieve("ord_doesNotExist1")  # an id that does not exist: a 404', 'x.md')).toEqual([]);
    expect(idsIn('`key_lifecycle` is a check', 'x.md')).toEqual([]);
  });
});
