// Small DOM helpers shared by the board's views: elements by id, text-only elements, times and status chips.
import { statusInfo } from './format.js';

export const byId = (id) => document.getElementById(id);

export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function dotEl() {
  const d = el('span', 'dot');
  d.setAttribute('aria-hidden', 'true');
  return d;
}

export function timeEl(ms, text) {
  const t = el('time', '', text);
  t.dateTime = new Date(ms).toISOString();
  return t;
}

/** A status in words with its dot: the colour repeats what the text says, never replaces it. */
export function statusChip(status, className = 'chip') {
  const info = statusInfo(status);
  const s = el('span', `${className} tone-${info.tone}`);
  s.append(dotEl(), el('span', 'label', info.label));
  return s;
}
