// A small argument parser: positionals and --flags checked against the command's declared options.

export type FlagSpec = {
  name: string;
  /** Placeholder shown in help, e.g. `<minutes>`; a flag without one is a switch. */
  value?: string;
  help: string;
  /** May be given several times; values are collected in order (commas also separate them). */
  repeat?: boolean;
  short?: string;
};

export type FlagValue = string | boolean | string[];
export type ParsedArgs = { positionals: string[]; flags: Record<string, FlagValue | undefined> };

/** Bad command-line input: reported with a hint to --help and exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string, readonly helpFor?: string) {
    super(message);
  }
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestScore) [best, bestScore] = [c, d];
  }
  return bestScore <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** Levenshtein distance; inputs here are a few dozen characters at most. */
export function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

export function suggest(name: string, candidates: readonly string[]): string {
  const c = closest(name, candidates);
  return c ? ` Did you mean ${c}?` : '';
}

const BOOL: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false };

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map<string, FlagSpec>();
  for (const s of specs) {
    byName.set(s.name, s);
    if (s.short) byName.set(s.short, s);
  }
  const out: ParsedArgs = { positionals: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    const long = a.startsWith('--');
    if (!long && !/^-[a-zA-Z]$/.test(a)) {
      out.positionals.push(a);
      continue;
    }
    const eq = long ? a.indexOf('=') : -1;
    const name = long ? a.slice(2, eq === -1 ? undefined : eq) : a.slice(1);
    const spec = byName.get(name);
    if (!spec) {
      const names = specs.map((s) => `--${s.name}`);
      throw new UsageError(`Unknown option ${long ? '--' : '-'}${name}.${suggest(`--${name}`, names)}`);
    }
    let raw: string | undefined = eq === -1 ? undefined : a.slice(eq + 1);
    if (!spec.value) {
      if (raw !== undefined && !(raw.toLowerCase() in BOOL)) throw new UsageError(`--${spec.name} is a switch; it takes no value (got '${raw}').`);
      out.flags[spec.name] = raw === undefined ? true : BOOL[raw.toLowerCase()]!;
      continue;
    }
    if (raw === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`--${spec.name} needs a value: --${spec.name} ${spec.value}.`);
      raw = next;
      i++;
    }
    if (spec.repeat) {
      const parts = raw.split(/[,\s]+/).filter(Boolean);
      out.flags[spec.name] = [...((out.flags[spec.name] as string[] | undefined) ?? []), ...parts];
    } else {
      out.flags[spec.name] = raw;
    }
  }
  return out;
}

/** Which flags take a value, so the command path can be found before the command's own specs are known. */
export function valueFlagNames(specs: readonly FlagSpec[]): Set<string> {
  const names = new Set<string>();
  for (const s of specs) if (s.value) names.add(s.name);
  return names;
}

export function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}

export function list(args: ParsedArgs, name: string): string[] | undefined {
  const v = args.flags[name];
  return Array.isArray(v) ? v : undefined;
}

export function bool(args: ParsedArgs, name: string): boolean {
  return args.flags[name] === true;
}
