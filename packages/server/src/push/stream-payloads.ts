// What the stream says: the snapshot of an audience and one presence change, in reported spellings.
import { INITIAL_PRESENCE, isoSeconds, presenceAt, reportedStatus } from '@presence/core';
import type { Store, StoredEvent, User } from '../store/store.js';
import type { Audience } from './sse.js';

export function presencePayload(e: StoredEvent, documentedEnum: boolean): string {
  return JSON.stringify({
    account_id: e.accountId,
    user_id: e.userId,
    email: e.email,
    status: reportedStatus(e.status, documentedEnum),
    previous_status: reportedStatus(e.previousStatus, documentedEnum),
    date_time: isoSeconds(e.at),
    cause: e.cause,
  });
}

/** Everyone the audience may see, with their status at `now` (a due DND expiry already applied). */
export async function snapshotPayload(store: Store, a: Audience, now: number, documentedEnum: boolean): Promise<string> {
  let users: User[];
  let states: Awaited<ReturnType<Store['listPresence']>>;
  if (a.userId === null) {
    [users, states] = await Promise.all([store.listUsers(a.accountId), store.listPresence(a.accountId)]);
  } else {
    const u = await store.getUser(a.userId);
    users = u && u.accountId === a.accountId ? [u] : [];
    const p = u ? await store.getPresence(u.id) : undefined;
    states = p ? [p] : [];
  }
  const byUser = new Map(states.map((s) => [s.userId, s]));
  return JSON.stringify({
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      status: reportedStatus(presenceAt(byUser.get(u.id) ?? INITIAL_PRESENCE, now).state.status, documentedEnum),
    })),
  });
}
