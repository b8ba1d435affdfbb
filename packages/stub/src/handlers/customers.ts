import type { Customer } from '@regen/contract';
import { ApiError, notFound } from '../http/api-error.ts';
import type { Store } from '../store/store.ts';
import { limitOf, list, ok } from './support/envelope.ts';
import { patched } from './support/patch.ts';
import type { Handlers } from './types.ts';

function find(store: Store, id: string): Customer {
  const customer = store.customers.get(id);
  if (!customer) throw notFound('Customer', id);
  return customer;
}

export const customerHandlers = {
  listCustomers: ({ query, store }) => {
    const email = query.email?.toLowerCase();
    return {
      status: 200,
      body: list(
        store.customers.page(
          limitOf(query),
          query.cursor,
          (c) => email === undefined || c.email.toLowerCase() === email,
        ),
      ),
    };
  },

  getCustomer: ({ params, store }) => ({ status: 200, body: ok(find(store, params.id)) }),

  updateCustomer: ({ params, body, store }) => {
    const current = find(store, params.id);
    if (body.email !== undefined) {
      const wanted = body.email.toLowerCase();
      for (const other of store.customers.values()) {
        if (other.id !== current.id && other.email.toLowerCase() === wanted) {
          throw new ApiError('conflict', `Email ${body.email} is already used by ${other.id}`);
        }
      }
    }
    // Customers are sealed: a change is a new record in the old one's place.
    const customer = patched(current, body);
    store.customers.insert(customer);
    store.changed();
    return { status: 200, body: ok(customer) };
  },
} satisfies Pick<Handlers, 'listCustomers' | 'getCustomer' | 'updateCustomer'>;
