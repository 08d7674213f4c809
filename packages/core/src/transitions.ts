// Which manual status changes a user's client version allows. The table is data.
import { type Result, ok, err } from './result.js';
import type { SettableStatus, Status } from './status.js';
import { type Version, parseVersion, compareVersions } from './version.js';

export type TransitionRule = {
  /** Inclusive lower bound of the client version this rule applies to. */
  minVersion: string;
  /** 'any' allows every change; otherwise the listed [from, to] pairs. */
  allow: 'any' | ReadonlyArray<readonly [Status, SettableStatus]>;
};

/** Ordered from the highest minVersion down; the first rule whose minVersion ≤ client version applies. */
export const TRANSITION_TABLE: readonly TransitionRule[] = [
  { minVersion: '5.3.0', allow: 'any' },
  {
    minVersion: '0',
    allow: [
      ['Away', 'Do_Not_Disturb'],
      ['Available', 'Do_Not_Disturb'],
    ],
  },
];

export type TransitionDenied = { reason: 'client_version'; from: Status; to: SettableStatus; clientVersion: string };

export function checkTransition(
  from: Status,
  to: SettableStatus,
  clientVersion: Version,
  table: readonly TransitionRule[] = TRANSITION_TABLE,
): Result<true, TransitionDenied> {
  if (from === to) return ok(true);
  const rule = table.find((r) => compareVersions(clientVersion, parseVersion(r.minVersion) ?? [0]) >= 0);
  const allowed = rule !== undefined && (rule.allow === 'any' || rule.allow.some(([f, t]) => f === from && t === to));
  return allowed ? ok(true) : err({ reason: 'client_version', from, to, clientVersion: clientVersion.join('.') });
}
