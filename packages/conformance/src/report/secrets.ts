/**
 * @module The credentials a run obtained (API keys it created, tokens it was issued), as the JSON
 * report lists them, so that a failure's curl line naming `$REGEN_CREATED_KEY` can be replayed.
 * By default only a masked form is kept (secrets stay out of files that end up in CI logs and
 * tickets); with `keepSecrets` (`--keep-secrets`) the values are written to the JSON report —
 * never to the console or JUnit, which do not read them.
 */
import type { Secret } from '../http/redact.ts';

/** One credential the server handed out during the run. */
export interface ObtainedSecret {
  /** The shell variable curl lines write it as (`REGEN_CREATED_KEY`, `REGEN_ISSUED_TOKEN_2`, …). */
  readonly variable: string;
  /** Enough to recognise it, never enough to use it: its first characters and last 4. */
  readonly masked: string;
  /** The value itself, only when the run kept secrets (`--keep-secrets`). */
  readonly value?: string;
}

/** The obtained credentials of a run and how to replay curl lines with them. */
export interface ReportSecrets {
  /** Whether `obtained` holds the values (`--keep-secrets`) or only their masked forms. */
  readonly kept: boolean;
  /** How to get the values back, or how to use them. */
  readonly howToReplay: string;
  readonly obtained: readonly ObtainedSecret[];
}

/**
 * A recognisable form of `value`: an API key's first 12 characters (its documented `keyPrefix`,
 * which the API itself shows) or another value's first 4, then its last 4. Short values show nothing.
 */
export function maskSecret(value: string): string {
  if (value.length < 20) return '…';
  const prefix = /^rg_(?:live|test)_/.test(value) ? 12 : 4;
  return `${value.slice(0, prefix)}…${value.slice(-4)}`;
}

function howToReplay(kept: boolean, cleanedUp: boolean): string {
  if (!kept)
    return (
      'Values masked. To replay a curl line that names one of these variables, rerun with ' +
      '--keep-secrets (keepSecrets: true) and --report json: the values are then written to the ' +
      'JSON report only' +
      (cleanedUp ? ', and with --no-cleanup the created keys outlive the run' : '') +
      '. Then export each variable a curl line names and paste the line as printed.'
    );
  return (
    'Live credentials: treat this file as a secret (the CLI writes it readable by its owner only) ' +
    'and delete it when done. To replay a curl line, export each variable it names ' +
    "(export REGEN_CREATED_KEY='<value>') and paste the line as printed." +
    (cleanedUp ? ' Keys the run created were deleted at its clean-up (--no-cleanup keeps them).' : '') +
    ' Issued tokens expire.'
  );
}

/** The report's `secrets`: `obtained` masked, with their values only when `keep`. */
export function reportSecrets(obtained: readonly Secret[], keep: boolean, cleanedUp: boolean): ReportSecrets {
  return {
    kept: keep,
    howToReplay: howToReplay(keep, cleanedUp),
    obtained: obtained.map((s) => ({
      variable: s.placeholder.replace(/^\$/, ''),
      masked: maskSecret(s.value),
      ...(keep ? { value: s.value } : {}),
    })),
  };
}
