/** @module The package version, read from package.json (one level above both src/ and dist/). */
import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../package.json') as { version: string };

/** Version of @regen/conformance. */
export const VERSION: string = pkg.version;
