// Shapes of the presence endpoints' requests and responses, and reading a GET body into them.
import { normalizePresence, type NormalizedPresence, type SettableStatusInput } from './status.js';

export type PresenceUpdate = {
  status: SettableStatusInput;
  /** Minutes of Do-Not-Disturb (1–1440); servers ignore it for other statuses. */
  duration?: number;
};

export type PresenceReading = {
  status: NormalizedPresence;
  /** When Do-Not-Disturb ends; only reported to a user asking about itself. Kept as text if unparseable. */
  endTime?: Date | string;
  /** Seconds of Do-Not-Disturb left. */
  remainingTime?: number;
  /** The response body as received. */
  raw: unknown;
};

export function readPresenceBody(body: unknown): PresenceReading {
  const b = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const reading: PresenceReading = { status: normalizePresence(b.status), raw: body };
  if (typeof b.end_time === 'string' && b.end_time !== '') {
    const at = new Date(b.end_time);
    reading.endTime = Number.isNaN(at.getTime()) ? b.end_time : at;
  }
  if (typeof b.remaining_time === 'number' && Number.isFinite(b.remaining_time)) reading.remainingTime = b.remaining_time;
  return reading;
}
