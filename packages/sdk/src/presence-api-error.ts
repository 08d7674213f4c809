// The one error the SDK throws for a failed API or token call; built so it cannot leak credentials.
import { findErrorCode } from './error-codes.js';
import type { RateLimitInfo } from './rate-limit.js';

export type FieldError = { field: string; message: string };

export type PresenceApiErrorInit = {
  status: number;
  message: string;
  code?: number;
  errors?: FieldError[];
  trackingId?: string;
  rateLimit?: RateLimitInfo;
  oauthError?: string;
  method?: string;
  url?: string;
  /** Values scrubbed from every text field; they are used here and never stored. */
  redact?: readonly string[];
};

const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const MIN_SECRET_LENGTH = 4;

/** Replaces each secret with a marker, so a server echoing a credential cannot leak it through us. */
export function redact(text: string, secrets: readonly string[] | undefined): string {
  if (!secrets) return text;
  let out = text;
  for (const s of secrets) {
    if (s.length >= MIN_SECRET_LENGTH) out = out.split(s).join('[redacted]');
  }
  return out;
}

export class PresenceApiError extends Error {
  override readonly name = 'PresenceApiError';
  /** HTTP status of the failed response. */
  readonly status: number;
  /** Zoom's numeric error code, when the body carried one. */
  readonly code: number | undefined;
  /** Name of the code in ERROR_CODES, when the SDK knows it. */
  readonly codeName: string | undefined;
  readonly errors: readonly FieldError[];
  /** `x-zm-trackingid`, what Zoom support asks for. */
  readonly trackingId: string | undefined;
  readonly rateLimit: RateLimitInfo | undefined;
  /** OAuth `error` field from the token endpoint, e.g. `invalid_client`. */
  readonly oauthError: string | undefined;
  readonly method: string | undefined;
  /** Request URL; never carries a credential (those travel in headers only). */
  readonly url: string | undefined;

  constructor(init: PresenceApiErrorInit) {
    super(redact(init.message, init.redact));
    this.status = init.status;
    this.code = init.code;
    this.codeName = findErrorCode(init.code)?.name;
    this.errors = (init.errors ?? []).map((e) => ({ field: redact(e.field, init.redact), message: redact(e.message, init.redact) }));
    this.trackingId = init.trackingId;
    this.rateLimit = init.rateLimit;
    this.oauthError = init.oauthError;
    this.method = init.method;
    this.url = init.url === undefined ? undefined : redact(init.url, init.redact);
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      status: this.status,
      code: this.code,
      codeName: this.codeName,
      message: this.message,
      errors: this.errors,
      trackingId: this.trackingId,
      rateLimit: this.rateLimit,
      oauthError: this.oauthError,
      method: this.method,
      url: this.url,
    };
  }

  // An explicit view keeps util.inspect (and so console.log) to fields we chose, whatever a subclass or `cause` adds.
  [INSPECT](): string {
    const fields = Object.entries(this.toJSON())
      .filter(([k, v]) => k !== 'name' && k !== 'message' && v !== undefined)
      .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`);
    return `${this.stack ?? `${this.name}: ${this.message}`}\n{\n${fields.join(',\n')}\n}`;
  }
}
