// What a command runs with: parsed arguments, output, and SDK clients built from the resolved settings.
import { createAdminClient, createPresenceClient, presenceServerUrls, type AdminAuth, type AdminClient, type AuthOptions, type PresenceClient, type ServerToServerCredentials, type TokenProvider } from '@presence/sdk';
import { UsageError, bool, type ParsedArgs } from './args.js';
import { Output } from './output.js';
import { resolveSettings, type Environment, type Setting, type Settings } from './settings.js';

type Candidate = { kind: 'admin-key' | 'token' | 'app'; setting: Setting };

const NO_CREDENTIALS =
  'No credentials. Pass --client-id, --client-secret and --account-id (or PRESENCE_CLIENT_ID, PRESENCE_CLIENT_SECRET, ' +
  "PRESENCE_ACCOUNT_ID), --token, or --admin-key; save them with 'presence profile set'; or run from the directory " +
  "where 'npm start' keeps ./data.";

export class Context {
  readonly out: Output;
  private cached: Settings | undefined;

  constructor(readonly args: ParsedArgs, readonly environment: Environment, readonly io: { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } }, readonly signal: AbortSignal) {
    this.out = new Output(bool(args, 'json'), io.stdout, io.stderr);
  }

  settings(): Settings {
    return (this.cached ??= resolveSettings(this.args, this.environment));
  }

  /** Server-to-server credentials, all three or a clear message naming what is missing. */
  appAuth(): ServerToServerCredentials & { type: 'server-to-server' } {
    const s = this.settings();
    const missing = [
      !s.accountId && '--account-id',
      !s.clientId && '--client-id',
      !s.clientSecret && '--client-secret',
    ].filter(Boolean);
    if (missing.length === 3) throw new UsageError(NO_CREDENTIALS);
    if (missing.length) throw new UsageError(`Server-to-server auth needs --account-id, --client-id and --client-secret; missing ${missing.join(', ')}.`);
    return { type: 'server-to-server', accountId: s.accountId!.value, clientId: s.clientId!.value, clientSecret: s.clientSecret!.value };
  }

  /** The most specific credential wins (flag over env over profile over ./data); on a tie, the order given. */
  private pick(kinds: Candidate['kind'][]): Candidate | undefined {
    const s = this.settings();
    const all: Candidate[] = [];
    for (const kind of kinds) {
      const setting = kind === 'admin-key' ? s.adminKey : kind === 'token' ? s.token : (s.clientSecret ?? s.clientId);
      if (setting) all.push({ kind, setting });
    }
    return all.sort((a, b) => a.setting.source.rank - b.setting.source.rank)[0];
  }

  /** For the Zoom-compatible API and the stream: a token, or the app's. With only an admin key, acts as `actingAs`. */
  apiAuth(actingAs?: string): AuthOptions {
    const c = this.pick(['token', 'app']);
    if (c?.kind === 'token') return { type: 'static', accessToken: c.setting.value };
    if (c?.kind === 'app') return this.appAuth();
    if (this.settings().adminKey && actingAs) return userTokenProvider(this.admin(), actingAs);
    throw new UsageError(NO_CREDENTIALS);
  }

  adminAuth(): AdminAuth {
    const c = this.pick(['admin-key', 'token', 'app']);
    if (!c) throw new UsageError(NO_CREDENTIALS);
    if (c.kind === 'admin-key') return { type: 'admin-key', adminKey: c.setting.value };
    if (c.kind === 'token') return { type: 'static', accessToken: c.setting.value };
    return this.appAuth();
  }

  presence(actingAs?: string): PresenceClient {
    // A command-line call gives up rather than sleeping for long; the error says when to try again.
    return createPresenceClient({ ...presenceServerUrls(this.settings().url.value), auth: this.apiAuth(actingAs), retry: { maxTotalWaitMs: 5_000 } });
  }

  /** The stream takes a token (its account, or only its user); with nothing but the admin key, it names the account. */
  streamClient(): PresenceClient {
    const urls = presenceServerUrls(this.settings().url.value);
    const c = this.pick(['token', 'app', 'admin-key']);
    const byKey = c?.kind === 'admin-key';
    const auth: AuthOptions = byKey ? { type: 'static', accessToken: c.setting.value } : this.apiAuth();
    const streamUrl = byKey ? `${urls.streamUrl}?account_id=${encodeURIComponent(this.accountId())}` : urls.streamUrl;
    // A tail rides out a restarting server (about two minutes of retries) before it gives up with the last error.
    return createPresenceClient({ ...urls, streamUrl, auth, reconnect: { initialDelayMs: 500, maxDelayMs: 5_000, maxAttempts: 30 } });
  }

  admin(): AdminClient {
    return createAdminClient({ baseUrl: this.settings().url.value, auth: this.adminAuth() });
  }

  accountId(): string {
    const a = this.settings().accountId;
    if (!a) throw new UsageError('This command needs an account: pass --account-id <id> or set PRESENCE_ACCOUNT_ID.');
    return a.value;
  }
}

/** Mints a token for one user with the admin key, once, so `status` works with nothing but the key. */
function userTokenProvider(admin: AdminClient, user: string): TokenProvider {
  let token: Promise<string> | undefined;
  return {
    getToken: (signal) => (token ??= admin.createUserToken({ user_id: user }, { signal }).then((t) => t.access_token)),
    invalidate: () => {
      token = undefined;
      return true;
    },
  };
}
