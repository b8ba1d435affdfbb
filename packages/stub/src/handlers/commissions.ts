import type { Commission, Mode, Payout } from '@regen/contract';
import { notFound } from '../http/api-error.ts';
import type { Job } from '../shared/jobs.ts';
import { newId } from '../store/ids.ts';
import type { Services } from './services.ts';
import { limitOf, list, nowIso, ok } from './support/envelope.ts';
import { assertRepresentable } from './support/money.ts';
import { unprocessable } from './support/unprocessable.ts';
import type { Handlers } from './types.ts';

/** How long a new payout stays `pending` before it is paid. */
export const PAYOUT_SETTLE_MS = 100;

/** The job kind that settles a payout. */
export const SETTLE_PAYOUT = 'settlePayout';

/** `{ kind: 'settlePayout', accountId, mode, payoutId }`. */
export interface SettlePayoutJob {
  readonly kind: typeof SETTLE_PAYOUT;
  readonly accountId: string;
  readonly mode: Mode;
  readonly payoutId: string;
}

/**
 * Pays a payout still `pending` (a job: it may run on another instance than the one that made
 * the payout, and more than once): its commissions become `paid`, `payout.paid` fires. In shared
 * mode the caller runs it inside `shared.write`.
 */
export function settlePayout(services: Services, job: Job): undefined {
  const { accountId, mode, payoutId } = job as unknown as SettlePayoutJob;
  if (!services.tenancy.accounts.peek(accountId)) return;
  const store = services.tenancy.partition(accountId, mode);
  const pending = store.payouts.get(payoutId);
  if (pending?.status !== 'pending') return;
  // Payouts and commissions are sealed: a change is a new record in the old one's place.
  const payout: Payout = { ...pending, status: 'paid', paidAt: nowIso() };
  store.payouts.insert(payout);
  for (const id of payout.commissionIds) {
    const c = store.commissions.get(id);
    if (c) store.commissions.insert({ ...c, status: 'paid' });
  }
  store.changed();
  services.webhooks.emit(store, 'payout.paid', payout);
}

export const commissionHandlers = {
  listCommissions: ({ query, store }) => ({
    status: 200,
    body: list(
      store.commissions.page(
        limitOf(query),
        query.cursor,
        (c) => query.status === undefined || c.status === query.status,
      ),
    ),
  }),

  getCommission: ({ params, store }) => {
    const commission = store.commissions.get(params.id);
    if (!commission) throw notFound('Commission', params.id);
    return { status: 200, body: ok(commission) };
  },

  listPayouts: ({ query, store }) => ({
    status: 200,
    body: list(store.payouts.page(limitOf(query), query.cursor)),
  }),

  getPayout: ({ params, store }) => {
    const payout = store.payouts.get(params.id);
    if (!payout) throw notFound('Payout', params.id);
    return { status: 200, body: ok(payout) };
  },

  /** Moves approved commissions into a pending payout, then settles it: commissions become `paid`, `payout.paid` fires. */
  createPayout: ({ body, store, services }) => {
    const currency = body.currency ?? 'USD';
    const included: Commission[] = body.commissionIds.map((id, i) => {
      const c = store.commissions.get(id);
      const path = `/commissionIds/${i}`;
      if (!c) throw unprocessable(`Commission ${id} does not exist`, path);
      if (c.status !== 'approved') throw unprocessable(`Commission ${id} is ${c.status}, not approved`, path);
      if (c.payoutId !== null)
        throw unprocessable(`Commission ${id} is already in payout ${c.payoutId}`, path);
      if (c.amount.currency !== currency) throw unprocessable(`Commission ${id} is not in ${currency}`, path);
      return c;
    });
    const amount = included.reduce((sum, c) => sum + c.amount.amount, 0);
    assertRepresentable(amount, '/commissionIds');
    const payout: Payout = {
      id: newId('pay'),
      amount: { amount, currency },
      status: 'pending',
      commissionIds: included.map((c) => c.id),
      createdAt: nowIso(),
      paidAt: null,
    };
    for (const c of included) store.commissions.insert({ ...c, payoutId: payout.id });
    store.payouts.insert(payout);
    store.changed();
    const created = { status: 201 as const, body: ok(payout) };
    const job: SettlePayoutJob = {
      kind: SETTLE_PAYOUT,
      accountId: store.accountId,
      mode: store.mode,
      payoutId: payout.id,
    };
    // Shared mode: queued on Redis inside the write (a rolled-back payout is simply not found).
    const scheduled = services.jobs.schedule(job, Date.now() + PAYOUT_SETTLE_MS);
    return scheduled instanceof Promise ? scheduled.then(() => created) : created;
  },
} satisfies Pick<
  Handlers,
  'listCommissions' | 'getCommission' | 'listPayouts' | 'getPayout' | 'createPayout'
>;
