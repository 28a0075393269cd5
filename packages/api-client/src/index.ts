import { randomUUID } from 'node:crypto';
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths } from './schema';

/** RFC 9457 problem details, as every error of the API is answered (`application/problem+json`). */
export type Problem = components['schemas']['Problem'];

/** A refused request: the problem the API answered, typed, with the HTTP status. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(`${status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`);
  }
}

export interface JobplatformClientOptions {
  /** The gateway, e.g. `https://jobplatform.example.dk` (no trailing `/api/v1`). */
  baseUrl: string;
  /** The bearer token, or a function that returns a current one (called for every request). */
  token: string | (() => string | Promise<string>);
  /**
   * How often a request is sent again after 503 (not known yet / dependency unavailable) or 429, honouring
   * `Retry-After`, or after a network error. Every POST carries an `Idempotency-Key` (one is made when the caller
   * gives none), and a retry sends the same key, so a write never happens twice. Default 5; 0 turns retries off.
   */
  retries?: number;
  /** Longest wait between two tries, in milliseconds (default 10 000). */
  maxRetryDelayMs?: number;
  fetch?: (input: Request) => Promise<Response>;
}

const RETRYABLE = new Set([429, 503]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds or an HTTP date (RFC 9110), as milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * A fetch that gives every POST an Idempotency-Key (unless the caller chose one) and retries what API.md says to
 * retry — 503 and 429 after `Retry-After`, network errors after a short back-off — with the same key.
 */
export function retryingFetch(options: Pick<JobplatformClientOptions, 'retries' | 'maxRetryDelayMs' | 'fetch'>) {
  const send = options.fetch ?? ((input: Request) => globalThis.fetch(input));
  const retries = options.retries ?? 5;
  const maxDelay = options.maxRetryDelayMs ?? 10_000;
  return async (input: Request): Promise<Response> => {
    let request = input;
    if (request.method === 'POST' && !request.headers.has('idempotency-key')) {
      const headers = new Headers(request.headers);
      headers.set('idempotency-key', randomUUID());
      request = new Request(request, { headers });
    }
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await send(request.clone());
      } catch (error) {
        if (attempt >= retries) throw error;
        await sleep(Math.min(maxDelay, 200 * 2 ** attempt));
        continue;
      }
      if (!RETRYABLE.has(response.status) || attempt >= retries) return response;
      const wait = retryAfterMs(response.headers.get('retry-after')) ?? 1000 * 2 ** attempt;
      await response.body?.cancel();
      await sleep(Math.min(maxDelay, wait));
    }
  };
}

export type JobplatformClient = Client<paths>;

/**
 * The typed client: `client.POST('/api/v1/referrals', { body })` and so on for every operation of the API, with the
 * bearer token, Idempotency-Key and retries handled. Results are `{ data, error, response }` (openapi-fetch); use
 * `ok()` to get the data or throw a ProblemError.
 */
export function createJobplatformClient(options: JobplatformClientOptions): JobplatformClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: retryingFetch(options) });
  client.use({
    async onRequest({ request }) {
      const token = typeof options.token === 'function' ? await options.token() : options.token;
      request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  });
  return client;
}

/** The data of a successful call, or a ProblemError with the problem the API answered. */
export function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) {
    throw new ProblemError(result.response.status, (result.error ?? { title: 'No content' }) as Problem);
  }
  return result.data;
}
