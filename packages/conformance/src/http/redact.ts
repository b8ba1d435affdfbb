/**
 * @module Keeps credentials out of output: every known secret is replaced by the name of an
 * environment variable (`$REGEN_API_KEY`) in reports, logs and curl lines. The replacing itself is
 * `redactSecrets` of `@regen/contract/http`, the same rule the client applies to its messages.
 */
import { redactSecrets } from '@regen/contract/http';

/** A secret value and the placeholder that stands for it. */
export interface Secret {
  readonly value: string;
  /** A shell variable reference, e.g. `$REGEN_API_KEY`. */
  readonly placeholder: string;
}

/** The secrets of one run; more are added as they appear (tokens, keys it creates). */
export class Redactor {
  private readonly secrets: Secret[] = [];
  private readonly added: Secret[] = [];

  /**
   * Keeps `value` out of output as `placeholder`. Each value gets a variable of its own: a second
   * created key is `$REGEN_CREATED_KEY_2`, so a curl line naming two keys can still be replayed.
   */
  add(value: string | undefined, placeholder: string): void {
    // Very short values would redact ordinary text; real credentials are long.
    if (!value || value.length < 6 || this.secrets.some((s) => s.value === value)) return;
    const taken = (name: string) => this.secrets.some((s) => s.placeholder === name);
    let unique = placeholder;
    for (let n = 2; taken(unique); n++) unique = `${placeholder}_${n}`;
    const secret = { value, placeholder: unique };
    this.added.push(secret);
    this.secrets.push(secret);
    // Longest first, so a secret containing another is replaced whole.
    this.secrets.sort((a, b) => b.value.length - a.value.length);
  }

  /** The secrets, longest first. */
  list(): readonly Secret[] {
    return this.secrets;
  }

  /** The secrets in the order they were added. */
  inOrder(): readonly Secret[] {
    return this.added;
  }

  /** `text` with every secret replaced by its placeholder. */
  redact(text: string): string {
    const placeholders = new Map(this.secrets.map((s) => [s.value, s.placeholder]));
    return redactSecrets(text, placeholders.keys(), (secret) => placeholders.get(secret) as string);
  }
}
