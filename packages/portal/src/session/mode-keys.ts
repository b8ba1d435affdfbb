import type { RegenClient } from '@regen/client';
import type { ApiKey, Mode } from '@regen/contract';

/**
 * Every API key of the session's mode. A live session may list test keys too; the portal shows
 * one mode's data at a time, as the sign-in choice says.
 */
export async function listModeKeys(client: RegenClient, mode: Mode): Promise<ApiKey[]> {
  const found: ApiKey[] = [];
  for await (const key of client.apiKeys.list({ limit: 100 })) if (key.environment === mode) found.push(key);
  return found;
}
