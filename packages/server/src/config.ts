// The configuration table: every setting once, with its flag, environment variable, default and check.

export type Config = Readonly<{
  host: string;
  port: number;
  publicUrl: string;
  store: 'sqlite' | 'memory';
  dataDir: string;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  clock: 'system' | 'manual';
  clockStart: string;
  tokenSecret: string;
  tokenTtlSec: number;
  adminKey: string;
  userUpdateWindowSec: number;
  enforceTransitions: boolean;
  documentedEnum: boolean;
  accountRateLimits: boolean;
  freePerSecond: number;
  freePerDay: number;
  proPerSecond: number;
  businessPerSecond: number;
  bodyLimitBytes: number;
  sessionTimeoutSec: number;
  sweepIntervalMs: number;
  seedFile: string;
  demo: boolean;
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  webhookTimeoutMs: number;
  webhookRetryMinutes: readonly number[];
  webhookRevalidateHours: number;
  webhookConcurrency: number;
  webhookPause: 'none' | 'send' | 'all';
  streamBufferSize: number;
  streamHeartbeatSec: number;
  streamClientQueueBytes: number;
  streamRetryMs: number;
}>;

type Kind = 'string' | 'int' | 'bool' | 'url' | 'list';
type Setting = { key: keyof Config; env: string; kind: Kind; def: unknown; doc: string; oneOf?: readonly string[]; min?: number; max?: number };

/** The single source of truth for settings; the README table is generated from it (`presence serve --help`). */
export const SETTINGS: readonly Setting[] = [
  { key: 'host', env: 'PRESENCE_HOST', kind: 'string', def: '127.0.0.1', doc: 'Address to listen on' },
  { key: 'port', env: 'PRESENCE_PORT', kind: 'int', def: 8080, min: 0, max: 65535, doc: 'Port to listen on (0 picks a free one)' },
  { key: 'publicUrl', env: 'PRESENCE_PUBLIC_URL', kind: 'string', def: '', doc: 'Base URL clients use (api_url of tokens, token issuer); when empty, taken from each request\'s Host header' },
  { key: 'store', env: 'PRESENCE_STORE', kind: 'string', def: 'sqlite', oneOf: ['sqlite', 'memory'], doc: 'Storage backend: sqlite (a file in dataDir) or memory (lost at exit)' },
  { key: 'dataDir', env: 'PRESENCE_DATA_DIR', kind: 'string', def: './data', doc: 'Directory of the SQLite file and generated secrets' },
  { key: 'sqliteSynchronous', env: 'PRESENCE_SQLITE_SYNCHRONOUS', kind: 'string', def: 'FULL', oneOf: ['FULL', 'NORMAL'], doc: 'SQLite synchronous mode: FULL survives power loss, NORMAL only process crashes' },
  { key: 'clock', env: 'PRESENCE_CLOCK', kind: 'string', def: 'system', oneOf: ['system', 'manual'], doc: 'system, or manual: time moves only through POST /presence/v1/clock/advance' },
  { key: 'clockStart', env: 'PRESENCE_CLOCK_START', kind: 'string', def: '', doc: 'Start time of the manual clock (ISO-8601); defaults to now, or with SQLite to where the last run left it (kept in dataDir/clock.json; never earlier)' },
  { key: 'tokenSecret', env: 'PRESENCE_TOKEN_SECRET', kind: 'string', def: '', doc: 'HMAC key signing access tokens (≥ 32 chars); generated and kept in dataDir when empty' },
  { key: 'tokenTtlSec', env: 'PRESENCE_TOKEN_TTL', kind: 'int', def: 3600, min: 60, max: 86_400, doc: 'Access token lifetime, seconds' },
  { key: 'adminKey', env: 'PRESENCE_ADMIN_KEY', kind: 'string', def: '', doc: 'Key for the admin extension API (≥ 16 chars); generated and kept in dataDir when empty' },
  { key: 'userUpdateWindowSec', env: 'PRESENCE_USER_UPDATE_WINDOW', kind: 'int', def: 60, min: 0, max: 86_400, doc: 'Per-user update window, seconds (0 disables)' },
  { key: 'enforceTransitions', env: 'PRESENCE_ENFORCE_TRANSITIONS', kind: 'bool', def: true, doc: 'Enforce the client-version transition table' },
  { key: 'documentedEnum', env: 'PRESENCE_DOCUMENTED_ENUM', kind: 'bool', def: false, doc: "GET returns Zoom's documented enum spelling instead of the observed one" },
  { key: 'accountRateLimits', env: 'PRESENCE_ACCOUNT_RATE_LIMITS', kind: 'bool', def: true, doc: 'Enforce the per-account Medium limits' },
  { key: 'freePerSecond', env: 'PRESENCE_FREE_PER_SECOND', kind: 'int', def: 2, min: 1, max: 1_000_000, doc: 'Free plan: requests per second' },
  { key: 'freePerDay', env: 'PRESENCE_FREE_PER_DAY', kind: 'int', def: 2000, min: 1, max: 100_000_000, doc: 'Free plan: requests per UTC day' },
  { key: 'proPerSecond', env: 'PRESENCE_PRO_PER_SECOND', kind: 'int', def: 20, min: 1, max: 1_000_000, doc: 'Pro plan: requests per second' },
  { key: 'businessPerSecond', env: 'PRESENCE_BUSINESS_PER_SECOND', kind: 'int', def: 60, min: 1, max: 1_000_000, doc: 'Business plan: requests per second' },
  { key: 'bodyLimitBytes', env: 'PRESENCE_BODY_LIMIT', kind: 'int', def: 16_384, min: 256, max: 10_485_760, doc: 'Largest accepted request body, bytes' },
  { key: 'sessionTimeoutSec', env: 'PRESENCE_SESSION_TIMEOUT', kind: 'int', def: 300, min: 1, max: 604_800, doc: 'A client session without a heartbeat for this long ends' },
  { key: 'sweepIntervalMs', env: 'PRESENCE_SWEEP_INTERVAL', kind: 'int', def: 1000, min: 10, max: 60_000, doc: 'How often DND expiries and session timeouts are checked, ms' },
  { key: 'seedFile', env: 'PRESENCE_SEED', kind: 'string', def: '', doc: 'JSON seed file of accounts, users, apps and sessions loaded at start-up' },
  { key: 'demo', env: 'PRESENCE_DEMO', kind: 'bool', def: true, doc: 'Create the demo account when the database is new' },
  { key: 'logLevel', env: 'PRESENCE_LOG_LEVEL', kind: 'string', def: 'info', oneOf: ['silent', 'error', 'warn', 'info', 'debug'], doc: 'Log level' },
  { key: 'webhookTimeoutMs', env: 'PRESENCE_WEBHOOK_TIMEOUT', kind: 'int', def: 3000, min: 100, max: 60_000, doc: 'A webhook delivery must answer 2xx within this many ms' },
  { key: 'webhookRetryMinutes', env: 'PRESENCE_WEBHOOK_RETRY_MINUTES', kind: 'list', def: [5, 20, 60], doc: 'Webhook retries after a 5xx or transport failure, in minutes after the first failed attempt' },
  { key: 'webhookRevalidateHours', env: 'PRESENCE_WEBHOOK_REVALIDATE_HOURS', kind: 'int', def: 72, min: 1, max: 8760, doc: 'Webhook endpoints are revalidated this often, hours' },
  { key: 'webhookConcurrency', env: 'PRESENCE_WEBHOOK_CONCURRENCY', kind: 'int', def: 8, min: 1, max: 256, doc: 'Webhook requests in flight per endpoint at once (one user\'s events still go in order)' },
  { key: 'webhookPause', env: 'PRESENCE_WEBHOOK_PAUSE', kind: 'string', def: 'none', oneOf: ['none', 'send', 'all'], doc: 'Hold webhooks back: send = queue deliveries but send none, all = leave events in the change log; a start without it catches up' },
  { key: 'streamBufferSize', env: 'PRESENCE_STREAM_BUFFER', kind: 'int', def: 10_000, min: 10, max: 10_000_000, doc: 'Events kept for stream resume (Last-Event-ID)' },
  { key: 'streamHeartbeatSec', env: 'PRESENCE_STREAM_HEARTBEAT', kind: 'int', def: 15, min: 1, max: 3600, doc: 'Seconds between stream heartbeats' },
  { key: 'streamClientQueueBytes', env: 'PRESENCE_STREAM_CLIENT_QUEUE', kind: 'int', def: 1_048_576, min: 1024, max: 268_435_456, doc: 'Unsent bytes a stream client may fall behind by before it is disconnected' },
  { key: 'streamRetryMs', env: 'PRESENCE_STREAM_RETRY', kind: 'int', def: 2000, min: 100, max: 600_000, doc: 'Reconnect delay suggested to stream clients (SSE retry), ms' },
];

export class ConfigError extends Error {}

const flagName = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function parseArgv(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const known = new Map(SETTINGS.map((s) => [flagName(s.key), s]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new ConfigError(`Unexpected argument '${a}'. Flags look like --port 8080.`);
    const eq = a.indexOf('=');
    const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
    const s = known.get(name);
    if (!s) throw new ConfigError(`Unknown flag --${name}. Run with --help for the list.`);
    let value: string | undefined = eq === -1 ? undefined : a.slice(eq + 1);
    if (value === undefined) {
      const next = argv[i + 1];
      if (s.kind === 'bool' && (next === undefined || next.startsWith('--'))) value = 'true';
      else if (next === undefined) throw new ConfigError(`Flag --${name} needs a value.`);
      else value = argv[++i]!;
    }
    out.set(s.key, value);
  }
  return out;
}

function coerce(s: Setting, raw: string, from: string): unknown {
  switch (s.kind) {
    case 'int': {
      if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(`${from} must be a whole number, got '${raw}'.`);
      const n = Number(raw);
      if ((s.min !== undefined && n < s.min) || (s.max !== undefined && n > s.max)) {
        throw new ConfigError(`${from} must be between ${s.min} and ${s.max}, got ${n}.`);
      }
      return n;
    }
    case 'bool': {
      const v = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      throw new ConfigError(`${from} must be true or false, got '${raw}'.`);
    }
    case 'list': {
      const parts = raw.split(',').map((p) => p.trim()).filter(Boolean);
      if (parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) throw new ConfigError(`${from} must be comma-separated numbers, got '${raw}'.`);
      return parts.map(Number);
    }
    default:
      if (s.oneOf && !s.oneOf.includes(raw)) throw new ConfigError(`${from} must be one of ${s.oneOf.join(', ')}, got '${raw}'.`);
      return raw;
  }
}

/** The base URL clients reach the server at: absolute http(s), no path beyond `/` (dropped), no query or fragment. */
function checkPublicUrl(raw: string, from: string): string {
  const refuse = (why: string) => new ConfigError(`${from} must be an absolute http(s) URL such as https://presence.example.com (${why}), got '${raw}'.`);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw refuse('not a URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw refuse(`scheme ${u.protocol} is not http or https`);
  if (u.username || u.password) throw refuse('no user name or password');
  if (u.pathname !== '/' || u.search || u.hash || /[?#]/.test(raw)) throw refuse('no path, query or fragment');
  return u.origin;
}

/** Flags win over environment variables, which win over defaults. Throws ConfigError with a readable message. */
export function loadConfig(env: Record<string, string | undefined>, argv: readonly string[] = [], overrides: Partial<Config> = {}): Config {
  const flags = parseArgv(argv);
  const out: Record<string, unknown> = {};
  // Where each value came from, so a message names what the user actually typed.
  const from = new Map<keyof Config, string>();
  for (const s of SETTINGS) {
    const flag = flags.get(s.key);
    const e = env[s.env];
    if (flag !== undefined) from.set(s.key, `--${flagName(s.key)}`);
    else if (e !== undefined && e !== '') from.set(s.key, s.env);
    if (flag !== undefined) out[s.key] = coerce(s, flag, from.get(s.key)!);
    else if (e !== undefined && e !== '') out[s.key] = coerce(s, e, s.env);
    else out[s.key] = s.def;
  }
  Object.assign(out, overrides);
  for (const k of Object.keys(overrides) as Array<keyof Config>) from.set(k, `${k} (--${flagName(k)})`);
  const name = (k: keyof Config) => from.get(k) ?? `--${flagName(k)}`;
  const c = out as Config;
  if (c.tokenSecret && c.tokenSecret.length < 32) throw new ConfigError(`${name('tokenSecret')} must be at least 32 characters.`);
  if (c.adminKey && c.adminKey.length < 16) throw new ConfigError(`${name('adminKey')} must be at least 16 characters.`);
  if (c.clockStart && Number.isNaN(Date.parse(c.clockStart))) throw new ConfigError(`${name('clockStart')} must be an ISO-8601 time, got '${c.clockStart}'.`);
  if (c.publicUrl) out.publicUrl = checkPublicUrl(c.publicUrl, name('publicUrl'));
  return Object.freeze(out) as Config;
}

export function settingsHelp(): string {
  return SETTINGS.map((s) => `  --${flagName(s.key)} (${s.env}, default ${JSON.stringify(s.def)})\n      ${s.doc}`).join('\n');
}

export { flagName };
