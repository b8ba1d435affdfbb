import { RegenClient } from '@regen/client';
import { ADMIN_KEY, startTestStub } from './support/stub.ts';

const stub = await startTestStub({ accessTokenTtl: '2s', rotationGrace: '2s' });
console.log(stub.url);
const admin = new RegenClient({ apiKey: ADMIN_KEY, baseUrl: stub.url, logLevel: 'debug' });
try {
  console.log(await admin.health());
  const page = await admin.orders.list({ limit: 2 });
  console.log(page.data.length, page.hasMore, page.nextCursor);
  let n = 0;
  for await (const o of admin.orders.list({ limit: 3 })) n++;
  console.log('orders', n);
  const key = await admin.apiKeys.create({ name: 'k', scopes: ['read:orders'], environment: 'test' });
  console.log(key);
  const c = new RegenClient({ apiKey: key.key, baseUrl: stub.url });
  console.log((await c.orders.list()).data.length);
  try {
    await c.orders.create({
      customerId: 'cus_x',
      items: [{ productId: 'prd_x', quantity: 1 }],
      currency: 'USD',
    });
  } catch (e) {
    console.log(e);
  }
  const s = await RegenClient.login({ ...stub.demoUser, baseUrl: stub.url });
  console.log(await s.users.me());
} catch (e) {
  console.log('ERR', e);
}
console.log(stub.violations);
await stub.close();
