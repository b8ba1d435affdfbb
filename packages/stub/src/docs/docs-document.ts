import { readFile } from 'node:fs/promises';

/** `host[:port]` or `[v6]:port`, as an HTTP/1.1 client sends it (RFC 9110 §7.2); anything else is ignored. */
const HOST = /^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;
const MAX_CACHED_HOSTS = 8;

/**
 * The contract as `/docs` renders it: the same document with `servers` replaced by this stub's
 * own origin (as the browser addressed it), so Scalar's "try it" calls the running stub and
 * nothing else. `/openapi.json` stays the contract byte for byte.
 */
export class DocsDocument {
  private parsed: Promise<Record<string, unknown>> | undefined;
  private readonly byHost = new Map<string, string>();

  constructor(private readonly contractPath: string) {}

  async render(hostHeader: string | undefined): Promise<string> {
    const host = hostHeader !== undefined && HOST.test(hostHeader) ? hostHeader : '';
    const cached = this.byHost.get(host);
    if (cached !== undefined) return cached;
    this.parsed ??= readFile(this.contractPath, 'utf8').then((text) => JSON.parse(text));
    const contract = await this.parsed;
    const server =
      host === ''
        ? { url: '/', description: 'This stub' }
        : { url: `http://${host}`, description: 'This stub (regen-stub): the requests of "try it" go here' };
    const body = JSON.stringify({ ...contract, servers: [server] });
    if (this.byHost.size >= MAX_CACHED_HOSTS) this.byHost.clear();
    this.byHost.set(host, body);
    return body;
  }
}
