// Presence status vocabularies and the one normalised form every spelling maps to.

/** Values PUT accepts (Zoom's documented enum). */
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

/** Zoom's own schema misspells DND and generated SDKs send it, so callers may too. */
export type SettableStatusInput = SettableStatus | 'Do_No_Disturb';

/** What GET actually returns; this is also the canonical spelling the SDK normalises to. */
export const PRESENCE_STATUSES = [
  'Available',
  'Away',
  'Do_Not_Disturb',
  'Offline',
  'In_A_Meeting',
  'In_A_Call',
  'In_A_Calendar_Event',
  'Presenting',
  'Out_of_Office',
  'Busy',
] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];

/**
 * Every other spelling seen on the wire: the documented enum (PUT spelling, which a server
 * may be configured to report), webhook payloads, and the DND misspelling.
 */
export const STATUS_SPELLINGS: Readonly<Record<string, PresenceStatus>> = Object.freeze({
  In_A_Zoom_Meeting: 'In_A_Meeting',
  On_A_Call: 'In_A_Call',
  In_Calendar_Event: 'In_A_Calendar_Event',
  In_Meeting: 'In_A_Meeting',
  On_Phone_Call: 'In_A_Call',
  Do_No_Disturb: 'Do_Not_Disturb',
});

/**
 * A status as received. Values this SDK does not know yet stay `unknown` with their raw text,
 * so a new status introduced by Zoom never breaks a caller.
 */
export type NormalizedPresence =
  | { kind: 'known'; status: PresenceStatus; raw: string }
  | { kind: 'unknown'; raw: string };

const CANONICAL = new Set<string>(PRESENCE_STATUSES);

export function normalizePresence(raw: unknown): NormalizedPresence {
  const text = typeof raw === 'string' ? raw : raw == null ? '' : String(raw);
  if (CANONICAL.has(text)) return { kind: 'known', status: text as PresenceStatus, raw: text };
  const mapped = Object.hasOwn(STATUS_SPELLINGS, text) ? STATUS_SPELLINGS[text] : undefined;
  return mapped ? { kind: 'known', status: mapped, raw: text } : { kind: 'unknown', raw: text };
}

/** The value actually sent on PUT: the DND misspelling becomes the correct one, the rest is unchanged. */
export function toSettableStatus(status: SettableStatusInput): SettableStatus {
  return status === 'Do_No_Disturb' ? 'Do_Not_Disturb' : status;
}
