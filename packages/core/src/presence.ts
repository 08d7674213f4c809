// A user's presence as a value, and the pure transitions that change it.
import { type Result, ok, err } from './result.js';
import type { SettableStatus, Status } from './status.js';
import { checkTransition, type TransitionRule, TRANSITION_TABLE } from './transitions.js';
import { highestVersion } from './version.js';
import { dndEndTime, DND_DEFAULT_MINUTES } from './dnd.js';
import { userWindowCheck } from './rate-limit.js';

export type PresenceState = {
  status: Status;
  /** Epoch ms when Do-Not-Disturb ends; null unless status is Do_Not_Disturb. */
  dndUntil: number | null;
  /** What the status returns to when DND ends. */
  dndPrevious: SettableStatus | null;
  /** Epoch ms of the last accepted manual update, for the per-user window. */
  lastUpdateAt: number | null;
  /** Epoch ms of the last status change. */
  changedAt: number;
};

export const INITIAL_PRESENCE: PresenceState = { status: 'Offline', dndUntil: null, dndPrevious: null, lastUpdateAt: null, changedAt: 0 };

/** The state at `now`, with a due DND expiry applied; `expired` says whether one was. */
export function presenceAt(s: PresenceState, now: number): { state: PresenceState; expired: boolean } {
  if (s.status === 'Do_Not_Disturb' && s.dndUntil !== null && s.dndUntil <= now) {
    return {
      state: { ...s, status: s.dndPrevious ?? 'Available', dndUntil: null, dndPrevious: null, changedAt: s.dndUntil },
      expired: true,
    };
  }
  return { state: s, expired: false };
}

export type UpdateRules = { windowMs: number; enforceTransitions: boolean; transitions?: readonly TransitionRule[] };
export type UpdateDenied =
  | { reason: 'signed_out' }
  | { reason: 'rate_limited'; retryAfterSec: number }
  | { reason: 'client_version'; from: Status; to: SettableStatus };

/**
 * A manual update (PUT). `clientVersions` are the versions of the user's signed-in clients.
 * The state passed in must already be `presenceAt(now)`.
 */
export function applyUpdate(
  s: PresenceState,
  to: SettableStatus,
  durationMinutes: number | undefined,
  clientVersions: readonly string[],
  now: number,
  rules: UpdateRules,
): Result<PresenceState, UpdateDenied> {
  if (clientVersions.length === 0 || s.status === 'Offline') return err({ reason: 'signed_out' });
  const window = userWindowCheck(s.lastUpdateAt, now, rules.windowMs);
  if (!window.allowed) return err({ reason: 'rate_limited', retryAfterSec: window.retryAfterSec });
  if (rules.enforceTransitions) {
    const version = highestVersion(clientVersions) ?? [0];
    const t = checkTransition(s.status, to, version, rules.transitions ?? TRANSITION_TABLE);
    if (!t.ok) return err({ reason: 'client_version', from: s.status, to });
  }
  if (to === 'Do_Not_Disturb') {
    const minutes = durationMinutes ?? DND_DEFAULT_MINUTES;
    // Re-entering DND extends it but keeps what it will return to.
    const previous = s.status === 'Do_Not_Disturb' ? s.dndPrevious : (s.status as SettableStatus);
    return ok({
      status: to,
      dndUntil: dndEndTime(now, minutes),
      dndPrevious: previous,
      lastUpdateAt: now,
      changedAt: s.status === to ? s.changedAt : now,
    });
  }
  return ok({ status: to, dndUntil: null, dndPrevious: null, lastUpdateAt: now, changedAt: s.status === to ? s.changedAt : now });
}

/** A user's first client signed in: they become Available. Later sign-ins change nothing. */
export function applySignIn(s: PresenceState, sessionsBefore: number, now: number): PresenceState {
  if (sessionsBefore > 0 && s.status !== 'Offline') return s;
  return { ...s, status: 'Available', dndUntil: null, dndPrevious: null, changedAt: now };
}

/** A client signed out or timed out; the last one leaving makes the user Offline. */
export function applySignOut(s: PresenceState, sessionsAfter: number, now: number): PresenceState {
  if (sessionsAfter > 0) return s;
  return { ...s, status: 'Offline', dndUntil: null, dndPrevious: null, changedAt: now };
}
