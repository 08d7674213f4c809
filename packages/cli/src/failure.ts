// Turning a failure into a message and an exit code: 1 the server refused, 2 bad usage, 3 server unreachable.
import { PresenceApiError } from '@presence/sdk';
import { UsageError } from './args.js';
import type { Output } from './output.js';

export const EXIT = { ok: 0, api: 1, usage: 2, unreachable: 3, unexpected: 70 } as const;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

/** Why fetch could not get an answer at all (refused, unknown host, reset…), or undefined for other errors. */
function transportFailure(e: unknown): string | undefined {
  // fetch wraps the socket error: TypeError('fetch failed', { cause: { code } }), sometimes nested.
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  if (e instanceof TypeError && e.message === 'fetch failed') {
    const cause = (e as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : 'fetch failed';
  }
  return undefined;
}

export function report(e: unknown, out: Output, ctx: { url?: string; helpFor: string }): number {
  if (e instanceof UsageError) {
    if (out.json) out.error(JSON.stringify({ error: { kind: 'usage', message: e.message } }));
    else out.error(`presence: ${e.message}\nRun '${e.helpFor ?? ctx.helpFor} --help' for usage.`);
    return EXIT.usage;
  }
  if (e instanceof PresenceApiError) {
    if (out.json) {
      const { status, code, message, errors, trackingId, oauthError } = e;
      out.error(JSON.stringify({ error: { kind: 'api', status, code: code ?? oauthError, message, errors, tracking_id: trackingId } }));
    } else {
      const code = e.code ?? e.oauthError;
      const lines = [`presence: ${e.message} (HTTP ${e.status}${code === undefined ? '' : `, code ${code}`})`];
      for (const f of e.errors) lines.push(`  ${f.field}: ${f.message}`);
      const retry = e.rateLimit?.retryAfter;
      if (e.status === 429 && retry) lines.push(`  retry after: ${retry}`);
      out.error(lines.join('\n'));
    }
    return EXIT.api;
  }
  const net = transportFailure(e);
  if (net) {
    const message = `cannot reach ${ctx.url ?? 'the server'} (${net}). Is it running? Start one with 'npm start' or 'presence serve'.`;
    out.error(out.json ? JSON.stringify({ error: { kind: 'unreachable', message, code: net } }) : `presence: ${message}`);
    return EXIT.unreachable;
  }
  const message = e instanceof Error ? e.message : String(e);
  out.error(out.json ? JSON.stringify({ error: { kind: 'unexpected', message } }) : `presence: unexpected error: ${e instanceof Error && e.stack ? e.stack : message}`);
  return EXIT.unexpected;
}
