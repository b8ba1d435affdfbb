/** Helpers of the CLI tests: run `main` in memory, write temporary documents, serve one over HTTP. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';

/** The repository root (git revisions in tests are read from it). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** What one run printed and returned. */
export interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the command in memory, from the repository root. */
export async function run(...args: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const io = {
    out: (text: string) => {
      out += text;
    },
    err: (text: string) => {
      err += text;
    },
    cwd: ROOT,
  };
  const code = await main(args, io);
  return { code, out, err };
}

const dir = mkdtempSync(path.join(tmpdir(), 'regen-diff-test-'));

/** Writes a file under a fresh temporary directory and returns its path. */
export function tempFile(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Serves `body` at every path; resolves to the server and its base URL. */
export async function serve(body: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const { server } = await serve('');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
