// Typed client for Presence's extension API (/presence/v1): accounts, users, sessions, tokens, clock and webhooks.
import type { RequestOptions } from './client.js';
import { PresenceApiError } from './presence-api-error.js';
import { errorFromResponse } from './response-error.js';
import { resolveAuth, staticTokenProvider, type AuthOptions, type TokenProvider } from './token-provider.js';

export type AdminAuth = { type: 'admin-key'; adminKey: string } | AuthOptions;

export type AdminClientOptions = {
  /** The server's origin, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /**
   * The server's admin key (any account), or a token, server-to-server app or provider whose token
   * carries `presence:admin` (its own account only; other accounts answer 404).
   */
  auth: AdminAuth;
  /** Default `{baseUrl}/oauth/token`, used only by server-to-server auth. */
  tokenUrl?: string;
  fetch?: typeof fetch;
  now?: () => number;
};

// Bodies are typed exactly as the server sends and takes them (snake_case), so nothing is renamed in between.
export type Plan = 'free' | 'pro' | 'business';
export type ClientType = 'desktop' | 'mobile' | 'pad' | 'pzr';
export type AccountRecord = { id: string; name: string; plan: Plan };
export type UserRecord = { id: string; account_id: string; email: string; first_name: string; last_name: string; role: 'owner' | 'member' };
/** A listed user carries its status at the server's current time. */
export type UserWithStatus = UserRecord & { status: string; dnd_end_time: string | null };
export type NewUser = { email: string; id?: string; first_name?: string; last_name?: string; role?: 'owner' | 'member' };
export type AppRecord = { client_id: string; account_id: string; name: string; scopes: string[]; created_at: string };
export type NewApp = { scopes: string[]; name?: string; client_id?: string; client_secret?: string };
export type ClientSession = {
  id: string;
  user_id: string;
  client_type: ClientType;
  client_version: string;
  started_at: string;
  last_seen_at: string;
  keep_alive: boolean;
};
export type NewSession = { client_version: string; client_type: ClientType; keep_alive?: boolean };
export type UserToken = { access_token: string; token_type: 'bearer'; expires_in: number; scope: string; user_id: string };
export type NewUserToken = { user_id: string; scopes?: string[]; ttl_seconds?: number };
export type ClockReading = { now: string; epoch_ms: number; mode: 'manual' | 'system' };
export type ClockAdvanced = { now: string; epoch_ms: number; dnd_expired: number; sessions_timed_out: number };
export type ServerHealth = { ok: boolean; store: string; clock: 'manual' | 'system'; now: string };
export type Webhook = {
  id: string;
  account_id: string;
  url: string;
  events: string[];
  /** `active`, or `disabled` after repeated validation failures (see `disabled_reason`). */
  status: string;
  disabled_reason: string | null;
  validated_at: string | null;
  next_validation_at: string | null;
  consecutive_failures: number;
  created_at: string;
};
export type NewWebhook = { url: string; secret_token: string; events?: string[] };
export type DeliveryAttempt = { at: string; status_code: number | null; error: string | null; duration_ms: number };
export type WebhookDelivery = {
  id: string;
  webhook_id: string;
  /** Sent as `x-zm-request-id`; the same on every attempt. */
  request_id: string;
  /** The body as delivered. */
  event: { event: string; event_ts: number; payload: Record<string, unknown> };
  state: string;
  attempts: DeliveryAttempt[];
  next_attempt_at: string | null;
  created_at: string;
};

export interface AdminClient {
  health(o?: RequestOptions): Promise<ServerHealth>;
  listAccounts(o?: RequestOptions): Promise<AccountRecord[]>;
  getAccount(accountId: string, o?: RequestOptions): Promise<AccountRecord>;
  createAccount(input: { name: string; id?: string; plan?: Plan }, o?: RequestOptions): Promise<AccountRecord>;
  deleteAccount(accountId: string, o?: RequestOptions): Promise<void>;
  listUsers(accountId: string, o?: RequestOptions): Promise<UserWithStatus[]>;
  /** By id or email. */
  getUser(user: string, o?: RequestOptions): Promise<UserRecord>;
  createUser(accountId: string, input: NewUser, o?: RequestOptions): Promise<UserRecord>;
  deleteUser(user: string, o?: RequestOptions): Promise<void>;
  listApps(accountId: string, o?: RequestOptions): Promise<AppRecord[]>;
  /** The answer holds `client_secret`, shown this once only. */
  createApp(accountId: string, input: NewApp, o?: RequestOptions): Promise<AppRecord & { client_secret: string }>;
  deleteApp(clientId: string, o?: RequestOptions): Promise<void>;
  listSessions(user: string, o?: RequestOptions): Promise<ClientSession[]>;
  /** Signs the user in on a client; the first session makes them Available. */
  startSession(user: string, input: NewSession, o?: RequestOptions): Promise<ClientSession>;
  heartbeat(sessionId: string, o?: RequestOptions): Promise<void>;
  /** Signs out; the last session ending makes the user Offline. */
  endSession(sessionId: string, o?: RequestOptions): Promise<void>;
  /** A token acting as that user (`me`); default scopes read and update its own presence. */
  createUserToken(input: NewUserToken, o?: RequestOptions): Promise<UserToken>;
  getClock(o?: RequestOptions): Promise<ClockReading>;
  /** Manual clock only; resolves after everything due by the new time has happened. */
  advanceClock(by: { seconds: number } | { to: string }, o?: RequestOptions): Promise<ClockAdvanced>;
  listWebhooks(accountId: string, o?: RequestOptions): Promise<Webhook[]>;
  /** Resolves once the endpoint answered the URL-validation challenge. */
  createWebhook(accountId: string, input: NewWebhook, o?: RequestOptions): Promise<Webhook>;
  deleteWebhook(webhookId: string, o?: RequestOptions): Promise<void>;
  /** Sends the URL-validation challenge now; a pass re-enables a disabled endpoint. */
  validateWebhook(webhookId: string, o?: RequestOptions): Promise<Webhook>;
  listDeliveries(webhookId: string, q?: { limit?: number }, o?: RequestOptions): Promise<WebhookDelivery[]>;
  /** Queues the delivery again (202); resolves with it as it now stands. */
  redeliver(deliveryId: string, o?: RequestOptions): Promise<WebhookDelivery>;
}

const INVALID_TOKEN_CODE = 124;
const seg = encodeURIComponent;

export function createAdminClient(options: AdminClientOptions): AdminClient {
  if (typeof options.baseUrl !== 'string' || options.baseUrl === '') throw new TypeError('baseUrl must be a server origin such as http://127.0.0.1:8080');
  const base = `${options.baseUrl.replace(/\/+$/, '')}/presence/v1`;
  const now = options.now ?? Date.now;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const { auth } = options;
  const provider: TokenProvider =
    'type' in auth && auth.type === 'admin-key'
      ? staticTokenProvider(auth.adminKey)
      : resolveAuth(auth as AuthOptions, { tokenUrl: options.tokenUrl ?? `${options.baseUrl.replace(/\/+$/, '')}/oauth/token`, fetch: doFetch, now });

  /** No retries: most of these calls create or delete, and repeating one blindly is not safe. */
  async function call<T>(method: string, path: string, body: unknown, o: RequestOptions | undefined): Promise<T> {
    const url = `${base}${path}`;
    let renewed = false;
    for (;;) {
      const token = await provider.getToken(o?.signal);
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const res = await doFetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: o?.signal });
      if (res.ok) {
        const text = await res.text();
        if (text.trim() === '') return undefined as T;
        try {
          return JSON.parse(text) as T;
        } catch {
          throw new PresenceApiError({ status: res.status, method, url, message: `HTTP ${res.status} with a body that is not JSON` });
        }
      }
      const error = await errorFromResponse(res, { method, url, now: now(), redact: [token] });
      if (res.status === 401 && error.code === INVALID_TOKEN_CODE && !renewed && provider.invalidate?.(token)) {
        renewed = true;
        continue;
      }
      throw error;
    }
  }
  const get = <T>(path: string, o?: RequestOptions) => call<T>('GET', path, undefined, o);
  const post = <T>(path: string, body: unknown, o?: RequestOptions) => call<T>('POST', path, body ?? {}, o);
  const del = (path: string, o?: RequestOptions) => call<void>('DELETE', path, undefined, o);

  return {
    health: (o) => get('/health', o),
    listAccounts: async (o) => (await get<{ accounts: AccountRecord[] }>('/accounts', o)).accounts,
    getAccount: (id, o) => get(`/accounts/${seg(id)}`, o),
    createAccount: (input, o) => post('/accounts', input, o),
    deleteAccount: (id, o) => del(`/accounts/${seg(id)}`, o),
    listUsers: async (accountId, o) => (await get<{ users: UserWithStatus[] }>(`/accounts/${seg(accountId)}/users`, o)).users,
    getUser: (user, o) => get(`/users/${seg(user)}`, o),
    createUser: (accountId, input, o) => post(`/accounts/${seg(accountId)}/users`, input, o),
    deleteUser: (user, o) => del(`/users/${seg(user)}`, o),
    listApps: async (accountId, o) => (await get<{ apps: AppRecord[] }>(`/accounts/${seg(accountId)}/apps`, o)).apps,
    createApp: (accountId, input, o) => post(`/accounts/${seg(accountId)}/apps`, input, o),
    deleteApp: (clientId, o) => del(`/apps/${seg(clientId)}`, o),
    listSessions: async (user, o) => (await get<{ sessions: ClientSession[] }>(`/users/${seg(user)}/sessions`, o)).sessions,
    startSession: (user, input, o) => post(`/users/${seg(user)}/sessions`, input, o),
    heartbeat: async (sessionId, o) => void (await post(`/sessions/${seg(sessionId)}/heartbeat`, undefined, o)),
    endSession: (sessionId, o) => del(`/sessions/${seg(sessionId)}`, o),
    createUserToken: (input, o) => post('/tokens', input, o),
    getClock: (o) => get('/clock', o),
    advanceClock: (by, o) => post('/clock/advance', by, o),
    listWebhooks: async (accountId, o) => (await get<{ webhooks: Webhook[] }>(`/accounts/${seg(accountId)}/webhooks`, o)).webhooks,
    createWebhook: (accountId, input, o) => post(`/accounts/${seg(accountId)}/webhooks`, input, o),
    deleteWebhook: (webhookId, o) => del(`/webhooks/${seg(webhookId)}`, o),
    listDeliveries: async (webhookId, q, o) => {
      const query = q?.limit === undefined ? '' : `?limit=${seg(String(q.limit))}`;
      return (await get<{ deliveries: WebhookDelivery[] }>(`/webhooks/${seg(webhookId)}/deliveries${query}`, o)).deliveries;
    },
    validateWebhook: (webhookId, o) => post(`/webhooks/${seg(webhookId)}/validate`, undefined, o),
    redeliver: (deliveryId, o) => post(`/deliveries/${seg(deliveryId)}/redeliver`, undefined, o),
  };
}
