import { RegenError } from '../errors/RegenError.ts';
import { APIPromise } from './api-promise.ts';

/** The contract's list envelope. */
export interface ListEnvelope<Item> {
  /** `true`: a success envelope. */
  success: boolean;
  /** The items of this page. */
  data: Item[];
  /** Whether more items follow this page. */
  hasMore: boolean;
  /** The cursor of the next page, when there is one. */
  nextCursor?: string | null | undefined;
}

/**
 * One page of a cursor-paginated list. `for await` over a page (or over the promise a list method
 * returns) yields every item of this and all following pages.
 */
export class Page<Item> implements AsyncIterable<Item> {
  /** The items of this page. */
  readonly data: Item[];
  /** Whether the server has more items after this page. */
  readonly hasMore: boolean;
  /** The cursor of the next page; `null` on the last one. */
  readonly nextCursor: string | null;
  readonly #fetchPage: (cursor: string) => PagePromise<Item>;

  constructor(body: ListEnvelope<Item>, fetchPage: (cursor: string) => PagePromise<Item>) {
    this.data = body.data;
    this.hasMore = body.hasMore;
    this.nextCursor = body.nextCursor ?? null;
    this.#fetchPage = fetchPage;
  }

  /** Whether {@link getNextPage} can fetch another page. */
  hasNextPage(): boolean {
    return this.hasMore && typeof this.nextCursor === 'string' && this.nextCursor !== '';
  }

  /** Fetches the following page (with the same query and request options). */
  getNextPage(): PagePromise<Item> {
    if (!this.hasNextPage()) throw new RegenError('No next page: check hasNextPage() first.');
    return this.#fetchPage(this.nextCursor as string);
  }

  /** This page, then each following one. */
  async *iterPages(): AsyncGenerator<Page<Item>, void, undefined> {
    let page: Page<Item> = this;
    for (;;) {
      yield page;
      if (!page.hasNextPage()) return;
      const next: Page<Item> = await page.getNextPage();
      // A server that hands back the same cursor would loop forever.
      if (next.hasNextPage() && next.nextCursor === page.nextCursor) {
        throw new RegenError(`Pagination cursor did not advance (${page.nextCursor}).`);
      }
      page = next;
    }
  }

  /** Every item of this page and of the pages after it. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.iterPages()) yield* page.data;
  }

  /** The page as the list envelope it came from. */
  toJSON(): ListEnvelope<Item> {
    return { success: true, data: this.data, hasMore: this.hasMore, nextCursor: this.nextCursor };
  }
}

/** What list methods return: awaits to the first `Page`, and is async-iterable over every item. */
export class PagePromise<Item> extends APIPromise<Page<Item>> implements AsyncIterable<Item> {
  /** Every item of every page, fetching pages as the loop needs them. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    const page = await this;
    yield* page;
  }
}
