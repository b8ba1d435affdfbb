/**
 * @module Keeps credentials out of output: every known secret is replaced by the name of an
 * environment variable (`$REGEN_API_KEY`) in reports, logs and curl lines.
 */

/** A secret value and the placeholder that stands for it. */
export interface Secret {
  readonly value: string;
  /** A shell variable reference, e.g. `$REGEN_API_KEY`. */
  readonly placeholder: string;
}

/** The secrets of one run; more are added as they appear (tokens, keys it creates). */
export class Redactor {
  private readonly secrets: Secret[] = [];

  add(value: string | undefined, placeholder: string): void {
    // Very short values would redact ordinary text; real credentials are long.
    if (!value || value.length < 6 || this.secrets.some((s) => s.value === value)) return;
    this.secrets.push({ value, placeholder });
    // Longest first, so a secret containing another is replaced whole.
    this.secrets.sort((a, b) => b.value.length - a.value.length);
  }

  /** The secrets, longest first. */
  list(): readonly Secret[] {
    return this.secrets;
  }

  /** `text` with every secret replaced by its placeholder. */
  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s.value).join(s.placeholder);
    return out;
  }
}
