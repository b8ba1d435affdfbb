/** @module Generates the scope vocabulary (canonical names, accepted spellings, roles) from the contract. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withHeader } from './header.mjs';
import { documentScopes } from './type-docs.mjs';

export async function generateScopes(doc, outDir) {
  const schemas = doc.components?.schemas ?? {};
  const canonical = schemas.Scope?.enum;
  if (!Array.isArray(canonical)) throw new Error('contract: components.schemas.Scope must be an enum');
  const accepted = schemas.ScopeInput?.enum ?? canonical;
  const roles = schemas.Role?.enum ?? [];
  const roleScopes = schemas.Role?.['x-role-scopes'] ?? {};
  for (const role of roles) {
    if (!Array.isArray(roleScopes[role])) throw new Error(`contract: Role.x-role-scopes lacks ${role}`);
  }
  const source = `/** Canonical scope names (\`action:resource\`), as the contract's \`Scope\` schema lists them. */
export const canonicalScopes = ${JSON.stringify(canonical)} as const;

/** Every spelling a server accepts on input (\`ScopeInput\`): canonical, \`resource:action\` and coarse aliases. */
export const acceptedScopeSpellings = ${JSON.stringify(accepted)} as const;

/** JWT user roles and the scopes each grants (\`Role.x-role-scopes\`). */
export const roleScopes = ${JSON.stringify(roleScopes, null, 2)} as const;
`;
  const file = path.join(outDir, 'scopes.ts');
  await writeFile(file, withHeader(documentScopes(source)));
  return [file];
}
