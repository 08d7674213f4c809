// The shape of a command, the options every command shares, and help text generated from both.
import type { FlagSpec, ParsedArgs } from './args.js';
import type { Context } from './context.js';

export type Command = {
  name: string;
  summary: string;
  /** Arguments after the command path, e.g. `<user> <status>`. */
  args?: string;
  /** More lines of help: rules, examples. */
  details?: string[];
  flags?: FlagSpec[];
  subcommands?: Command[];
  /** Whether the connection options (--url, credentials) apply. */
  connects?: boolean;
  /** Positional arguments: exactly `min` to `max`. */
  min?: number;
  max?: number;
  run?: (ctx: Context, args: ParsedArgs) => Promise<void>;
};

export const CONNECTION_FLAGS: FlagSpec[] = [
  { name: 'url', value: '<url>', help: 'Server origin (PRESENCE_URL; default http://127.0.0.1:8080)' },
  { name: 'account-id', value: '<id>', help: 'Account id (PRESENCE_ACCOUNT_ID)' },
  { name: 'client-id', value: '<id>', help: 'Server-to-server app client id (PRESENCE_CLIENT_ID)' },
  { name: 'client-secret', value: '<secret>', help: 'Server-to-server app client secret (PRESENCE_CLIENT_SECRET)' },
  { name: 'admin-key', value: '<key>', help: "The server's admin key (PRESENCE_ADMIN_KEY)" },
  { name: 'token', value: '<token>', help: 'An access token to use as is (PRESENCE_TOKEN)' },
  { name: 'profile', value: '<name>', help: 'Profile in ~/.config/presence/profiles.json (PRESENCE_PROFILE; default "default")' },
];

export const COMMON_FLAGS: FlagSpec[] = [
  { name: 'json', help: 'Print JSON instead of text' },
  { name: 'help', short: 'h', help: 'Show this help' },
];

export function flagsOf(cmd: Command): FlagSpec[] {
  return [...(cmd.flags ?? []), ...(cmd.connects ? CONNECTION_FLAGS : []), ...COMMON_FLAGS];
}

function flagLines(flags: readonly FlagSpec[]): string[] {
  const left = flags.map((f) => `${f.short ? `-${f.short}, ` : ''}--${f.name}${f.value ? ` ${f.value}` : ''}`);
  const width = Math.max(...left.map((l) => l.length));
  return flags.map((f, i) => `  ${left[i]!.padEnd(width)}  ${f.help}`);
}

export function helpText(path: readonly string[], cmd: Command): string {
  const full = ['presence', ...path].join(' ');
  const lines: string[] = [];
  if (cmd.subcommands?.length) {
    lines.push(`Usage: ${full} <command> [options]`, '', cmd.summary, '', 'Commands:');
    const width = Math.max(...cmd.subcommands.map((c) => `${c.name} ${c.args ?? ''}`.length));
    for (const c of cmd.subcommands) lines.push(`  ${`${c.name} ${c.args ?? ''}`.padEnd(width)}  ${c.summary}`);
    lines.push('', `Run '${full} <command> --help' for a command's options.`);
  } else {
    lines.push(`Usage: ${full}${cmd.args ? ` ${cmd.args}` : ''} [options]`, '', cmd.summary);
  }
  if (cmd.details?.length) lines.push('', ...cmd.details);
  const own = [...(cmd.flags ?? []), ...COMMON_FLAGS];
  lines.push('', 'Options:', ...flagLines(own));
  if (cmd.connects) {
    lines.push(
      '',
      'Connection (flags win over environment variables, which win over the profile; next to a server',
      "started with 'npm start', ./data/demo.json and ./data/admin-key are used when nothing else is set):",
      ...flagLines(CONNECTION_FLAGS),
    );
  }
  return lines.join('\n');
}
