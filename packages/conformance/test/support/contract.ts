/** @module The bundled contract, parsed once for the behaviour tests. */
import { bundledSpecPath, loadDocument } from '../../src/spec/load-document.ts';
import { parseSpec } from '../../src/spec/parse-spec.ts';

/** The contract the runner ships with. */
export const contract = parseSpec(await loadDocument(bundledSpecPath()), bundledSpecPath());

/** A well-formed API key for test servers (`rg_live_` + 32 base62). */
export const TEST_KEY = 'rg_live_Xq7vTESTtestTESTtestTESTtf0Sa';
