import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PresenceApiError, createPresenceClient, presenceServerUrls } from '../src/index.js';
import { jsonResponse, noContent, scriptedFetch } from './support/scripted-fetch.js';

const auth = { type: 'static', accessToken: 'tok' } as const;

test("defaults to Zoom's API", async () => {
  const fetch = scriptedFetch(() => jsonResponse(200, { status: 'Away' }));
  await createPresenceClient({ auth, fetch }).getPresenceStatus('me');
  assert.equal(fetch.calls[0]!.url, 'https://api.zoom.us/v2/users/me/presence_status');
  assert.equal(fetch.calls[0]!.headers.get('authorization'), 'Bearer tok');
});

test('path-encodes the user id, so emails and odd ids stay one segment', async () => {
  const fetch = scriptedFetch(() => jsonResponse(200, { status: 'Away' }));
  const client = createPresenceClient({ apiBaseUrl: 'http://127.0.0.1:8080/v2/', auth, fetch });
  await client.getPresenceStatus('jane+x@example.com');
  await client.getPresenceStatus('a/b?c');
  assert.deepEqual(
    fetch.calls.map((c) => c.url),
    [
      'http://127.0.0.1:8080/v2/users/jane%2Bx%40example.com/presence_status',
      'http://127.0.0.1:8080/v2/users/a%2Fb%3Fc/presence_status',
    ],
  );
});

test('an empty user id is refused before any request', async () => {
  const fetch = scriptedFetch(() => noContent());
  await assert.rejects(createPresenceClient({ auth, fetch }).getPresenceStatus(''), TypeError);
  assert.equal(fetch.calls.length, 0);
});

test('reads Do-Not-Disturb end time and remaining time', async () => {
  const fetch = scriptedFetch(() => jsonResponse(200, { status: 'Do_Not_Disturb', end_time: '2026-12-03T17:20:00Z', remaining_time: 1200 }));
  const r = await createPresenceClient({ auth, fetch }).getPresenceStatus('me');
  assert.deepEqual(r.status, { kind: 'known', status: 'Do_Not_Disturb', raw: 'Do_Not_Disturb' });
  assert.ok(r.endTime instanceof Date);
  assert.equal((r.endTime as Date).toISOString(), '2026-12-03T17:20:00.000Z');
  assert.equal(r.remainingTime, 1200);
  assert.deepEqual(r.raw, { status: 'Do_Not_Disturb', end_time: '2026-12-03T17:20:00Z', remaining_time: 1200 });
});

test('an unparseable end time is kept as text', async () => {
  const fetch = scriptedFetch(() => jsonResponse(200, { status: 'Do_Not_Disturb', end_time: 'soon' }));
  const r = await createPresenceClient({ auth, fetch }).getPresenceStatus('me');
  assert.equal(r.endTime, 'soon');
  assert.equal(r.remainingTime, undefined);
});

test('a documented-enum spelling from GET is normalised', async () => {
  const fetch = scriptedFetch(() => jsonResponse(200, { status: 'In_A_Zoom_Meeting' }));
  const r = await createPresenceClient({ auth, fetch }).getPresenceStatus('me');
  assert.deepEqual(r.status, { kind: 'known', status: 'In_A_Meeting', raw: 'In_A_Zoom_Meeting' });
});

test('an unknown status value comes back as unknown', async () => {
  const fetch = scriptedFetch(() => jsonResponse(200, { status: 'Some_New_Value' }));
  const r = await createPresenceClient({ auth, fetch }).getPresenceStatus('me');
  assert.deepEqual(r.status, { kind: 'unknown', raw: 'Some_New_Value' });
});

test('a 200 whose body is not JSON is an error, not a crash', async () => {
  const fetch = scriptedFetch(() => new Response('<html>', { status: 200 }));
  await assert.rejects(createPresenceClient({ auth, fetch }).getPresenceStatus('me'), PresenceApiError);
});

test('update sends JSON status and duration and resolves on 204', async () => {
  const fetch = scriptedFetch(() => noContent());
  await createPresenceClient({ auth, fetch }).updatePresenceStatus('me', { status: 'Do_Not_Disturb', duration: 30 });
  const [call] = fetch.calls;
  assert.equal(call!.method, 'PUT');
  assert.equal(call!.headers.get('content-type'), 'application/json');
  assert.equal(call!.body, '{"status":"Do_Not_Disturb","duration":30}');
});

test('update sends Do_No_Disturb as Do_Not_Disturb', async () => {
  const fetch = scriptedFetch(() => noContent());
  await createPresenceClient({ auth, fetch }).updatePresenceStatus('user@example.com', { status: 'Do_No_Disturb', duration: 20 });
  assert.deepEqual(JSON.parse(fetch.calls[0]!.body!), { status: 'Do_Not_Disturb', duration: 20 });
  assert.equal(fetch.calls[0]!.url, 'https://api.zoom.us/v2/users/user%40example.com/presence_status');
});

test('update leaves duration out when not given', async () => {
  const fetch = scriptedFetch(() => noContent());
  await createPresenceClient({ auth, fetch }).updatePresenceStatus('me', { status: 'Available' });
  assert.equal(fetch.calls[0]!.body, '{"status":"Available"}');
});

test('presenceServerUrls points every endpoint at one Presence server', async () => {
  assert.deepEqual(presenceServerUrls('http://127.0.0.1:8080/'), {
    apiBaseUrl: 'http://127.0.0.1:8080/v2',
    tokenUrl: 'http://127.0.0.1:8080/oauth/token',
    streamUrl: 'http://127.0.0.1:8080/presence/v1/stream',
  });
});

test('a caller-supplied token provider is used as is', async () => {
  const fetch = scriptedFetch(() => jsonResponse(200, { status: 'Busy' }));
  const client = createPresenceClient({ auth: { getToken: async () => 'from-vault' }, fetch });
  await client.getPresenceStatus('me');
  assert.equal(fetch.calls[0]!.headers.get('authorization'), 'Bearer from-vault');
});

test('an aborted request rejects with the abort reason', async () => {
  const controller = new AbortController();
  controller.abort(new Error('stop'));
  const fetch = scriptedFetch((_c) => noContent());
  const client = createPresenceClient({
    auth,
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      init?.signal?.throwIfAborted();
      return fetch(input, init);
    }) as typeof globalThis.fetch,
  });
  await assert.rejects(client.updatePresenceStatus('me', { status: 'Away' }, { signal: controller.signal }), /stop/);
});
