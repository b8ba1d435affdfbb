/**
 * @module The ids the run knows exist: seen in responses (lists, reads) or created by the run
 * itself ("owned"). Positive requests use them, so "valid" means valid against real state too.
 */
import type { Case } from '../generate/case.ts';
import { isObject } from '../spec/json-pointer.ts';
import type { Json, JsonObject } from '../spec/types.ts';

const ID = /^([a-z]+)_[A-Za-z0-9]+$/;

/** Whether a known resource suits an input; `attachment` is what describes it besides itself (its stock level). */
export type ResourceFilter = (resource: JsonObject, attachment: JsonObject | undefined) => boolean;

/** Ids by resource prefix (`ord`, `prd`, `key`, …). */
export class ResourcePool {
  private readonly seen = new Map<string, string[]>();
  private readonly owned = new Map<string, string[]>();
  private readonly gone = new Set<string>();
  /** Ids the run must never write to (the key it authenticates with). */
  private readonly guarded = new Set<string>();
  /** The latest representation seen of each id, for filters on state (`status: approved`). */
  private readonly objects = new Map<string, JsonObject>();
  /** Objects without an id of their own that describe a resource (stock levels by `productId`). */
  private readonly attachments = new Map<string, JsonObject>();
  /** How to authenticate the clean-up of an owned id created with another credential (tenant_isolation). */
  private readonly ownerAuth = new Map<string, Case['auth']>();
  /** Pagination cursors handed out, by operationId. */
  private readonly cursorsByOperation = new Map<string, string[]>();

  /** Records every `id` found in a response body. */
  harvest(body: Json | undefined): void {
    const visit = (node: Json | undefined, depth: number): void => {
      if (depth > 8 || node === null || node === undefined) return;
      if (Array.isArray(node)) {
        for (const item of node as readonly Json[]) visit(item, depth + 1);
        return;
      }
      if (!isObject(node)) return;
      if (typeof node.id === 'string') {
        this.add(this.seen, node.id);
        this.objects.set(node.id, node);
      } else if (typeof node.productId === 'string') {
        // Order lines and stock levels both name a product: merged, each adds what it knows.
        this.attachments.set(node.productId, { ...this.attachments.get(node.productId), ...node });
      }
      for (const value of Object.values(node)) if (typeof value === 'object') visit(value, depth + 1);
    };
    visit(body, 0);
  }

  /**
   * Records an id the run created; `auth` when it was created with a credential other than the
   * run's (clean-up deletes it with that one).
   */
  own(id: string, auth?: Case['auth']): void {
    if (auth !== undefined) this.ownerAuth.set(id, auth);
    this.add(this.owned, id);
    this.add(this.seen, id);
  }

  /** Forgets a deleted resource. */
  forget(id: string): void {
    this.gone.add(id);
  }

  /** Marks an id the run must never modify. */
  guard(id: string): void {
    this.guarded.add(id);
  }

  isGuarded(id: string): boolean {
    return this.guarded.has(id);
  }

  /** Whether the run created `id` (deleted since or not). */
  wasOwned(id: string): boolean {
    return (this.owned.get(prefixOf(id)) ?? []).includes(id);
  }

  /** Whether `id` appeared in any response. */
  isSeen(id: string): boolean {
    return (this.seen.get(prefixOf(id)) ?? []).includes(id);
  }

  /**
   * Live ids with `prefix`, most recent first; only the run's own when `ownedOnly`; only those
   * whose last seen representation passes `filter` when given.
   */
  ids(prefix: string, ownedOnly: boolean, filter?: ResourceFilter): string[] {
    const source = (ownedOnly ? this.owned : this.seen).get(prefix) ?? [];
    return source
      .filter((id) => !this.gone.has(id))
      .filter((id) => {
        const object = this.objects.get(id);
        return !filter || (object !== undefined && filter(object, this.attachments.get(id)));
      })
      .reverse();
  }

  /** Records a `nextCursor` an operation handed out. */
  addCursor(operationId: string, cursor: string): void {
    const list = this.cursorsByOperation.get(operationId) ?? [];
    if (!list.includes(cursor)) list.push(cursor);
    this.cursorsByOperation.set(operationId, list);
  }

  /** Cursors `operationId` handed out so far. */
  cursors(operationId: string): string[] {
    return [...(this.cursorsByOperation.get(operationId) ?? [])];
  }

  /** The credential an owned id was created with (`default`: the run's). */
  authOf(id: string): Case['auth'] {
    return this.ownerAuth.get(id) ?? 'default';
  }

  /** Every id created by the run and not yet deleted, oldest first. */
  ownedIds(): string[] {
    return [...this.owned.values()].flat().filter((id) => !this.gone.has(id));
  }

  private add(map: Map<string, string[]>, id: string): void {
    const match = ID.exec(id);
    if (!match?.[1]) return;
    const list = map.get(match[1]) ?? [];
    if (!list.includes(id)) list.push(id);
    map.set(match[1], list);
  }
}

function prefixOf(id: string): string {
  return ID.exec(id)?.[1] ?? '';
}
