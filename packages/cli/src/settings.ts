// Where the target and credentials come from: flags, then environment, then a profile, then ./data next to a local server.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { UsageError, str, type ParsedArgs } from './args.js';
import { profilesPath, readProfiles, type Profile, type ProfileKey } from './profiles.js';

export type SettingKey = 'url' | 'accountId' | 'clientId' | 'clientSecret' | 'adminKey' | 'token';

type Field = { key: SettingKey; flag: string; env: string; profile: ProfileKey; secret: boolean };

export const FIELDS: readonly Field[] = [
  { key: 'url', flag: 'url', env: 'PRESENCE_URL', profile: 'url', secret: false },
  { key: 'accountId', flag: 'account-id', env: 'PRESENCE_ACCOUNT_ID', profile: 'account_id', secret: false },
  { key: 'clientId', flag: 'client-id', env: 'PRESENCE_CLIENT_ID', profile: 'client_id', secret: false },
  { key: 'clientSecret', flag: 'client-secret', env: 'PRESENCE_CLIENT_SECRET', profile: 'client_secret', secret: true },
  { key: 'adminKey', flag: 'admin-key', env: 'PRESENCE_ADMIN_KEY', profile: 'admin_key', secret: true },
  { key: 'token', flag: 'token', env: 'PRESENCE_TOKEN', profile: 'token', secret: true },
];

/** Lower rank wins. */
export type Source = { rank: 0 | 1 | 2 | 3 | 4; label: string };
export type Setting = { value: string; source: Source };
export type Settings = { url: Setting } & Partial<Record<Exclude<SettingKey, 'url'>, Setting>>;

export const DEFAULT_URL = 'http://127.0.0.1:8080';

export type Environment = { env: Record<string, string | undefined>; cwd: string; home: string };

function isLoopback(url: URL): boolean {
  const h = url.hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** What `npm start` leaves in its data directory: the demo app's credentials and the admin key. */
function dataDirSettings(e: Environment): Partial<Record<SettingKey, Setting>> {
  const dir = e.env.PRESENCE_DATA_DIR || './data';
  const abs = isAbsolute(dir) ? dir : resolve(e.cwd, dir);
  const out: Partial<Record<SettingKey, Setting>> = {};
  const demoPath = join(abs, 'demo.json');
  const demo = readText(demoPath);
  if (demo !== undefined) {
    try {
      const d = JSON.parse(demo) as Record<string, unknown>;
      const source: Source = { rank: 3, label: demoPath };
      for (const [key, name] of [['accountId', 'account_id'], ['clientId', 'client_id'], ['clientSecret', 'client_secret']] as const) {
        if (typeof d[name] === 'string' && d[name] !== '') out[key] = { value: d[name] as string, source };
      }
    } catch {
      // A damaged demo file is only a convenience gone; the user can still pass credentials.
    }
  }
  const keyPath = join(abs, 'admin-key');
  const key = readText(keyPath)?.trim();
  if (key) out.adminKey = { value: key, source: { rank: 3, label: keyPath } };
  return out;
}

function pick(from: Partial<Record<SettingKey, Setting>>, keys: SettingKey[]): Partial<Record<SettingKey, Setting>> {
  const out: Partial<Record<SettingKey, Setting>> = {};
  for (const k of keys) if (from[k]) out[k] = from[k];
  return out;
}

export function chosenProfile(args: ParsedArgs, e: Environment): { name: string; profile: Profile | undefined; path: string } {
  const path = profilesPath(e.env, e.home);
  const explicit = str(args, 'profile') ?? (e.env.PRESENCE_PROFILE || undefined);
  const name = explicit ?? 'default';
  const profile = readProfiles(path).profiles[name];
  if (explicit && !profile) throw new UsageError(`No profile '${name}' in ${path}. Create it with: presence profile set ${name} --url <url> ...`);
  return { name, profile, path };
}

export function resolveSettings(args: ParsedArgs, e: Environment): Settings {
  const { name, profile } = chosenProfile(args, e);
  const out: Partial<Record<SettingKey, Setting>> = {};
  for (const f of FIELDS) {
    const flag = str(args, f.flag);
    const env = e.env[f.env];
    const prof = profile?.[f.profile];
    if (flag) out[f.key] = { value: flag, source: { rank: 0, label: `--${f.flag}` } };
    else if (env) out[f.key] = { value: env, source: { rank: 1, label: f.env } };
    else if (prof) out[f.key] = { value: prof, source: { rank: 2, label: `profile '${name}'` } };
  }
  const url = out.url ?? { value: DEFAULT_URL, source: { rank: 4, label: 'default' } };
  let parsed: URL;
  try {
    parsed = new URL(url.value);
  } catch {
    throw new UsageError(`${url.source.label} is not a URL: '${url.value}'. Expected something like ${DEFAULT_URL}.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError(`${url.source.label} must be an http or https URL, got '${url.value}'.`);
  // Local demo credentials only ever go to a local server.
  if (isLoopback(parsed)) {
    const local = dataDirSettings(e);
    // The demo app's three values only make sense together, so they never fill gaps in someone else's.
    if (!out.accountId && !out.clientId && !out.clientSecret) Object.assign(out, pick(local, ['accountId', 'clientId', 'clientSecret']));
    out.adminKey ??= local.adminKey;
  }
  return { ...out, url: { value: url.value.replace(/\/+$/, ''), source: url.source } };
}
