// Talking to the server: where the token is kept, refusals in plain words, account details and the server clock.
import { HttpError } from './sse.js';

const KEY = 'presence.dashboard.credentials';
const API = '/presence/v1';

/** The token lives in this tab's sessionStorage only: never in a URL, a cookie or localStorage. */
export function loadCredentials() {
  try {
    const c = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    return c && typeof c.token === 'string' && c.token ? { token: c.token, accountId: String(c.accountId ?? '') } : null;
  } catch {
    return null;
  }
}
export const saveCredentials = (c) => sessionStorage.setItem(KEY, JSON.stringify(c));
export const forgetCredentials = () => sessionStorage.removeItem(KEY);

const headers = (c) => ({ authorization: `Bearer ${c.token}` });

/** The account is named in the query only for the admin key; a token watches its own account. */
export const streamUrl = (c) => `${API}/stream${c.accountId ? `?account_id=${encodeURIComponent(c.accountId)}` : ''}`;
export const streamHeaders = headers;

/** Words for a refused stream. `fatal` refusals need a person (a new token); others are retried and say so briefly. */
export function explainRefusal(e, c) {
  if (!(e instanceof HttpError)) return { fatal: false, message: 'Server unreachable' };
  const code = e.body?.code;
  const fields = (e.body?.errors ?? []).map((x) => x.field);
  if (e.status === 401) {
    return { fatal: true, message: 'The server did not accept this token: it is not valid here or it has expired. Get a new one (for example with presence token) and connect again.' };
  }
  if (code === 4711) return { fatal: true, message: 'This token may not read presence: it has no read scope such as user:read:presence_status:admin.' };
  if (fields.includes('account_id') && !c.accountId) return { fatal: true, message: 'With the admin key, also enter the ID of the account to watch.' };
  if (fields.includes('account_id')) return { fatal: true, message: 'That account ID is not valid: use letters, digits, - or _ (at most 64).' };
  if (e.status === 404 && code === 2001) return { fatal: true, message: `No account “${c.accountId}” exists on this server, or this token cannot see it.` };
  const said = typeof e.body?.message === 'string' ? ` ${e.body.message}` : '';
  if (e.status === 429 || e.status >= 500) return { fatal: false, message: `Server error (HTTP ${e.status})` };
  return { fatal: true, message: `The server refused the stream (HTTP ${e.status}).${said}` };
}

async function getJson(path, c, signal) {
  const res = await fetch(path, { headers: c ? headers(c) : {}, signal, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new HttpError(res.status, body);
  return body;
}

/**
 * Names, DND end times and "since" come from the extension API, which needs the admin key or presence:admin.
 * Returns null when this credential may not read them (a plain read token): the stream alone still works.
 */
export async function loadAccountDetails(c, signal) {
  try {
    let account;
    if (c.accountId) account = await getJson(`${API}/accounts/${encodeURIComponent(c.accountId)}`, c, signal);
    else {
      const { accounts } = await getJson(`${API}/accounts`, c, signal);
      if (accounts.length !== 1) return null;
      account = accounts[0];
    }
    const { users } = await getJson(`${API}/accounts/${encodeURIComponent(account.id)}/users`, c, signal);
    return { account: { id: account.id, name: account.name }, users };
  } catch (e) {
    if (e instanceof HttpError && e.status < 500) return null;
    throw e;
  }
}

/** The server's time (a manual clock may be anywhere), for countdowns that match the server's rules. */
export async function readServerClock(signal) {
  const sent = Date.now();
  const h = await getJson(`${API}/health`, null, signal);
  const got = Date.now();
  return { serverMs: Date.parse(h.now), localMs: (sent + got) / 2, manual: h.clock === 'manual' };
}
