// Turns a failed HTTP response (JSON, HTML, or empty) into a PresenceApiError.
import { PresenceApiError, type FieldError } from './presence-api-error.js';
import { parseRateLimit } from './rate-limit.js';

export type ErrorContext = { method: string; url: string; now: number; redact: readonly string[] };

type Body = { code?: unknown; message?: unknown; errors?: unknown; reason?: unknown; error?: unknown };

function parseBody(text: string): Body | undefined {
  if (text.trim() === '') return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Body) : undefined;
  } catch {
    return undefined;
  }
}

function fieldErrors(v: unknown): FieldError[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((e): e is Record<string, unknown> => e !== null && typeof e === 'object')
    .map((e) => ({ field: String(e.field ?? ''), message: String(e.message ?? '') }));
}

function describeOpaque(res: Response, text: string, parsed: boolean): string {
  const what = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
  if (parsed) return what;
  if (text.trim() === '') return `${what} with an empty body`;
  const type = res.headers.get('content-type')?.split(';')[0]?.trim() || 'unknown content type';
  // The body itself is left out: proxies' error pages can echo request details.
  return `${what} with a non-JSON body (${type}, ${text.length} chars)`;
}

/** Reads the body (consuming it) and builds the error. Never throws on odd bodies. */
export async function errorFromResponse(res: Response, ctx: ErrorContext): Promise<PresenceApiError> {
  let text = '';
  try {
    text = await res.text();
  } catch {
    // A body that fails mid-read still leaves the status and headers to report.
  }
  const body = parseBody(text);
  const code = typeof body?.code === 'number' && Number.isInteger(body.code) ? body.code : undefined;
  const message =
    typeof body?.message === 'string' && body.message !== ''
      ? body.message
      : typeof body?.reason === 'string' && body.reason !== ''
        ? body.reason
        : describeOpaque(res, text, body !== undefined);
  return new PresenceApiError({
    status: res.status,
    code,
    message,
    errors: fieldErrors(body?.errors),
    trackingId: res.headers.get('x-zm-trackingid') ?? undefined,
    rateLimit: parseRateLimit(res.headers, ctx.now, res.status, message),
    oauthError: typeof body?.error === 'string' ? body.error : undefined,
    method: ctx.method,
    url: ctx.url,
    redact: ctx.redact,
  });
}
