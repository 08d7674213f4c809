// The PresenceChanged event that webhooks, streams and the dashboard all carry.
import type { Status } from './status.js';

export type ChangeCause = 'update' | 'dnd_expiry' | 'sign_in' | 'sign_out' | 'timeout';

export type PresenceChanged = {
  type: 'presence.changed';
  accountId: string;
  userId: string;
  email: string;
  status: Status;
  previousStatus: Status;
  /** Epoch ms when the change took effect. */
  at: number;
  cause: ChangeCause;
};
