// `presence profile set|list|remove`: named targets and credentials in ~/.config/presence/profiles.json (mode 0600).
import { UsageError, str } from '../args.js';
import { CONNECTION_FLAGS, type Command } from '../command.js';
import { table } from '../output.js';
import { PROFILE_KEYS, PROFILE_NAME, profilesPath, readProfiles, writeProfiles, type Profile } from '../profiles.js';
import { FIELDS } from '../settings.js';

const SETTABLE = CONNECTION_FLAGS.filter((f) => f.name !== 'profile');

const set: Command = {
  name: 'set',
  args: '<name>',
  summary: 'Create or update a profile (only the options given change)',
  details: ['Use it with --profile <name> or PRESENCE_PROFILE; the profile called "default" is used when none is named.'],
  min: 1,
  max: 1,
  flags: SETTABLE,
  async run(ctx, args) {
    const name = args.positionals[0]!;
    if (!PROFILE_NAME.test(name)) throw new UsageError(`A profile name is 1-64 letters, digits, '.', '_' or '-', got '${name}'.`);
    const changes: Profile = {};
    for (const f of FIELDS) {
      const v = str(args, f.flag);
      if (v !== undefined) changes[f.profile] = v;
    }
    if (Object.keys(changes).length === 0) throw new UsageError(`Nothing to set; give at least one of ${SETTABLE.map((f) => `--${f.name}`).join(', ')}.`);
    if (changes.url !== undefined && !/^https?:\/\/[^/]/.test(changes.url)) throw new UsageError(`--url must be an http or https URL, got '${changes.url}'.`);
    const path = profilesPath(ctx.environment.env, ctx.environment.home);
    const file = readProfiles(path);
    file.profiles[name] = { ...file.profiles[name], ...changes };
    writeProfiles(path, file);
    ctx.out.result({ profile: name, path, changed: Object.keys(changes) }, () => `Saved profile '${name}' (${Object.keys(changes).join(', ')}) to ${path}.`);
  },
};

const list: Command = {
  name: 'list',
  summary: 'List profiles (secrets are shown only as set)',
  async run(ctx) {
    const path = profilesPath(ctx.environment.env, ctx.environment.home);
    const { profiles } = readProfiles(path);
    const rows = Object.entries(profiles).map(([name, p]) => ({
      name,
      url: p.url ?? null,
      account_id: p.account_id ?? null,
      client_id: p.client_id ?? null,
      secrets: (['client_secret', 'admin_key', 'token'] as const).filter((k) => p[k] !== undefined),
    }));
    ctx.out.result({ path, profiles: rows }, () =>
      rows.length === 0
        ? `No profiles in ${path}.`
        : table(['NAME', 'URL', 'ACCOUNT', 'CLIENT ID', 'SECRETS SET'], rows.map((r) => [r.name, r.url ?? '-', r.account_id ?? '-', r.client_id ?? '-', r.secrets.join(', ') || '-'])),
    );
  },
};

const remove: Command = {
  name: 'remove',
  args: '<name>',
  summary: 'Delete a profile',
  min: 1,
  max: 1,
  async run(ctx, args) {
    const name = args.positionals[0]!;
    const path = profilesPath(ctx.environment.env, ctx.environment.home);
    const file = readProfiles(path);
    if (!file.profiles[name]) throw new UsageError(`No profile '${name}' in ${path}.`);
    delete file.profiles[name];
    writeProfiles(path, file);
    ctx.out.result({ removed: name }, () => `Removed profile '${name}'.`);
  },
};

export const profileCommand: Command = {
  name: 'profile',
  summary: `Save targets and credentials under a name (keys: ${PROFILE_KEYS.join(', ')})`,
  subcommands: [set, list, remove],
};
