/**
 * The Scalar API reference bundled into the stub's `dist/docs/` at build time (tsup.config.ts
 * checks the installed `@scalar/api-reference` has this version). The version is in the asset's
 * URL, so browsers may cache it for a year.
 */
export const SCALAR_VERSION = '1.46.4';

/** File name of the bundled browser build, in `dist/docs/` and in the asset's URL. */
export const SCALAR_FILE = `scalar-api-reference-${SCALAR_VERSION}.js`;
