// Words for what the stream says: statuses (both spellings a server may report), causes, times and countdowns.

/** Reported and documented spellings map to the same words; `tone` picks the colour, never the meaning. */
const STATUS = [
  [['Available'], 'Available', 'available'],
  [['Away'], 'Away', 'away'],
  [['Do_Not_Disturb'], 'Do not disturb', 'dnd'],
  [['In_A_Meeting', 'In_A_Zoom_Meeting'], 'In a meeting', 'busy'],
  [['In_A_Call', 'On_A_Call'], 'On a call', 'busy'],
  [['Presenting'], 'Presenting', 'busy'],
  [['Busy'], 'Busy', 'busy'],
  [['In_A_Calendar_Event', 'In_Calendar_Event'], 'In a calendar event', 'calendar'],
  [['Out_of_Office'], 'Out of office', 'ooo'],
  [['Offline'], 'Offline', 'offline'],
];

const BY_SPELLING = new Map(STATUS.flatMap(([names, label, tone], order) => names.map((n) => [n, { label, tone, order }])));

/** @returns {{label: string, tone: string, order: number}} */
export function statusInfo(status) {
  return BY_SPELLING.get(status) ?? { label: String(status).replaceAll('_', ' '), tone: 'unknown', order: STATUS.length };
}

export const isDnd = (status) => status === 'Do_Not_Disturb';

const CAUSES = {
  update: 'Set through the API',
  dnd_expiry: 'Do not disturb ended',
  sign_in: 'Signed in',
  sign_out: 'Signed out',
  timeout: 'Client timed out',
};

export const causeWords = (cause) => CAUSES[cause] ?? String(cause ?? '').replaceAll('_', ' ');

const hm = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const hms = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dayHm = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

const sameDay = (a, b) => new Date(a).toDateString() === new Date(b).toDateString();

/** A time of day, with the date when it is not the same day as `now` (both in server time). */
export const clockTime = (ms, now) => (sameDay(ms, now) ? hm : dayHm).format(ms);
export const clockTimeSeconds = (ms) => hms.format(ms);
export const fullTime = (ms) => dayHm.format(ms);

/** "29:45 left", "1:05:00 left"; a due end that the server has not swept yet reads "ending…". */
export function remaining(ms) {
  if (ms <= 0) return 'ending…';
  const s = Math.ceil(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n) => String(n).padStart(2, '0');
  return `${h > 0 ? `${h}:${pad(m)}` : m}:${pad(s % 60)} left`;
}

export function initials(name) {
  const parts = name.split(/[\s@._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 && !name.includes('@') ? parts[1][0] : '')).toUpperCase();
}
