import type { AnalyticsSummary } from '@regen/contract';
import { ApiError } from '../http/api-error.ts';
import { ok } from './support/envelope.ts';
import type { Handlers } from './types.ts';

const DAY = 86_400_000;
const MAX_PERIOD_DAYS = 366;

export const analyticsHandlers = {
  getAnalyticsSummary: ({ query, store }) => {
    const to = query.to === undefined ? Math.floor(Date.now() / 1000) * 1000 : Date.parse(query.to);
    const from = query.from === undefined ? to - 30 * DAY : Date.parse(query.from);
    if (from >= to) throw new ApiError('invalid_request', '`from` must be before `to`');
    if (to - from > MAX_PERIOD_DAYS * DAY)
      throw new ApiError('invalid_request', `The period may not exceed ${MAX_PERIOD_DAYS} days`);
    const inPeriod = (iso: string) => {
      const t = Date.parse(iso);
      return t >= from && t < to;
    };
    let count = 0;
    let revenue = 0;
    const byProduct = new Map<string, { quantity: number; revenue: number }>();
    for (const order of store.orders.values()) {
      if (order.status === 'cancelled' || order.status === 'refunded' || !inPeriod(order.createdAt)) continue;
      if (order.total.currency !== 'USD') continue;
      count++;
      revenue += order.total.amount;
      for (const item of order.items) {
        const entry = byProduct.get(item.productId) ?? { quantity: 0, revenue: 0 };
        entry.quantity += item.quantity;
        entry.revenue += item.quantity * item.unitPrice.amount;
        byProduct.set(item.productId, entry);
      }
    }
    let pending = 0;
    let paid = 0;
    for (const c of store.commissions.values()) {
      if (!inPeriod(c.createdAt) || c.amount.currency !== 'USD') continue;
      if (c.status === 'paid') paid += c.amount.amount;
      else pending += c.amount.amount;
    }
    const topProducts = [...byProduct.entries()]
      .sort((a, b) => b[1].revenue - a[1].revenue)
      .slice(0, 10)
      .map(([productId, e]) => ({
        productId,
        name: store.products.get(productId)?.name ?? productId,
        quantity: e.quantity,
        revenue: { amount: e.revenue, currency: 'USD' },
      }));
    const summary: AnalyticsSummary = {
      period: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      orders: { count, revenue: { amount: revenue, currency: 'USD' } },
      averageOrderValue: { amount: count === 0 ? 0 : Math.round(revenue / count), currency: 'USD' },
      commissions: { pending: { amount: pending, currency: 'USD' }, paid: { amount: paid, currency: 'USD' } },
      topProducts,
    };
    return { status: 200, body: ok(summary) };
  },
} satisfies Pick<Handlers, 'getAnalyticsSummary'>;
