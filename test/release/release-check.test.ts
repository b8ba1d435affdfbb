/**
 * `npm run release:check`, the gate between a change and the version it ships in, run as a maintainer
 * runs it, on a scratch copy of this repository's contract, public API reports and changesets: a
 * breaking contract change without a major changeset fails; `--write` records the bump and regen-diff's
 * Markdown in `.changeset/contract-changes.md`; a later contract change makes that file stale; a
 * public API report that lost a declaration needs a major; `--base REV` tells what a branch alone
 * requires; `npm run release:version` turns the generated changeset into the next major version with
 * the Markdown in every changelog; a repository without a recorded release gets one line and exit 2.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = path.join(root, 'scripts/release-check.mjs');
const PRODUCTS = 'openapi/components/schemas/products.yaml';
const CLIENT_REPORT = 'packages/client/etc/index.api.md';

let repo: string;

async function releaseCheck(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec('node', [SCRIPT, '--repo', repo, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const at = path.join(repo, file);
  const before = await readFile(at, 'utf8');
  const after = change(before);
  expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
  await writeFile(at, after);
}

const changeset = (bump: string, text: string) =>
  `---\n'@regen/contract': ${bump}\n'@regen/client': ${bump}\n---\n\n${text}\n`;

beforeEach(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'regen-release-'));
  await cp(path.join(root, 'openapi'), path.join(repo, 'openapi'), { recursive: true });
  await writeFile(
    path.join(repo, 'package.json'),
    JSON.stringify({ name: 'scratch', private: true, workspaces: ['packages/*'] }),
  );
  for (const name of ['contract', 'client', 'stub', 'conformance']) {
    await mkdir(path.join(repo, 'packages', name, 'etc'), { recursive: true });
    await cp(
      path.join(root, 'packages', name, 'package.json'),
      path.join(repo, 'packages', name, 'package.json'),
    );
  }
  await cp(path.join(root, CLIENT_REPORT), path.join(repo, CLIENT_REPORT));
  await mkdir(path.join(repo, '.changeset'));
  await cp(path.join(root, '.changeset/config.json'), path.join(repo, '.changeset/config.json'));
  // The scratch repository's work tree is what was released.
  const recorded = await releaseCheck('--record-release');
  expect(recorded.code, recorded.stderr).toBe(0);
});

afterEach(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe('release:check', () => {
  it('passes with nothing changed since the release, and asks for no changeset', async () => {
    const run = await releaseCheck();
    expect(run.stdout).toContain('required: none');
    expect(run.stdout).toContain('✔');
    expect(run.code).toBe(0);
  });

  it('fails a breaking contract change that only a minor changeset declares, until --write records a major', async () => {
    // `description` is no longer promised in every product: clients reading it may get undefined.
    await edit(PRODUCTS, (text) =>
      text.replace('required: [id, name, sku, description,', 'required: [id, name, sku,'),
    );
    await writeFile(
      path.join(repo, '.changeset/catalogue.md'),
      changeset('minor', 'Catalogue descriptions.'),
    );

    const refused = await releaseCheck();
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('contract: major (major: response-property-became-optional)');
    expect(refused.stdout).toContain('.changeset/contract-changes.md is missing');
    expect(refused.stdout).toContain('the changes need a major changeset; the pending ones declare minor');

    const written = await releaseCheck('--write');
    expect(written.code, written.stdout).toBe(0);
    const text = await readFile(path.join(repo, '.changeset/contract-changes.md'), 'utf8');
    expect(text).toMatch(
      /^---\n'@regen\/contract': major\n'@regen\/client': major\n'@regen\/stub': major\n'@regen\/conformance': major\n---\n/,
    );
    expect(text).toContain('### Breaking changes');
    expect(text).toContain('| `response-property-became-optional` | property description optional |');
    expect(text).toContain('`GET /api/v1/products/{id}`');

    const after = await releaseCheck();
    expect(after.code, after.stdout).toBe(0);
    expect(after.stdout).toContain('required: major; declared by the pending changesets');
  });

  it('release:version releases what --write recorded: a major version, the changes in the changelogs, a new released state', async () => {
    await edit(PRODUCTS, (text) =>
      text.replace('required: [id, name, sku, description,', 'required: [id, name, sku,'),
    );
    expect((await releaseCheck('--write')).code).toBe(0);
    const version = await exec('node', [path.join(root, 'node_modules/@changesets/cli/bin.js'), 'version'], {
      cwd: repo,
    });
    expect(version.stderr).not.toMatch(/error/i);
    for (const name of ['contract', 'client', 'stub', 'conformance']) {
      const manifest = JSON.parse(await readFile(path.join(repo, 'packages', name, 'package.json'), 'utf8'));
      expect(manifest.version, name).toBe('1.0.0');
      const changelog = await readFile(path.join(repo, 'packages', name, 'CHANGELOG.md'), 'utf8');
      expect(changelog).toContain('### Major Changes');
      expect(changelog).toContain('`response-property-became-optional`');
    }
    const recorded = await releaseCheck('--record-release');
    expect(recorded.stdout).toContain('released state of 1.0.0');
    const after = await releaseCheck();
    expect(after.stdout).toContain('since release 1.0.0');
    expect(after.stdout).toContain('required: none');
    expect(after.code).toBe(0);
  });

  it('asks for a minor when the contract only adds, and a patch for a description', async () => {
    await edit(PRODUCTS, (text) =>
      text.replace('description: Display name.', 'description: Display name, as shown to customers.'),
    );
    expect((await releaseCheck('--write')).code).toBe(0);
    expect(await readFile(path.join(repo, '.changeset/contract-changes.md'), 'utf8')).toContain(
      "'@regen/client': patch",
    );

    await edit(PRODUCTS, (text) =>
      text.replace(
        '  properties:\n    id:\n',
        '  properties:\n    origin:\n      type: string\n      description: Country of origin.\n    id:\n',
      ),
    );
    const stale = await releaseCheck();
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('.changeset/contract-changes.md is out of date');

    expect((await releaseCheck('--write')).code).toBe(0);
    const text = await readFile(path.join(repo, '.changeset/contract-changes.md'), 'utf8');
    expect(text).toContain("'@regen/client': minor");
    expect(text).toContain('`response-property-added`');
  });

  it('needs a major when a public API report lost a declaration, and a minor when it only gained one', async () => {
    const report = await readFile(path.join(repo, CLIENT_REPORT), 'utf8');
    const declaration = report.split('\n').find((line) => line.startsWith('export class '));
    expect(declaration).toBeDefined();
    await writeFile(path.join(repo, CLIENT_REPORT), `${report}\n// @public\nexport const added: number;\n`);
    const minor = await releaseCheck();
    expect(minor.stdout).toContain(
      'public API reports: minor (minor: packages/client/etc/index.api.md (0 lines gone or changed, 1 added))',
    );
    expect(minor.code).toBe(1);

    await writeFile(path.join(repo, CLIENT_REPORT), report.replace(`${declaration}\n`, ''));
    const major = await releaseCheck('--write');
    expect(major.stdout).toContain('public API reports: major');
    expect(await readFile(path.join(repo, '.changeset/contract-changes.md'), 'utf8')).toContain(
      '## Public API changes\n\n- major: packages/client/etc/index.api.md (1 lines gone or changed, 0 added)',
    );
    expect((await releaseCheck()).code).toBe(0);
  });

  it('--base REV tells what a branch alone requires, against a git revision', async () => {
    const git = (...args: string[]) =>
      exec('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo });
    await git('init', '-q');
    await git('add', '.');
    await git('commit', '-qm', 'release');
    await edit(PRODUCTS, (text) =>
      text.replace('required: [name, sku, price]', 'required: [name, sku, price, description]'),
    );
    const run = await releaseCheck('--base', 'HEAD');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('since revision HEAD');
    expect(run.stdout).toContain('required by the changes since HEAD: major');
    expect(run.stdout).toContain('`request-property-became-required`');
  });

  it('says in one line, exit 2, when no release is recorded or the contract cannot be read', async () => {
    await rm(path.join(repo, 'packages/contract/etc/released'), { recursive: true });
    const unrecorded = await releaseCheck();
    expect(unrecorded.code).toBe(2);
    expect(unrecorded.stderr.trim().split('\n')).toHaveLength(1);
    expect(unrecorded.stderr).toContain('no release is recorded');

    await writeFile(
      path.join(repo, 'openapi/openapi.yaml'),
      'swagger: "2.0"\ninfo: {title: x, version: "1"}\npaths: {}\n',
    );
    const broken = await releaseCheck('--record-release');
    expect(broken.code).toBe(2);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    expect(broken.stderr).not.toContain('    at ');
  });
});
