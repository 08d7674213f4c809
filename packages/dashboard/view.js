// Drawing the board: one card per person (kept and updated in place), counts per status, the connection.
import { byId, dotEl, el, statusChip, timeEl } from './dom.js';
import { clockTime, initials, isDnd, remaining, statusInfo } from './format.js';

const displayName = (u) => u.name || u.email || u.id;

function buildCard() {
  const root = el('li', 'card');
  const avatar = el('div', 'avatar');
  avatar.setAttribute('aria-hidden', 'true');
  const parts = {
    initials: el('span', 'initials'),
    name: el('h3', 'name'),
    email: el('p', 'email'),
    status: el('p', 'status'),
    dnd: el('p', 'meta dnd'),
    since: el('p', 'meta since'),
  };
  avatar.append(parts.initials, el('span', 'badge'));
  const who = el('div', 'who');
  who.append(parts.name, parts.email);
  root.append(avatar, who, parts.status, parts.dnd, parts.since);
  return { root, parts, key: '' };
}

export class View {
  #cards = new Map();
  #order = [];
  #countButtons = new Map();

  /** @param {{onTone: (label: string|null) => void}} handlers */
  constructor(handlers) {
    this.handlers = handlers;
  }

  reset() {
    this.#cards.clear();
    this.#order = [];
    this.#countButtons.clear();
    byId('cards').replaceChildren();
    byId('counts').replaceChildren();
  }

  /** Brings cards, counts and the empty message in line with `s`; only changed cards are touched. */
  render(s, now) {
    const users = [...s.users.values()].sort((a, b) => displayName(a).localeCompare(displayName(b)) || a.id.localeCompare(b.id));
    for (const [id, c] of this.#cards) if (!s.users.has(id)) { c.root.remove(); this.#cards.delete(id); }
    const q = s.filter.trim().toLowerCase();
    let shown = 0;
    for (const u of users) {
      let c = this.#cards.get(u.id);
      if (!c) this.#cards.set(u.id, (c = buildCard()));
      this.#fill(c, u, now);
      const label = statusInfo(u.status).label;
      c.root.hidden = (s.tone !== null && s.tone !== label) || (q !== '' && !`${u.name} ${u.email} ${label}`.toLowerCase().includes(q));
      if (!c.root.hidden) shown++;
    }
    const order = users.map((u) => u.id);
    if (order.join('\n') !== this.#order.join('\n')) {
      byId('cards').replaceChildren(...order.map((id) => this.#cards.get(id).root));
      this.#order = order;
    }
    this.#counts(users, s.tone);
    byId('total').textContent = shown === users.length ? String(users.length) : `${shown} of ${users.length}`;
    const empty = byId('empty');
    empty.hidden = s.ready && shown > 0;
    empty.textContent = !s.ready ? 'Waiting for the live stream…'
      : users.length > 0 ? 'No one matches this filter.'
        : s.details === false ? 'This token can see no one: watching a whole account needs an admin read scope.' : 'No one in this account yet.';
    byId('details-note').hidden = s.details !== false;
  }

  #fill(c, u, now) {
    const info = statusInfo(u.status);
    const key = [u.name, u.email, u.status, u.since, u.dndEnd].join('\u0000');
    if (key === c.key) return this.#countdown(c, u, now);
    const statusChanged = c.key !== '' && c.status !== u.status;
    c.key = key;
    c.status = u.status;
    c.user = u;
    const { parts } = c;
    c.root.className = `card tone-${info.tone}`;
    c.root.dataset.id = u.id;
    parts.initials.textContent = initials(displayName(u));
    parts.name.textContent = displayName(u);
    parts.email.textContent = u.email;
    parts.email.hidden = !u.name;
    parts.status.replaceChildren(statusChip(u.status, 'state'));
    parts.since.hidden = u.since === null;
    if (u.since !== null) parts.since.replaceChildren('Since ', timeEl(u.since, clockTime(u.since, now)));
    parts.dnd.hidden = !(isDnd(u.status) && u.dndEnd !== null);
    if (!parts.dnd.hidden) {
      c.left = el('span', 'left');
      parts.dnd.replaceChildren('Until ', timeEl(u.dndEnd, clockTime(u.dndEnd, now)), ' · ', c.left);
    }
    this.#countdown(c, u, now);
    if (statusChanged) {
      c.root.classList.add('flash');
      c.root.addEventListener('animationend', () => c.root.classList.remove('flash'), { once: true });
    }
  }

  #countdown(c, u, now) {
    if (isDnd(u.status) && u.dndEnd !== null && c.left) c.left.textContent = remaining(u.dndEnd - now);
  }

  /** Once a second: only the DND countdowns move. */
  tick(now) {
    for (const c of this.#cards.values()) if (c.user) this.#countdown(c, c.user, now);
  }

  #counts(users, tone) {
    const counts = new Map();
    for (const u of users) {
      const { label, order, tone: t } = statusInfo(u.status);
      const e = counts.get(label) ?? { n: 0, order, tone: t };
      e.n++;
      counts.set(label, e);
    }
    if (tone !== null && !counts.has(tone)) counts.set(tone, { n: 0, order: -1, tone: 'unknown' });
    const entries = [['All', { n: users.length, order: -2, tone: 'all' }], ...[...counts].sort((a, b) => a[1].order - b[1].order)];
    const box = byId('counts');
    const wanted = [];
    for (const [label, { n, tone: t }] of entries) {
      let b = this.#countButtons.get(label);
      if (!b) {
        b = el('button', `count tone-${t}`);
        b.type = 'button';
        b.addEventListener('click', () => this.handlers.onTone(label === 'All' ? null : label));
        this.#countButtons.set(label, b);
      }
      b.replaceChildren(...(label === 'All' ? [] : [dotEl()]), el('span', 'label', label), ' ', el('span', 'n', String(n)));
      b.setAttribute('aria-pressed', String(label === 'All' ? tone === null : tone === label));
      wanted.push(b);
    }
    for (const [label, b] of this.#countButtons) if (!wanted.includes(b)) { b.remove(); this.#countButtons.delete(label); }
    wanted.forEach((b, i) => { if (box.children[i] !== b) box.insertBefore(b, box.children[i] ?? null); });
  }

  connection(state, text) {
    byId('connection').dataset.state = state;
    byId('connection-text').textContent = text;
    // Cards may be stale while the stream is down: say so by dimming them (the pill says it in words).
    byId('board').classList.toggle('dim', state !== 'live');
  }
}
