/**
 * @module The ids the run knows exist: seen in responses (lists, reads) or created by the run
 * itself ("owned"). Positive requests use them, so "valid" means valid against real state too.
 */
import { isObject } from '../spec/json-pointer.ts';
import type { Json } from '../spec/types.ts';

const ID = /^([a-z]+)_[A-Za-z0-9]+$/;

/** Ids by resource prefix (`ord`, `prd`, `key`, …). */
export class ResourcePool {
  private readonly seen = new Map<string, string[]>();
  private readonly owned = new Map<string, string[]>();
  private readonly gone = new Set<string>();
  /** Ids the run must never write to (the key it authenticates with). */
  private readonly guarded = new Set<string>();

  /** Records every `id` found in a response body. */
  harvest(body: Json | undefined): void {
    const visit = (node: Json | undefined, depth: number): void => {
      if (depth > 8 || node === null || node === undefined) return;
      if (Array.isArray(node)) {
        for (const item of node as readonly Json[]) visit(item, depth + 1);
        return;
      }
      if (!isObject(node)) return;
      if (typeof node.id === 'string') this.add(this.seen, node.id);
      for (const value of Object.values(node)) if (typeof value === 'object') visit(value, depth + 1);
    };
    visit(body, 0);
  }

  /** Records an id the run created. */
  own(id: string): void {
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

  /** Live ids with `prefix`, most recent first; only the run's own when `ownedOnly`. */
  ids(prefix: string, ownedOnly: boolean): string[] {
    const source = (ownedOnly ? this.owned : this.seen).get(prefix) ?? [];
    return source.filter((id) => !this.gone.has(id)).reverse();
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
