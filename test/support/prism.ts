/**
 * @module The one way every package's tests start Prism (`@stoplight/prism-cli`, its CLI as users
 * run it) on a free port of 127.0.0.1: `mock` serves a document's examples (the bundled contract
 * by default), `proxy` forwards to an upstream and reports violations in `sl-violations`.
 */
import { type ChildServer, startChildServer } from './child-server.ts';
import { freePort } from './free-port.ts';
import { bundledContract, prismBin, repoRoot } from './paths.ts';

const env = { SCARF_ANALYTICS: 'false', NO_COLOR: '1' };

/** `prism mock` of `document` (static examples); the bundled contract by default. */
export async function startPrismMock(document: string = bundledContract): Promise<ChildServer> {
  const port = await freePort();
  return startChildServer({
    command: prismBin,
    args: ['mock', '-h', '127.0.0.1', '-p', String(port), document],
    url: `http://127.0.0.1:${port}`,
    readyPath: '/api/health',
    cwd: repoRoot,
    env,
  });
}

/**
 * `prism proxy` in front of `upstream`. Without `--errors` it forwards every request (invalid
 * ones too) and reports request and response violations in the `sl-violations` header.
 */
export async function startPrismProxy(upstream: string): Promise<ChildServer> {
  const port = await freePort();
  return startChildServer({
    command: prismBin,
    args: ['proxy', '-h', '127.0.0.1', '-p', String(port), bundledContract, upstream],
    url: `http://127.0.0.1:${port}`,
    readyPath: '/api/health',
    cwd: repoRoot,
    env,
  });
}
