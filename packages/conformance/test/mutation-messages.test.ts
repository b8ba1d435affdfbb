/**
 * A server that accepts invalid input (getUsageSeries of the broken server) is told which keyword the input broke: a date-time query
 * parameter sent as 12345 arrives as the string "12345", and the failure names `format:
 * date-time`, not the type the mutation aimed at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../src/index.ts';
import { type BrokenServer, startBrokenServer } from './support/broken-server.ts';
import { contract, TEST_KEY } from './support/contract.ts';

let server: BrokenServer;
beforeAll(async () => {
  server = await startBrokenServer({
    spec: contract,
    apiKey: TEST_KEY,
    fault: 'accept-invalid-input',
    faultOperation: 'getUsageSeries',
  });
});
afterAll(async () => {
  await server.close();
});

describe('negative_data_rejection messages', () => {
  it('name the keyword the accepted value violates', async () => {
    const report = await runConformance({
      baseUrl: server.url,
      apiKey: TEST_KEY,
      seed: 9,
      maxExamples: 40,
      operations: ['getUsageSeries'],
      checks: ['negative_data_rejection'],
    });
    const messages = report.results.flatMap((r) => r.failures.map((f) => f.message));
    expect(messages).toContainEqual(
      expect.stringMatching(/query parameter "(from|to)" "12345" violates format: date-time$/),
    );
    expect(messages.filter((m) => /"(from|to)"/.test(m))).not.toContainEqual(
      expect.stringContaining('where string is expected'),
    );
  });
});
