// Server-to-server OAuth (account_credentials): one token cached, renewed ahead of expiry, one request at a time.
import { PresenceApiError } from './presence-api-error.js';
import { errorFromResponse } from './response-error.js';
import type { TokenProvider } from './token-provider.js';

export type ServerToServerCredentials = {
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** Renew this long before expiry so in-flight requests never carry an expiring token. Default 5 min. */
  refreshSkewMs?: number;
  /** Overrides the client's clock for this provider. */
  now?: () => number;
};

export type ServerToServerOptions = ServerToServerCredentials & {
  tokenUrl: string;
  fetch?: typeof fetch;
};

/** The token endpoint's answer; `apiUrl` is where Zoom says this account's API lives. */
export type AccessToken = { accessToken: string; expiresAt: number; scope: string; apiUrl?: string };

export interface ServerToServerTokenProvider extends TokenProvider {
  invalidate(token: string): boolean;
  /** The cached token's details, for diagnostics; undefined before the first request. */
  current(): Readonly<AccessToken> | undefined;
}

const DEFAULT_SKEW_MS = 5 * 60_000;

function basic(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `Basic ${btoa(bin)}`;
}

export function createServerToServerTokenProvider(opts: ServerToServerOptions): ServerToServerTokenProvider {
  const { accountId, clientId, clientSecret, tokenUrl } = opts;
  if (!accountId || !clientId || !clientSecret) {
    throw new TypeError('server-to-server auth needs accountId, clientId and clientSecret');
  }
  const doFetch = opts.fetch ?? globalThis.fetch;
  const now = opts.now ?? Date.now;
  const skewMs = opts.refreshSkewMs ?? DEFAULT_SKEW_MS;
  const authorization = basic(clientId, clientSecret);
  const secrets = [clientSecret, authorization, authorization.slice('Basic '.length)];
  let cached: { token: AccessToken; refreshAt: number } | undefined;
  let inflight: Promise<AccessToken> | undefined;

  async function requestToken(): Promise<{ token: AccessToken; refreshAt: number }> {
    const url = new URL(tokenUrl);
    url.searchParams.set('grant_type', 'account_credentials');
    url.searchParams.set('account_id', accountId);
    const res = await doFetch(url, { method: 'POST', headers: { Authorization: authorization, Accept: 'application/json' } });
    const ctx = { method: 'POST', url: url.toString(), now: now(), redact: secrets };
    if (!res.ok) throw await errorFromResponse(res, ctx);
    const body = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    const token = body?.access_token;
    if (typeof token !== 'string' || token === '') {
      throw new PresenceApiError({ ...ctx, status: res.status, message: 'Token response has no access_token' });
    }
    const lifetimeMs = (typeof body?.expires_in === 'number' ? body.expires_in : 3600) * 1000;
    const issuedAt = now();
    return {
      token: {
        accessToken: token,
        expiresAt: issuedAt + lifetimeMs,
        scope: typeof body?.scope === 'string' ? body.scope : '',
        apiUrl: typeof body?.api_url === 'string' ? body.api_url : undefined,
      },
      // A token shorter-lived than the skew would otherwise be renewed on every call.
      refreshAt: issuedAt + lifetimeMs - Math.min(skewMs, lifetimeMs / 2),
    };
  }

  function refresh(): Promise<AccessToken> {
    // Single flight: every caller waiting on a renewal shares this one request.
    inflight ??= requestToken()
      .then((c) => (cached = c).token)
      .finally(() => (inflight = undefined));
    return inflight;
  }

  return {
    async getToken() {
      const c = cached;
      if (c && now() < c.refreshAt) return c.token.accessToken;
      try {
        return (await refresh()).accessToken;
      } catch (e) {
        // Renewing early failed; a token that has not actually expired is still worth using.
        if (c && cached === c && now() < c.token.expiresAt) return c.token.accessToken;
        throw e;
      }
    },
    invalidate(token) {
      if (cached?.token.accessToken === token) cached = undefined;
      return true;
    },
    current: () => cached?.token,
  };
}
