/**
 * @module Every id of the demo data a reader can reach, read over HTTP from a running stub as a reader
 * would: with the admin key (the demo account's owner, live mode: the data the READMEs and the API
 * reference's "try it" use), every page of every list, and the seeded accounts through their owners'
 * logins (an account is not listed by the API; `users/me` names it).
 */
import type { StubServer } from '@regen/stub';

/** The lists that hold the demo data's records, by the path that lists them. */
const LISTS = [
  '/api/v1/orders',
  '/api/v1/products',
  '/api/v1/customers',
  '/api/v1/commissions',
  '/api/v1/payouts',
  '/api/v1/inventory/adjustments',
  '/api/v1/api-keys',
  '/api/v1/webhooks',
] as const;

async function getJson(
  url: string,
  headers: Record<string, string>,
): Promise<{ data: unknown; nextCursor?: string | null }> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { data: unknown; nextCursor?: string | null };
}

/** The ids of every item of every page of `list`. */
async function idsOfList(stub: StubServer, list: string, headers: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null | undefined;
  do {
    const query = new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) });
    const page = await getJson(`${stub.url}${list}?${query}`, headers);
    for (const item of page.data as { id: string }[]) ids.push(item.id);
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** The user and account `users/me` names for a credential. */
async function me(stub: StubServer, headers: Record<string, string>): Promise<string[]> {
  const { data } = await getJson(`${stub.url}/api/v1/users/me`, headers);
  const user = data as { id: string; accountId: string };
  return [user.id, user.accountId];
}

/** Logs a seeded account's owner in (live mode) and returns its Authorization header. */
async function ownerOf(stub: StubServer, email: string): Promise<Record<string, string>> {
  const res = await fetch(`${stub.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: stub.demoUser.password }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const { data } = (await res.json()) as { data: { accessToken: string } };
  return { authorization: `Bearer ${data.accessToken}` };
}

/**
 * Every id the demo data holds for the admin key's account (live mode), plus the seeded accounts
 * (the second one, Northwind, through its owner `northwind@<demo domain>`).
 */
export async function demoIds(stub: StubServer, adminKey: string): Promise<Set<string>> {
  const admin = { 'x-api-key': adminKey };
  const lists = await Promise.all(LISTS.map((list) => idsOfList(stub, list, admin)));
  const domain = stub.demoUser.email.slice(stub.demoUser.email.indexOf('@') + 1);
  const northwind = await me(stub, await ownerOf(stub, `northwind@${domain}`));
  return new Set([...lists.flat(), ...(await me(stub, admin)), ...northwind]);
}
