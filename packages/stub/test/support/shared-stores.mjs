// Creates / drops a test database and deletes a Redis key prefix. Run as a separate node
// process (test/support/shared-stores.ts): inside vitest's workers `pg` cannot be imported
// (vitest resolves `require` with the `import` condition, and pg's CommonJS build then gets
// pg-pool's ES module). Usage: node shared-stores.mjs create|drop <admin-url> <db> | flush <redis-url> <prefix>
// | query <db-url> <sql> (prints the rows of the last statement as JSON)
// | hold <db-url> <sql> (runs it in a transaction, prints "held", rolls back when stdin closes)
// | set <redis-url> <key> <value>

import { Redis } from 'ioredis';
import pg from 'pg';

const [command, url, name] = process.argv.slice(2);
if (command === 'create' || command === 'drop') {
  if (!/^regen_test_[a-z0-9_]+$/.test(name)) throw new Error(`refusing database name ${name}`);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  if (command === 'create') await client.query(`CREATE DATABASE ${name}`);
  else await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
} else if (command === 'query') {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  const result = await client.query(name);
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  process.stdout.write(JSON.stringify(last.rows));
  await client.end();
} else if (command === 'hold') {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  await client.query('BEGIN');
  await client.query(name);
  process.stdout.write('held\n');
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once('end', resolve));
  await client.query('ROLLBACK');
  await client.end();
} else if (command === 'flush') {
  if (!name || name.length < 8) throw new Error(`refusing prefix ${name}`);
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 1 });
  await redis.connect();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${name}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
} else if (command === 'set') {
  if (!name?.startsWith('regen_test_')) throw new Error(`refusing key ${name}`);
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 1 });
  await redis.connect();
  await redis.set(name, process.argv[5]);
  redis.disconnect();
} else {
  throw new Error(`unknown command ${command}`);
}
