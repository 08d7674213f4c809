// No request input ever produces a 5xx: a few hundred malformed requests, every answer < 500 in the documented body shape.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { makeFixture, multipart, type Fixture } from '../support/fixture.js';

let f: Fixture;
let token: string;
before(async () => {
  f = await makeFixture();
  token = await f.token({ scopes: ['user:read:admin', 'user:write:admin', 'presence:admin'] });
});
after(async () => { await f.close(); });

/** A small seeded generator, so a failure can be reproduced from the test name. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(a: readonly T[]): T => a[Math.floor(next() * a.length)]! };
}

const CONTENT_TYPES = [
  undefined, 'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'application/json; charset=utf-16',
  'application/json;;;', 'APPLICATION/JSON', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=',
  'multipart/form-data; boundary=x', 'multipart/mixed; boundary=x', 'text/plain', 'application/octet-stream', '*/*', ';', 'json', '',
  'application/json; boundary=x', 'x'.repeat(2000),
];

const BODIES = (r: ReturnType<typeof rng>): Array<string | Buffer | undefined> => [
  undefined, '', '{}', '[]', 'null', '0', '"x"', '{"status":', '{"status":null}', '{"status":5}', '{"status":["Away"]}',
  '{"status":{"$ne":1}}', '{"status":"Away","duration":1e308}', '{"status":"Do_Not_Disturb","duration":-0}', '{"status":"Do_Not_Disturb","duration":"1".repeat}',
  '{"__proto__":{"status":"Away"}}', '{"constructor":{"prototype":{"status":"Away"}}}', `{"status":"${'A'.repeat(50_000)}"}`,
  `${'['.repeat(5000)}${']'.repeat(5000)}`, `{"a":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`,
  'status=Away&status=Away&status=Away', 'status=%E0%A4%A&duration=%', 'status', '=&=&=', 'status=Do_Not_Disturb&duration=9999999999999999999',
  Buffer.from(Array.from({ length: r.int(300) + 1 }, () => r.int(256))), Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), Buffer.from([0xff, 0xfe, 0x00]),
  '--x\r\nContent-Disposition: form-data; name="status"\r\n\r\nAway\r\n', '--x--', '--x\r\nContent-Disposition: form-data\r\n\r\nAway\r\n--x--\r\n',
  multipart([['status', 'Away', '../../etc/passwd']], 'x').payload, multipart(Array.from({ length: 80 }, (_, i) => [`f${i}`, 'v'] as [string, string]), 'x').payload,
];

const USER_REFS = [
  'me', 'u-owner', 'ALICE@EXAMPLE.COM', '%E0%A4%A', '%', '%25', '%00', 'a%2Fb', '..%2F..%2Fetc', 'x'.repeat(10_000), 'x'.repeat(321), '@', '@@', ' ', '%20me',
  'null', 'undefined', '__proto__', 'constructor', '0', '-1', '1e9', 'é', '%C3%A9', '😀', '%F0%9F%98%80', '%FF%FE', 'me?x=1', 'me;jsessionid=1',
];

const AUTH = () => [
  `Bearer ${token}`, `Bearer ${token}`, `Bearer ${token}`, undefined, 'Bearer', 'Bearer  ', `bearer ${token}`, `Bearer ${token}x`, `Bearer ${'a'.repeat(70_000)}`,
  'Basic Og==', 'Basic', `Bearer ${f.config.adminKey}`, `Bearer ${'.'.repeat(100)}`, 'Digest x', '\u00ff',
];

function assertShape(req: InjectOptions, res: LightMyRequestResponse) {
  const what = `${req.method} ${String(req.url).slice(0, 120)} ct=${String((req.headers as Record<string, string>)?.['content-type']).slice(0, 60)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
  assert.ok(res.statusCode < 500, what);
  assert.ok(res.headers['x-zm-trackingid'], `no tracking id: ${what}`);
  if (res.statusCode === 204 || res.statusCode === 201 || res.statusCode === 200) return;
  assert.equal(res.headers['content-type'], 'application/json;charset=UTF-8', what);
  const body = res.json();
  if (String(req.url).startsWith('/oauth/token')) {
    assert.ok(typeof body.error === 'string' && typeof body.reason === 'string', `OAuth error shape: ${what}`);
  } else {
    assert.ok(Number.isInteger(body.code) && typeof body.message === 'string', `Zoom error shape: ${what}`);
    if (body.errors !== undefined) {
      assert.ok(Array.isArray(body.errors) && body.errors.every((e: { field: unknown; message: unknown }) => typeof e.field === 'string' && typeof e.message === 'string'), what);
    }
  }
}

async function send(req: InjectOptions) {
  // Keep the account under its per-second limit so every request reaches the code behind it.
  f.clock.advance(50);
  const res = await f.inject(req);
  assertShape(req, res);
  return res;
}

function headers(r: ReturnType<typeof rng>, ct: string | undefined): Record<string, string> {
  const h: Record<string, string> = {};
  const auth = r.pick(AUTH());
  if (auth !== undefined) h.authorization = auth;
  if (ct !== undefined) h['content-type'] = ct;
  if (r.int(8) === 0) h['x-padding'] = 'p'.repeat(64 * 1024);
  if (r.int(10) === 0) h['accept-charset'] = '\u0000';
  return h;
}

test('random bodies and content types at PUT /v2/users/{userId}/presence_status never produce a 5xx', async () => {
  const r = rng(1);
  for (let i = 0; i < 260; i++) {
    const ct = r.pick(CONTENT_TYPES);
    await send({ method: 'PUT', url: `/v2/users/${r.pick(USER_REFS)}/presence_status`, headers: headers(r, ct), payload: r.pick(BODIES(r)) });
  }
});

test('malformed paths, queries and headers at GET /v2/users/{userId}/presence_status never produce a 5xx', async () => {
  const r = rng(2);
  for (let i = 0; i < 120; i++) {
    const query = r.pick(['', '?', '?a=%', '?a=1&a=2', `?${'q'.repeat(5000)}=1`, '?__proto__[x]=1']);
    await send({ method: 'GET', url: `/v2/users/${r.pick(USER_REFS)}/presence_status${query}`, headers: headers(r, r.pick([undefined, 'application/json', 'text/plain'])) });
  }
  for (const url of ['/v2/users//presence_status', '/v2/users/presence_status', '/v2/users/%/', '/v2/%E0/users', '/%', '//', '/v2/users/me/presence_status/extra']) {
    await send({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  }
  for (const method of ['PATCH', 'DELETE', 'POST', 'OPTIONS'] as const) {
    await send({ method, url: '/v2/users/me/presence_status', headers: { authorization: `Bearer ${token}` }, payload: '{}' });
  }
});

test('malformed requests at POST /oauth/token never produce a 5xx', async () => {
  const r = rng(3);
  const basics = [
    undefined, 'Basic', 'Basic %%%', 'Basic Og==', `Basic ${Buffer.from(`${f.client.id}:${f.client.secret}`).toString('base64')}`,
    `Basic ${Buffer.from(`${f.client.id}:${'s'.repeat(100_000)}`).toString('base64')}`, `Basic ${Buffer.from([0xff, 0x3a, 0xfe]).toString('base64')}`, 'Bearer x',
  ];
  for (let i = 0; i < 100; i++) {
    const h: Record<string, string> = {};
    const b = r.pick(basics);
    if (b) h.authorization = b;
    const ct = r.pick(CONTENT_TYPES);
    if (ct !== undefined) h['content-type'] = ct;
    const query = r.pick(['', '?grant_type=account_credentials', `?grant_type=account_credentials&account_id=${f.account.id}`, '?grant_type[]=x&account_id[a]=1', '?account_id=%', `?account_id=${'a'.repeat(9000)}`]);
    await send({ method: 'POST', url: `/oauth/token${query}`, headers: h, payload: r.pick(BODIES(r)) });
  }
});

test('malformed requests at the extension API never produce a 5xx', async () => {
  const r = rng(4);
  const admin = `Bearer ${f.config.adminKey}`;
  const routes: Array<[InjectOptions['method'], string]> = [
    ['POST', '/presence/v1/accounts'], ['GET', '/presence/v1/accounts/%'], ['DELETE', `/presence/v1/accounts/${'z'.repeat(2000)}`],
    ['POST', '/presence/v1/accounts/acc-main/users'], ['POST', '/presence/v1/accounts/nope/users'], ['GET', '/presence/v1/users/%E0'],
    ['POST', '/presence/v1/accounts/acc-main/apps'], ['DELETE', '/presence/v1/apps/%00'],
    ['POST', '/presence/v1/users/u-offline/sessions'], ['POST', '/presence/v1/users/me/sessions'], ['POST', '/presence/v1/sessions/x/heartbeat'],
    ['DELETE', '/presence/v1/sessions/%'], ['POST', '/presence/v1/tokens'], ['POST', '/presence/v1/clock/advance'], ['GET', '/presence/v1/clock'],
  ];
  const jsonBodies = [
    {}, { name: 1 }, { name: 'x', plan: 'gold' }, { email: ['a@b'] }, { email: 'a@b', role: 'god' }, { scopes: 'user:read' }, { scopes: ['nope'] },
    { client_type: 'desktop', client_version: '9'.repeat(40) }, { client_type: 'desktop', client_version: '1.2.3.4.5.6.7' }, { user_id: 'x'.repeat(400) },
    { user_id: 'u-owner', scopes: ['presence:admin'], ttl_seconds: 1e12 }, { seconds: -1 }, { seconds: 'soon' }, { to: 'yesterday' }, { to: '1970-01-01T00:00:00Z' },
    { seconds: 1, to: '2030-01-01T00:00:00Z' }, { seconds: 1e30 }, [], null,
  ];
  for (let i = 0; i < 150; i++) {
    const [method, url] = r.pick(routes);
    const auth = r.pick([admin, admin, `Bearer ${token}`, undefined, 'Bearer x.y.z']);
    const h: Record<string, string> = auth ? { authorization: auth } : {};
    let payload: string | Buffer | undefined;
    if (method !== 'GET' && method !== 'DELETE') {
      const raw = r.next() < 0.7;
      h['content-type'] = raw ? 'application/json' : r.pick(CONTENT_TYPES.filter((c): c is string => c !== undefined));
      payload = raw ? JSON.stringify(r.pick(jsonBodies)) : r.pick(BODIES(r));
    }
    await send({ method, url, headers: h, payload });
  }
});
