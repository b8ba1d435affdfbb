#!/usr/bin/env node
/**
 * @module The public API reports of the published TypeScript packages (`@regen/client`,
 * `@regen/contract`), written by @microsoft/api-extractor from the built declaration files into
 * `packages/<name>/etc/<entry>.api.md`, one per export of the package's `exports` map.
 *
 * `node scripts/api-report.mjs` (CI) fails when a report differs from the committed one: a public
 * API change must come with its report, in the same commit. `--update` (`npm run api:report`)
 * rewrites them. Needs `npm run build`.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const update = process.argv.includes('--update');
const PACKAGES = ['client', 'contract'];

let failed = 0;
for (const name of PACKAGES) {
  const folder = path.join(root, 'packages', name);
  const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
  for (const [entry, target] of Object.entries(manifest.exports)) {
    const types = typeof target === 'object' ? target.import?.types : undefined;
    if (types === undefined) continue; // ./package.json, ./openapi.json: no declarations
    const slug = entry === '.' ? 'index' : entry.slice(2).replaceAll('/', '-');
    const dts = path.join(folder, types);
    if (!existsSync(dts)) {
      console.error(`✘ ${manifest.name}${entry.slice(1)}: ${types} is missing; run \`npm run build\` first`);
      failed += 1;
      continue;
    }
    mkdirSync(path.join(folder, 'etc'), { recursive: true });
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: folder,
        mainEntryPointFilePath: dts,
        compiler: { tsconfigFilePath: path.join(folder, 'tsconfig.json') },
        apiReport: {
          enabled: true,
          reportFolder: path.join(folder, 'etc'),
          reportTempFolder: path.join(root, 'node_modules/.cache/api-extractor', name),
          reportFileName: `${slug}.api.md`,
        },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          // The reports record the API; documentation quality is TypeDoc's job (`npm run docs`).
          extractorMessageReporting: { default: { logLevel: 'none' } },
          tsdocMessageReporting: { default: { logLevel: 'none' } },
          compilerMessageReporting: { default: { logLevel: 'warning' } },
        },
      },
      configObjectFullPath: path.join(folder, 'api-extractor.json'),
      packageJsonFullPath: path.join(folder, 'package.json'),
    });
    const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false });
    const label = `${manifest.name}${entry.slice(1)} → packages/${name}/etc/${slug}.api.md`;
    if (result.apiReportChanged && !update) {
      console.error(`✘ ${label}: the public API changed; run \`npm run api:report\` and commit the report`);
      failed += 1;
    } else if (!result.succeeded) {
      console.error(`✘ ${label}: api-extractor failed (${result.errorCount} errors)`);
      failed += 1;
    } else {
      console.log(`✔ ${label}${result.apiReportChanged ? ' (updated)' : ''}`);
    }
  }
}
process.exit(failed === 0 ? 0 : 1);
