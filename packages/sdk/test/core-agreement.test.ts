// The SDK has no dependencies, so it keeps its own copy of the status vocabularies; this keeps the copies honest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_STATUSES, SETTABLE_STATUSES as CORE_SETTABLE, STATUS_ALIASES, reportedStatus, webhookStatus } from '@presence/core';
import { PRESENCE_STATUSES, SETTABLE_STATUSES, normalizePresence, toSettableStatus } from '../src/index.js';

test('the SDK settable statuses are exactly the server’s', () => {
  assert.deepEqual([...SETTABLE_STATUSES].sort(), [...CORE_SETTABLE].sort());
});

test('every status the server reports, in any of its spellings, normalises to the same SDK status', () => {
  assert.deepEqual([...PRESENCE_STATUSES].sort(), [...new Set(ALL_STATUSES.map((s) => reportedStatus(s)))].sort());
  for (const s of ALL_STATUSES) {
    const reported = reportedStatus(s) as string;
    for (const spelling of [reported, reportedStatus(s, true) as string, webhookStatus(s) as string]) {
      const n = normalizePresence(spelling);
      assert.equal(n.kind, 'known', `${spelling} is known to the SDK`);
      assert.equal(n.kind === 'known' && n.status, reported, `${spelling} normalises to ${reported}`);
    }
  }
});

test('the SDK accepts the same status aliases as the server', () => {
  for (const [alias, status] of Object.entries(STATUS_ALIASES)) assert.equal(toSettableStatus(alias as never), status);
});
