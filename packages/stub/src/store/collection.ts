import { ApiError } from '../http/api-error.ts';
import { seal } from '../records/sealed.ts';

/** One page of a list, in the contract's list envelope fields. */
export interface Page<T> {
  readonly data: T[];
  readonly hasMore: boolean;
  readonly nextCursor: string | null;
}

/**
 * Watches which items a write touches (PostgreSQL mode: the changed ones are saved in the
 * write's transaction). Unset in memory mode, where each access pays one field check.
 */
export interface CollectionTracker {
  touch(collection: Collection<unknown>, id: string): void;
  touchAll(collection: Collection<unknown>): void;
}

/** How a {@link Collection} keys and keeps its items. */
export interface CollectionOptions<T> {
  /** An item's id (default: its `id` property). */
  readonly keyOf?: (item: T) => string;
  /** Seal every item it is given (default: false). */
  readonly sealed?: boolean;
}

/**
 * An insertion-ordered collection keyed by id, listed newest first with opaque cursors
 * (base64url of the last id returned). Positions are remembered after deletion, so a cursor
 * stays valid when its item is deleted between two pages.
 */
export class Collection<T> {
  private readonly items = new Map<string, T>();
  private readonly position = new Map<string, number>();
  private next = 0;
  /**
   * The ids in the items map's own order (a `Map` keeps first insertion; one deleted and added
   * again moves to the end), so a page walks it backwards without copying the collection. An id
   * deleted, or added again, leaves a stale entry behind: `slot` tells the live one.
   */
  private order: string[] = [];
  private readonly slot = new Map<string, number>();
  /** Set by the PostgreSQL store; see {@link CollectionTracker}. */
  tracker: CollectionTracker | undefined;

  /** Gives an item's id. */
  readonly keyOf: (item: T) => string;
  /**
   * Whether every item is sealed (see `records/sealed.ts`): never changed, only replaced by
   * {@link insert}.
   */
  readonly sealed: boolean;

  constructor(items: Iterable<T> = [], options: CollectionOptions<T> = {}) {
    this.keyOf = options.keyOf ?? ((item) => (item as { id: string }).id);
    this.sealed = options.sealed ?? false;
    for (const item of items) this.insert(item);
  }

  get size(): number {
    return this.items.size;
  }

  get(id: string): T | undefined {
    if (this.tracker !== undefined) this.tracker.touch(this as Collection<unknown>, id);
    return this.items.get(id);
  }

  /** The item without telling the tracker (for the store's own bookkeeping). */
  peek(id: string): T | undefined {
    return this.items.get(id);
  }

  /** Adds (or replaces, keeping its position) an item. */
  insert(item: T): T {
    if (this.sealed) seal(item);
    const id = this.keyOf(item);
    if (this.tracker !== undefined) this.tracker.touch(this as Collection<unknown>, id);
    if (!this.position.has(id)) this.position.set(id, this.next++);
    if (!this.items.has(id)) {
      this.slot.set(id, this.order.length);
      this.order.push(id);
    }
    this.items.set(id, item);
    // Stale entries (deleted, or added again) never outnumber live ones for long.
    if (this.order.length > 2 * this.items.size + 1024) this.compact();
    return item;
  }

  /** Rebuilds {@link order} from the items map, dropping stale entries. */
  private compact(): void {
    this.order = [...this.items.keys()];
    this.slot.clear();
    for (let i = 0; i < this.order.length; i++) this.slot.set(this.order[i] as string, i);
  }

  delete(id: string): boolean {
    if (this.tracker !== undefined) this.tracker.touch(this as Collection<unknown>, id);
    return this.items.delete(id);
  }

  values(): IterableIterator<T> {
    if (this.tracker !== undefined) this.tracker.touchAll(this as Collection<unknown>);
    return this.items.values();
  }

  /** Items oldest first (for persistence). */
  toArray(): T[] {
    if (this.tracker !== undefined) this.tracker.touchAll(this as Collection<unknown>);
    return [...this.items.values()];
  }

  /** Ids of the items, oldest first, without telling the tracker. */
  ids(): IterableIterator<string> {
    return this.items.keys();
  }

  /** A page of the items matching `filter`, newest first. Throws 400 for a foreign cursor. */
  page(limit: number, cursor: string | undefined, filter?: (item: T) => boolean): Page<T> {
    let before = Number.POSITIVE_INFINITY;
    if (cursor !== undefined) {
      const at = this.position.get(decodeCursor(cursor));
      if (at === undefined) throw invalidCursor();
      before = at;
    }
    if (this.tracker !== undefined) this.tracker.touchAll(this as Collection<unknown>);
    const data: T[] = [];
    let hasMore = false;
    const order = this.order;
    for (let i = order.length - 1; i >= 0; i--) {
      const id = order[i] as string;
      if (this.slot.get(id) !== i) continue;
      const item = this.items.get(id);
      if (item === undefined) continue;
      if ((this.position.get(id) ?? 0) >= before) continue;
      if (filter && !filter(item)) continue;
      if (data.length === limit) {
        hasMore = true;
        break;
      }
      data.push(item);
    }
    const last = data[data.length - 1];
    return {
      data,
      hasMore,
      nextCursor: hasMore && last !== undefined ? encodeCursor(this.keyOf(last)) : null,
    };
  }
}

function encodeCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

/** The 400 of a cursor that is not one of this list's. */
export function invalidCursor(): ApiError {
  return new ApiError('validation_error', 'Invalid cursor', {
    details: [{ path: 'cursor', message: 'is not a valid cursor' }],
  });
}

/** The id a cursor points after. */
export function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString();
}
