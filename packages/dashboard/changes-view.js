// The side panel of latest changes: time, person, from → to and cause, newest first, capped.
import { byId, el, statusChip, timeEl } from './dom.js';
import { causeWords, clockTimeSeconds, statusInfo } from './format.js';

const CHANGES_SHOWN = 50;

export const changesPanel = {
  reset() {
    byId('change-list').replaceChildren();
    byId('no-changes').hidden = false;
  },

  /** Newest first, at most CHANGES_SHOWN. */
  add(ch, who) {
    const li = el('li', 'change');
    li.dataset.user = ch.userId;
    const head = el('div', 'change-head');
    head.append(timeEl(ch.at, clockTimeSeconds(ch.at)), el('span', 'change-who', who));
    const move = el('div', 'move');
    const arrow = el('span', 'arrow', '→');
    arrow.setAttribute('aria-hidden', 'true');
    move.append(statusChip(ch.from), el('span', 'sr-only', ' to '), arrow, statusChip(ch.to));
    li.append(head, move, el('div', 'cause', causeWords(ch.cause)));
    const list = byId('change-list');
    list.prepend(li);
    while (list.children.length > CHANGES_SHOWN) list.lastElementChild.remove();
    byId('no-changes').hidden = true;
    byId('announce').textContent = `${who}: ${statusInfo(ch.to).label}`;
  },

  /** Names can arrive after the changes that mention a person: entries then switch from email to name. */
  rename(users) {
    for (const li of byId('change-list').children) {
      const u = users.get(li.dataset.user);
      if (u?.name) li.querySelector('.change-who').textContent = u.name;
    }
  },
};
