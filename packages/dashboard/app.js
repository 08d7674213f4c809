// The dashboard: the sign-in form, the state the stream builds (with names and DND ends), and what to draw.
import { forgetCredentials, loadAccountDetails, loadCredentials, readServerClock, saveCredentials } from './api.js';
import { fullTime, isDnd } from './format.js';
import { changesPanel } from './changes-view.js';
import { keepStreaming } from './live-stream.js';
import { byId } from './dom.js';
import { View } from './view.js';

const state = { users: new Map(), filter: '', tone: null, ready: false, details: null };
let clock = { serverMs: Date.now(), localMs: Date.now(), manual: false };
let session = null;
const view = new View({ onTone: (tone) => { state.tone = tone; draw(); } });

/** A manual server clock stands still between advances; a system one runs with ours. */
const serverNow = () => (clock.manual ? clock.serverMs : clock.serverMs + (Date.now() - clock.localMs));

let drawQueued = false;
function draw() {
  if (drawQueued) return;
  drawQueued = true;
  requestAnimationFrame(() => {
    drawQueued = false;
    view.render(state, serverNow());
  });
}

function debounce(fn, ms) {
  let t;
  return () => { clearTimeout(t); t = setTimeout(fn, ms); };
}

const nameOf = (u) => u?.name || u?.email || '';

function applySnapshot(d) {
  const before = state.users;
  state.users = new Map();
  for (const u of d.users ?? []) {
    const old = before.get(u.id);
    const same = old?.status === u.status;
    state.users.set(u.id, { id: u.id, email: u.email ?? '', name: old?.name ?? '', status: u.status, since: same ? old.since : null, dndEnd: same ? old.dndEnd : null });
  }
  state.ready = true;
  refreshDetails();
}

function applyChange(d) {
  const at = Date.parse(d.date_time);
  const old = state.users.get(d.user_id);
  const u = { id: d.user_id, email: d.email ?? '', name: '', since: null, dndEnd: null, ...old };
  state.users.set(u.id, { ...u, email: d.email ?? u.email, status: d.status, since: Number.isNaN(at) ? null : at, dndEnd: isDnd(d.status) ? u.dndEnd : null });
  changesPanel.add({ userId: u.id, at: Number.isNaN(at) ? serverNow() : at, from: d.previous_status, to: d.status, cause: d.cause }, nameOf(u) || d.user_id);
  // The stream does not carry names or DND end times: fetch them when a change needs them.
  if (!old || isDnd(d.status)) refreshDetails();
  syncClockSoon();
}

function onEvent(e) {
  try {
    if (e.type === 'snapshot') applySnapshot(JSON.parse(e.data));
    else if (e.type === 'presence') applyChange(JSON.parse(e.data));
    else return;
    draw();
  } catch (err) {
    console.error('dashboard: cannot apply', e.type, err);
  }
}

const refreshDetails = debounce(async () => {
  const s = session;
  if (!s || state.details === false) return;
  let d;
  try {
    d = await loadAccountDetails(s.cred, s.controller.signal);
  } catch {
    return; // The network or the server failed: the next change or snapshot tries again.
  }
  if (s !== session) return;
  state.details = d !== null;
  if (d) {
    byId('account').textContent = `${d.account.name} · ${d.account.id}`;
    document.title = `${d.account.name} · Presence`;
    for (const r of d.users) {
      const u = state.users.get(r.id);
      if (!u) continue;
      // A change may have arrived after this list was read: status-bound fields only when they still agree.
      const agrees = r.status === u.status;
      const name = [r.first_name, r.last_name].filter(Boolean).join(' ');
      state.users.set(r.id, {
        ...u,
        name,
        since: agrees && r.status_since ? Date.parse(r.status_since) : u.since,
        dndEnd: agrees ? (r.dnd_end_time ? Date.parse(r.dnd_end_time) : null) : u.dndEnd,
      });
    }
    changesPanel.rename(state.users);
  }
  draw();
}, 150);

async function syncClock() {
  const s = session;
  try {
    const c = await readServerClock(s?.controller.signal);
    if (s !== session) return;
    clock = c;
    byId('clock').textContent = c.manual ? `Server clock is manual, now ${fullTime(c.serverMs)}.` : '';
    draw();
  } catch { /* keep the last reading */ }
}
const syncClockSoon = debounce(syncClock, 300);

function start(cred) {
  session?.controller.abort();
  session = { cred, controller: new AbortController() };
  Object.assign(state, { users: new Map(), filter: '', tone: null, ready: false, details: null });
  byId('filter').value = '';
  byId('clock').textContent = '';
  byId('account').textContent = cred.accountId ? `Account ${cred.accountId}` : 'Live dashboard';
  view.reset();
  changesPanel.reset();
  byId('signin').hidden = true;
  byId('board').hidden = false;
  byId('disconnect').hidden = false;
  // The form (and the focused button) just disappeared: put keyboard and screen-reader users at the board.
  if (document.activeElement === document.body || byId('signin').contains(document.activeElement)) byId('people-title').focus();
  draw();
  void syncClock();
  void keepStreaming(cred, session.controller.signal, {
    onEvent,
    onState: (st, text) => view.connection(st, text),
    onRefused: (message) => signOut(message, cred),
  });
}

/** Back to the form; a refused token is forgotten, with the reason in words. */
function signOut(message, cred) {
  session?.controller.abort();
  session = null;
  forgetCredentials();
  view.connection('idle', 'Not connected');
  byId('board').hidden = true;
  byId('disconnect').hidden = true;
  byId('signin').hidden = false;
  byId('account').textContent = 'Live dashboard';
  document.title = 'Presence · live dashboard';
  byId('account-id').value = cred?.accountId ?? byId('account-id').value;
  const alert = byId('signin-error');
  alert.hidden = !message;
  alert.textContent = message ?? '';
  byId('token').focus();
}

byId('signin-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const token = byId('token').value.trim();
  const accountId = byId('account-id').value.trim();
  const problem = !token ? 'Enter an access token.'
    : !/^[\x21-\x7e]+$/.test(token) ? 'That does not look like a token: it has spaces or other characters a token never has. Check that it was copied whole.'
      : accountId && !/^[A-Za-z0-9_-]{1,64}$/.test(accountId) ? 'An account ID is letters, digits, - or _ (at most 64).' : '';
  if (problem) return signOut(problem, { accountId });
  byId('signin-error').hidden = true;
  byId('token').value = '';
  const cred = { token, accountId };
  saveCredentials(cred);
  start(cred);
});
byId('disconnect').addEventListener('click', () => signOut());
byId('filter').addEventListener('input', (e) => { state.filter = e.target.value; draw(); });

setInterval(() => view.tick(serverNow()), 1000);
setInterval(() => { if (session) void syncClock(); }, 15_000);

const saved = loadCredentials();
if (saved) start(saved);
else signOut();
