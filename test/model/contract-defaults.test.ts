/**
 * Proof that the stub's defaults are the contract's documented defaults, not copies of them: the
 * token lifetimes, the refresh-token reuse leeway, the authorization-code lifetime and the rate-limit
 * tiers the stub starts with equal the extensions the contract model reads (`x-token-lifetimes`,
 * `x-rate-limit-tiers`), and a copy of the contract with other figures, run through
 * `scripts/generate.mjs`, gives the stub's configuration those figures.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as contractDefaults from '@regen/contract/defaults';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../packages/stub/src/config/rate-limits.ts';
import { resolveSettings } from '../../packages/stub/src/config/settings.ts';
import { CODE_TTL_MS } from '../../packages/stub/src/oauth/authorization-codes.ts';
import { buildContractModel, type ContractDefaults } from '../../scripts/generate/contract-model.mjs';
import { startTestStub } from '../support/stub-server.ts';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));
const STUB_GENERATED = path.join(repo, 'packages/stub/src/generated/contract-defaults.ts');

type Doc = Record<string, unknown> & {
  components: { securitySchemes: Record<string, Record<string, unknown>> };
};

const readDoc = async (): Promise<Doc> =>
  JSON.parse(await readFile(path.join(repo, 'packages/contract/openapi.json'), 'utf8'));

/** What the stub's configuration makes of the documented defaults, in the contract model's terms. */
async function stubDefaults(modules: {
  settings: { resolveSettings: typeof resolveSettings };
  rateLimits: { DEFAULT_RATE_LIMITS: typeof DEFAULT_RATE_LIMITS };
  codes: { CODE_TTL_MS: number };
}): Promise<ContractDefaults> {
  const settings = modules.settings.resolveSettings();
  const limits = modules.rateLimits.DEFAULT_RATE_LIMITS;
  const tier = (name: 'standard' | 'burst' | 'write') => ({
    limit: limits[name].limit,
    windowSeconds: limits[name].windowMs / 1000,
  });
  return {
    bearerTokenLifetimes: {
      accessTokenSeconds: settings.accessTtlMs / 1000,
      refreshTokenSeconds: settings.refreshTtlMs / 1000,
      refreshReuseLeewaySeconds: settings.refreshLeewayMs / 1000,
    },
    oauthTokenLifetimes: {
      // The stub has one access-token lifetime, for sessions and OAuth tokens alike.
      accessTokenSeconds: settings.accessTtlMs / 1000,
      authorizationCodeSeconds: modules.codes.CODE_TTL_MS / 1000,
    },
    rateLimitTiers: { standard: tier('standard'), burst: tier('burst'), write: tier('write') },
  };
}

describe("the stub's defaults are the contract's documented defaults", () => {
  it('equal the extensions the contract model reads, and @regen/contract/defaults', async () => {
    const model = buildContractModel(await readDoc());
    const stub = await stubDefaults({
      settings: { resolveSettings },
      rateLimits: { DEFAULT_RATE_LIMITS },
      codes: { CODE_TTL_MS },
    });
    expect(stub).toEqual(model.defaults);
    expect({
      bearerTokenLifetimes: contractDefaults.bearerTokenLifetimes,
      oauthTokenLifetimes: contractDefaults.oauthTokenLifetimes,
      rateLimitTiers: contractDefaults.rateLimitTiers,
    }).toEqual(model.defaults);
  });

  it('are what a stub started without options answers with', async () => {
    const { bearerTokenLifetimes, rateLimitTiers } = buildContractModel(await readDoc()).defaults;
    const stub = await startTestStub({}, { productDefaults: true });
    try {
      const login = await fetch(`${stub.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(stub.demoUser),
      });
      expect(login.status).toBe(200);
      expect((await login.json()).data.expiresIn).toBe(bearerTokenLifetimes.accessTokenSeconds);
      // The bucket closest to exhaustion on a first request is the burst tier.
      expect(login.headers.get('x-ratelimit-limit')).toBe(String(rateLimitTiers.burst?.limit));
    } finally {
      await stub.close();
    }
  });
});

describe('changing the YAML changes the stub after `npm run generate`', () => {
  const changed: ContractDefaults = {
    bearerTokenLifetimes: {
      accessTokenSeconds: 1800,
      refreshTokenSeconds: 86_400,
      refreshReuseLeewaySeconds: 3,
    },
    oauthTokenLifetimes: { accessTokenSeconds: 1800, authorizationCodeSeconds: 120 },
    rateLimitTiers: {
      standard: { limit: 500, windowSeconds: 7200 },
      burst: { limit: 7, windowSeconds: 30 },
      write: { limit: 20, windowSeconds: 600 },
    },
  };
  let out: string;

  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'regen-defaults-proof-'));
    const doc = await readDoc();
    delete doc['x-generated'];
    const schemes = doc.components.securitySchemes;
    (schemes.BearerAuth as Record<string, unknown>)['x-token-lifetimes'] = changed.bearerTokenLifetimes;
    (schemes.OAuth2 as Record<string, unknown>)['x-token-lifetimes'] = changed.oauthTokenLifetimes;
    doc['x-rate-limit-tiers'] = changed.rateLimitTiers;
    await mkdir(path.join(out, 'openapi'));
    // JSON is YAML: the bundled document is a one-file contract the generator can read.
    await writeFile(path.join(out, 'openapi/openapi.yaml'), JSON.stringify(doc, null, 2));
    await cp(path.join(repo, 'openapi/README.md'), path.join(out, 'openapi/README.md'));
    await run(process.execPath, [path.join(repo, 'scripts/generate.mjs'), out, path.join(out, 'openapi')], {
      cwd: repo,
    });
  }, 120_000);

  afterEach(() => {
    vi.doUnmock(STUB_GENERATED);
    vi.resetModules();
  });

  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it("gives the stub's configuration, its --help and @regen/contract/defaults the new figures", async () => {
    const regenerated = path.join(out, 'packages/stub/src/generated/contract-defaults.ts');
    // The stub's own modules, reading the regenerated file in place of the committed one.
    vi.resetModules();
    vi.doMock(STUB_GENERATED, () => import(regenerated));
    const stub = await stubDefaults({
      settings: await import('../../packages/stub/src/config/settings.ts'),
      rateLimits: await import('../../packages/stub/src/config/rate-limits.ts'),
      codes: await import('../../packages/stub/src/oauth/authorization-codes.ts'),
    });
    expect(stub).toEqual(changed);
    const { HELP } = await import('../../packages/stub/src/config/cli-args.ts');
    expect(HELP).toContain('Access-token lifetime (default 30m');
    expect(HELP).toContain('Refresh-token lifetime (default 1d');
    expect(HELP).toMatch(/same pair \(default\s+3s/);
    expect(HELP).toContain('standard=500/2h,burst=7/30s,write=20/10m,auth=10/15m');

    const contract = await import(path.join(out, 'packages/contract/src/generated/defaults.ts'));
    expect({
      bearerTokenLifetimes: contract.bearerTokenLifetimes,
      oauthTokenLifetimes: contract.oauthTokenLifetimes,
      rateLimitTiers: contract.rateLimitTiers,
    }).toEqual(changed);
  });
});
