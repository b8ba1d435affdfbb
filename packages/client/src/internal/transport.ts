import { redactHeaders, redactSecrets } from '@regen/contract/http';
import type { HttpTransport, TransportResponse } from '../core/http-transport.ts';
import type { Logger } from '../core/logger.ts';
import type { RequestOptions } from '../core/request-options.ts';
import type { ResponseValidator } from '../core/response-validator.ts';
import { APIUserAbortError } from '../errors/APIUserAbortError.ts';
import type { Credential } from './credentials/credential.ts';
import { INSPECT } from './inspect.ts';
import { LEVELS } from './logger.ts';
import { withAbort } from './sleep.ts';
import { buildRequest, type CallInit, withHeaders } from './transport/build-request.ts';
import { classifyResponse, type RawResponse } from './transport/classify-response.ts';
import { type RetryPolicy, retryDelay } from './transport/retry-delay.ts';
import { sendAttempt } from './transport/send-attempt.ts';
import { waitForRetry } from './transport/wait-for-retry.ts';

export type { CallInit, RawResponse };

/** Flag: a creating POST that carries an `Idempotency-Key`. */
export const IDEMPOTENT = 1;
/** Flag: send no credential (login, token endpoints). */
export const NO_AUTH = 2;
/** Flag: send the credential if there is one, else go without (health). */
export const OPTIONAL_AUTH = 4;

export interface TransportConfig extends RetryPolicy {
  baseUrl: string;
  /** What puts an attempt on the wire (`fetch` unless the client was given another). */
  transport: HttpTransport;
  maxRetries: number;
  timeout: number | undefined;
  logger: Logger;
  logLevel: number;
  /** The client's credential, chosen once at construction. */
  credential: Credential;
  /** What calls flagged `NO_AUTH` send instead: the client's headers without a credential. */
  anonymous: Credential;
  secrets: () => (string | undefined)[];
  validate: ResponseValidator | undefined;
}

/**
 * The request pipeline. Each attempt runs the same steps, each in its own module under
 * `transport/`: build the request (once per call), attach the credential, send with timeout,
 * classify the response, decide on retry, wait.
 */
export class Transport {
  readonly config: TransportConfig;
  /** The last answer received; its rate-limit headers are parsed only when asked for. */
  lastAnswer: TransportResponse | undefined;

  constructor(config: TransportConfig) {
    this.config = config;
  }

  redact = (text: string): string => redactSecrets(text, this.config.secrets());

  async request(
    method: string,
    path: string,
    init: CallInit | undefined,
    options: RequestOptions | undefined,
    flags: number,
  ): Promise<RawResponse> {
    const cfg = this.config;
    const request = buildRequest(cfg.baseUrl, method, path, init, options, (flags & IDEMPOTENT) !== 0);
    const credential = flags & NO_AUTH ? cfg.anonymous : cfg.credential;
    const optional = (flags & OPTIONAL_AUTH) !== 0;
    const signal = options?.signal;
    const timeout = options?.timeout ?? cfg.timeout;
    const maxRetries = request.once ? 0 : (options?.maxRetries ?? cfg.maxRetries);
    // One refresh-and-replay per call after a 401, outside the retry budget (works with maxRetries: 0).
    let replayable = !request.once;
    const debug = cfg.logLevel <= LEVELS.debug;

    for (let retry = 0; ; ) {
      if (signal?.aborted) throw new APIUserAbortError();
      const sent = credential.headers() ?? (await credential.waitHeaders(signal, optional));
      const headers = withHeaders(sent, request.headers);
      if (debug) cfg.logger.debug(this.redact(`→ ${method} ${request.url}`), redactHeaders(headers));
      const started = debug ? Date.now() : 0;

      const received = await sendAttempt(cfg.transport, request, headers, timeout, signal, this.redact);
      if (!(received instanceof Error)) {
        const status = received.answer.status;
        this.lastAnswer = received.answer;
        if (debug) this.#logResponse(status, method, request.url, started, received.answer);
        if (status === 401 && replayable && credential.canRenew(sent)) {
          replayable = false;
          await withAbort(credential.renew(sent), signal);
          continue;
        }
      }

      const outcome = received instanceof Error ? received : classifyResponse(received, request, this.redact);
      if (!(outcome instanceof Error)) {
        if (cfg.validate) outcome.body = cfg.validate(method, path, outcome.answer.status, outcome.body);
        return outcome;
      }
      const wait = retryDelay(outcome, retry, maxRetries, cfg);
      if (wait === undefined) throw outcome;
      await waitForRetry(wait, retry, outcome, cfg.logLevel <= LEVELS.info ? cfg.logger : undefined, signal);
      retry++;
    }
  }

  // Reading a header can cost a header-map build: only the debug line does it on success.
  #logResponse(
    status: number,
    method: string,
    url: string,
    started: number,
    answer: TransportResponse,
  ): void {
    this.config.logger.debug(
      this.redact(
        `← ${status} ${method} ${url} ${Date.now() - started} ms ${answer.header('x-request-id') ?? ''}`,
      ),
    );
  }

  [INSPECT](): string {
    return `Transport { baseUrl: '${this.config.baseUrl}' }`;
  }
}
