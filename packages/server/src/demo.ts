// The demo account created on a new database, and the start-up text that tells a new user what to run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from './deps.js';
import { randomId, randomSecret } from './secrets.js';
import { applySeed, type Seed } from './seed.js';

export type DemoInfo = {
  account_id: string;
  client_id: string;
  client_secret: string;
  users: { id: string; email: string; note: string }[];
};

export const DEMO_SCOPES = ['user:read:presence_status:admin', 'user:update:presence_status:admin', 'presence:admin'];

export async function createDemo(deps: Deps): Promise<DemoInfo> {
  const accountId = randomId();
  const ids = [randomId(), randomId(), randomId()];
  const info: DemoInfo = {
    account_id: accountId,
    client_id: randomId(),
    client_secret: randomSecret(),
    users: [
      { id: ids[0]!, email: 'alice@example.com', note: 'owner; signed in on desktop 6.3.0' },
      { id: ids[1]!, email: 'bob@example.com', note: 'signed in on desktop 5.2.4 (old client: only Available/Away → Do_Not_Disturb)' },
      { id: ids[2]!, email: 'carol@example.com', note: 'signed out (Offline: updates answer 5301)' },
    ],
  };
  const seed: Seed = {
    accounts: [{
      id: accountId, name: 'Demo', plan: 'business',
      users: [
        { id: ids[0], email: 'alice@example.com', first_name: 'Alice', last_name: 'Demo', role: 'owner', sessions: [{ client_type: 'desktop', client_version: '6.3.0' }] },
        { id: ids[1], email: 'bob@example.com', first_name: 'Bob', last_name: 'Demo', sessions: [{ client_type: 'desktop', client_version: '5.2.4' }] },
        { id: ids[2], email: 'carol@example.com', first_name: 'Carol', last_name: 'Demo' },
      ],
      apps: [{ client_id: info.client_id, client_secret: info.client_secret, scopes: DEMO_SCOPES, name: 'Demo server-to-server app' }],
    }],
  };
  await applySeed(deps, seed);
  if (deps.config.store === 'sqlite') writeFileSync(join(deps.config.dataDir, 'demo.json'), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  return info;
}

/** The demo credentials kept from the first start, if the demo account still exists. */
export async function loadDemo(deps: Deps): Promise<DemoInfo | undefined> {
  const path = join(deps.config.dataDir, 'demo.json');
  if (deps.config.store !== 'sqlite' || !existsSync(path)) return undefined;
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as DemoInfo;
    return (await deps.store.getAccount(info.account_id)) ? info : undefined;
  } catch {
    return undefined;
  }
}

export function banner(url: string, deps: Deps, demo: DemoInfo | undefined): string {
  const c = deps.config;
  const where = c.store === 'sqlite' ? `sqlite ${join(c.dataDir, 'presence.db')}` : 'memory (lost at exit)';
  const lines = [
    `Presence is listening on ${url}  (store: ${where}; clock: ${c.clock})`,
    `Dashboard: ${url}/dashboard`,
    '',
  ];
  if (demo) {
    const [alice] = demo.users;
    lines.push(
      'Demo account (server-to-server app)',
      `  account_id     ${demo.account_id}`,
      `  client_id      ${demo.client_id}`,
      `  client_secret  ${demo.client_secret}`,
      '  users',
      ...demo.users.map((u) => `    ${u.email.padEnd(18)} ${u.id}  ${u.note}`),
      '',
      'Get an access token:',
      `  TOKEN=$(curl -s -X POST -u '${demo.client_id}:${demo.client_secret}' '${url}/oauth/token?grant_type=account_credentials&account_id=${demo.account_id}' | sed -E 's/.*"access_token":"([^"]*)".*/\\1/')`,
      '',
      "Set a status (Zoom's documented example; answers 204):",
      `  curl -X PUT -H "Authorization: Bearer $TOKEN" -H "Content-Type: multipart/form-data" --form 'status=Available' --form 'duration=20' ${url}/v2/users/${alice!.id}/presence_status`,
      '',
      'Read it back:',
      `  curl -H "Authorization: Bearer $TOKEN" ${url}/v2/users/${alice!.id}/presence_status`,
      '',
    );
  }
  const key = {
    config: 'the admin key you set (PRESENCE_ADMIN_KEY or --admin-key)',
    file: `the admin key in ${join(c.dataDir, 'admin-key')}`,
    // Nowhere else to find it: without this line the admin API and the clock could not be used.
    generated: 'the admin key below',
  }[deps.adminKeySource];
  lines.push(`Extension API: ${url}/presence/v1/ with ${key} (Authorization: Bearer <key>).`);
  if (deps.adminKeySource === 'generated') lines.push(`Admin key (generated for this run, not saved): ${c.adminKey}`);
  if (c.clock === 'manual') lines.push(`Manual clock: curl -X POST -H "Authorization: Bearer <admin key>" -H 'Content-Type: application/json' -d '{"seconds":60}' ${url}/presence/v1/clock/advance`);
  return lines.join('\n');
}
