// Presence status vocabularies: what can be set, what is reported, what webhooks carry.
import { type Result, ok, err } from './result.js';

export const SETTABLE_STATUSES = [
  'Available',
  'Away',
  'Do_Not_Disturb',
  'In_Calendar_Event',
  'Presenting',
  'In_A_Zoom_Meeting',
  'On_A_Call',
  'Out_of_Office',
  'Busy',
] as const;

export type SettableStatus = (typeof SETTABLE_STATUSES)[number];
/** The stored status: a settable value, or Offline when no client is signed in. */
export type Status = SettableStatus | 'Offline';

/** What GET returns (Zoom's observed behaviour, not its documented enum). */
export type ReportedStatus =
  | 'Available' | 'Away' | 'Do_Not_Disturb' | 'Offline' | 'In_A_Meeting'
  | 'In_A_Call' | 'In_A_Calendar_Event' | 'Presenting' | 'Out_of_Office' | 'Busy';

export type WebhookStatus =
  | 'Available' | 'Away' | 'Do_Not_Disturb' | 'Offline' | 'In_Meeting'
  | 'On_Phone_Call' | 'In_Calendar_Event' | 'Presenting' | 'Out_of_Office' | 'Busy';

/** Zoom's own schema misspells DND; generated SDKs send this spelling. */
export const STATUS_ALIASES: Readonly<Record<string, SettableStatus>> = { Do_No_Disturb: 'Do_Not_Disturb' };

const REPORTED: Readonly<Record<Status, ReportedStatus>> = {
  Available: 'Available',
  Away: 'Away',
  Do_Not_Disturb: 'Do_Not_Disturb',
  Offline: 'Offline',
  In_A_Zoom_Meeting: 'In_A_Meeting',
  On_A_Call: 'In_A_Call',
  In_Calendar_Event: 'In_A_Calendar_Event',
  Presenting: 'Presenting',
  Out_of_Office: 'Out_of_Office',
  Busy: 'Busy',
};

const WEBHOOK: Readonly<Record<Status, WebhookStatus>> = {
  Available: 'Available',
  Away: 'Away',
  Do_Not_Disturb: 'Do_Not_Disturb',
  Offline: 'Offline',
  In_A_Zoom_Meeting: 'In_Meeting',
  On_A_Call: 'On_Phone_Call',
  In_Calendar_Event: 'In_Calendar_Event',
  Presenting: 'Presenting',
  Out_of_Office: 'Out_of_Office',
  Busy: 'Busy',
};

export const ALL_STATUSES: readonly Status[] = [...SETTABLE_STATUSES, 'Offline'];

/** Reported and webhook spellings that differ from the settable one, back to the settable status. */
const OTHER_SPELLINGS: ReadonlyMap<string, SettableStatus> = new Map(
  SETTABLE_STATUSES.flatMap((st) => [REPORTED[st], WEBHOOK[st]].filter((o) => o !== st).map((o) => [o, st] as const)),
);

export function isStatus(v: unknown): v is Status {
  return typeof v === 'string' && (ALL_STATUSES as readonly string[]).includes(v);
}

export function isSettable(v: unknown): v is SettableStatus {
  return typeof v === 'string' && (SETTABLE_STATUSES as readonly string[]).includes(v);
}

/** GET spelling; `documentedEnum` returns the spelling of Zoom's documented enum (the PUT spelling). */
export function reportedStatus(s: Status, documentedEnum = false): ReportedStatus | Status {
  return documentedEnum ? s : REPORTED[s];
}

export function webhookStatus(s: Status): WebhookStatus {
  return WEBHOOK[s];
}

export type StatusProblem = { kind: 'not_settable' | 'unknown'; message: string; suggestion?: SettableStatus };

/** Parses a status from a request body: case-sensitive, alias-aware, with a did-you-mean. */
export function parseSettableStatus(raw: string): Result<SettableStatus, StatusProblem> {
  if (isSettable(raw)) return ok(raw);
  const alias = STATUS_ALIASES[raw];
  if (alias) return ok(alias);
  const allowed = `Allowed values: ${SETTABLE_STATUSES.join(', ')}.`;
  if (raw === 'Offline') {
    return err({ kind: 'not_settable', message: `Offline cannot be set; it is reported when the user has no signed-in client. ${allowed}` });
  }
  const suggestion = closestStatus(raw);
  const hint = suggestion ? ` Did you mean ${suggestion}?` : '';
  return err({ kind: 'unknown', message: `Invalid status '${truncate(raw)}'.${hint} ${allowed}`, suggestion });
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** The settable value a typo most likely meant, or undefined when nothing is close. */
export function closestStatus(raw: string): SettableStatus | undefined {
  if (raw.length > 64) return undefined;
  // GET's and webhooks' spellings of a status are the likeliest misses (a client writing back what it read).
  const other = OTHER_SPELLINGS.get(raw);
  if (other) return other;
  const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  const n = norm(raw);
  let best: SettableStatus | undefined;
  let bestDist = Infinity;
  for (const s of SETTABLE_STATUSES) {
    const d = n === norm(s) ? 0 : levenshtein(n, norm(s));
    if (d < bestDist) {
      bestDist = d;
      best = s;
    }
  }
  const limit = Math.max(2, Math.floor(n.length / 3));
  return bestDist <= limit ? best : undefined;
}

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
