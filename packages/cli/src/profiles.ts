// The profiles file (~/.config/presence/profiles.json): named targets and credentials, kept private (0600).
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from './args.js';

/** Keys as stored in the file; the same names as the environment variables without PRESENCE_. */
export const PROFILE_KEYS = ['url', 'account_id', 'client_id', 'client_secret', 'admin_key', 'token'] as const;
export type ProfileKey = (typeof PROFILE_KEYS)[number];
export type Profile = Partial<Record<ProfileKey, string>>;
export type ProfilesFile = { profiles: Record<string, Profile> };

export function profilesPath(env: Record<string, string | undefined>, home: string): string {
  const base = env.XDG_CONFIG_HOME || join(home, '.config');
  return join(base, 'presence', 'profiles.json');
}

export function readProfiles(path: string): ProfilesFile {
  if (!existsSync(path)) return { profiles: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`Cannot read the profiles file ${path}: ${(e as Error).message}`);
  }
  const profiles = (parsed as { profiles?: unknown })?.profiles;
  if (!profiles || typeof profiles !== 'object' || Array.isArray(profiles)) {
    throw new UsageError(`The profiles file ${path} must hold {"profiles": {"<name>": {...}}}.`);
  }
  const out: ProfilesFile = { profiles: {} };
  for (const [name, p] of Object.entries(profiles as Record<string, unknown>)) {
    if (!p || typeof p !== 'object') continue;
    const clean: Profile = {};
    for (const k of PROFILE_KEYS) {
      const v = (p as Record<string, unknown>)[k];
      if (typeof v === 'string' && v !== '') clean[k] = v;
    }
    out.profiles[name] = clean;
  }
  return out;
}

/** Written to a private temporary file and renamed, so a crash never leaves half a file or a readable secret. */
export function writeProfiles(path: string, file: ProfilesFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  // writeFileSync's mode only applies to new files; an older, looser file is tightened too.
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

export const PROFILE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
