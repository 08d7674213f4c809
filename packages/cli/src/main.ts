// Entry point of the `presence` command: finds the command, parses its options, runs it, maps failures to exit codes.
import { homedir } from 'node:os';
import { UsageError, parseArgs, suggest, valueFlagNames } from './args.js';
import { flagsOf, helpText, type Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { Context } from './context.js';
import { EXIT, report } from './failure.js';
import { Output, type Sink } from './output.js';

export const ROOT: Command = {
  name: 'presence',
  summary: 'Command-line client for a Presence server: statuses, users, sessions, the clock, webhooks and the live stream.',
  details: [
    'Exit codes: 0 success, 1 the server refused (its code and message are printed), 2 bad usage, 3 server unreachable.',
    "Right after 'npm start', run it from the same directory with no setup: presence status get alice@example.com",
  ],
  subcommands: COMMANDS,
};

export type RunOptions = { cwd?: string; home?: string; signal?: AbortSignal };

function allValueFlags(cmd: Command, into = new Set<string>()): Set<string> {
  for (const n of valueFlagNames(flagsOf(cmd))) into.add(n);
  for (const c of cmd.subcommands ?? []) allValueFlags(c, into);
  return into;
}

/** The command named by the leading words of argv (flags may come anywhere) and the argv left for it. */
export function locate(argv: readonly string[]): { path: string[]; cmd: Command; rest: string[] } {
  const valueFlags = allValueFlags(ROOT);
  const rest = [...argv];
  const path: string[] = [];
  let cmd = ROOT;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (a.startsWith('--') && !a.includes('=') && valueFlags.has(a.slice(2))) i++;
      continue;
    }
    const sub = cmd.subcommands?.find((c) => c.name === a);
    if (!sub) break;
    cmd = sub;
    path.push(a);
    rest.splice(i, 1);
    i--;
    // The server takes its own flags, untouched.
    if (sub.name === 'serve' && path.length === 1) break;
  }
  return { path, cmd, rest };
}

function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const head = end === -1 ? argv : argv.slice(0, end);
  return head.includes('--help') || head.includes('-h');
}

export async function run(argv: readonly string[], env: Record<string, string | undefined>, io: { stdout: Sink; stderr: Sink }, opts: RunOptions = {}): Promise<number> {
  let words = [...argv];
  if (words[0] === 'help') words = [...words.slice(1), '--help'];
  const { path, cmd, rest } = locate(words);
  const helpFor = ['presence', ...path].join(' ');
  const environment = { env, cwd: opts.cwd ?? process.cwd(), home: opts.home ?? homedir() };
  const signal = opts.signal ?? new AbortController().signal;
  const out = new Output(rest.includes('--json'), io.stdout, io.stderr);
  let ctx: Context | undefined;
  try {
    if (cmd.name === 'serve' && path.length === 1) {
      // Handed over whole: `presence serve --help` lists the server's own settings.
      const raw = { positionals: rest, flags: {} };
      await cmd.run!(new Context(raw, environment, io, signal), raw);
      // The server's main reports a failed start (bad setting, port in use) through the exit code.
      return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
    }
    if (wantsHelp(rest)) {
      out.line(helpText(path, cmd));
      return EXIT.ok;
    }
    const args = parseArgs(rest, flagsOf(cmd));
    if (!cmd.run || (cmd.subcommands?.length && args.positionals.length && !cmd.max)) {
      if (path.length === 0 && argv.length === 0) {
        out.line(helpText(path, cmd));
        return EXIT.ok;
      }
      const word = args.positionals[0];
      const names = (cmd.subcommands ?? []).map((c) => c.name);
      throw new UsageError(word === undefined ? `Missing command; one of: ${names.join(', ')}.` : `Unknown command '${word}'.${suggest(word, names)} One of: ${names.join(', ')}.`);
    }
    const n = args.positionals.length;
    if (n < (cmd.min ?? 0)) throw new UsageError(`Missing argument: ${`${helpFor} ${cmd.args ?? ''}`.trimEnd()}.`);
    if (n > (cmd.max ?? 0)) throw new UsageError(`Unexpected argument '${args.positionals[cmd.max ?? 0]}'.`);
    ctx = new Context(args, environment, io, signal);
    await cmd.run(ctx, args);
    return EXIT.ok;
  } catch (e) {
    let url: string | undefined;
    try {
      url = cmd.connects ? ctx?.settings().url.value : undefined;
    } catch {
      url = undefined;
    }
    return report(e, out, { url, helpFor });
  }
}

/** What bin/presence.js calls: real streams, signals for long-running commands, and the exit code. */
export async function cli(): Promise<void> {
  const controller = new AbortController();
  const argv = process.argv.slice(2);
  const { cmd } = locate(argv);
  if (cmd.name !== 'serve') {
    // A closed pipe (`presence watch | head -1`) is a normal way to stop.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(EXIT.ok);
    });
    for (const s of ['SIGINT', 'SIGTERM'] as const) {
      process.once(s, () => {
        controller.abort();
        // Only the stream stops gracefully; anything else has nothing worth finishing.
        if (cmd.name !== 'watch') process.exit(130);
      });
    }
  }
  const code = await run(argv, process.env, { stdout: process.stdout, stderr: process.stderr }, { signal: controller.signal });
  if (cmd.name === 'serve') {
    process.exitCode = code;
    return;
  }
  // Exit once the output is flushed, instead of waiting for idle keep-alive connections to time out.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
