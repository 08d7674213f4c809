// Do-Not-Disturb durations: parsing and limits, end time and remaining time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration, dndEndTime, remainingSeconds, isoSeconds, DND_DEFAULT_MINUTES, DND_MIN_MINUTES, DND_MAX_MINUTES } from '../src/index.js';

test('duration is 1 to 1440 minutes with a default of 20', () => {
  assert.equal(DND_MIN_MINUTES, 1);
  assert.equal(DND_MAX_MINUTES, 1440);
  assert.equal(DND_DEFAULT_MINUTES, 20);
});

test('an absent duration means the default', () => {
  assert.deepEqual(parseDuration(undefined), { ok: true, value: undefined });
  assert.deepEqual(parseDuration(null), { ok: true, value: undefined });
});

test('accepts whole minutes as numbers or strings (form fields arrive as strings)', () => {
  for (const [raw, n] of [[1, 1], [1440, 1440], ['30', 30], ['1', 1], ['1440', 1440], [20, 20]] as const) {
    assert.deepEqual(parseDuration(raw), { ok: true, value: n }, String(raw));
  }
});

const label = (v: unknown) => (typeof v === 'number' ? String(v) : JSON.stringify(v));

for (const raw of ['20.5', 20.5, 'abc', 'Available1221', '', 0, '0', -1, '-1', 1441, '1441', ' 20', '20 ', '1e2', '0x10', true, [], {}, Number.NaN, Infinity]) {
  test(`rejects duration ${label(raw)} with the range in the message`, () => {
    const r = parseDuration(raw);
    assert.ok(!r.ok, `accepted ${String(raw)}`);
    assert.match(r.error, /between 1 and 1440/);
  });
}

test('DND ends exactly `minutes` after it was set', () => {
  const now = Date.UTC(2026, 11, 3, 17, 0, 0);
  assert.equal(dndEndTime(now, 20), now + 20 * 60_000);
  assert.equal(dndEndTime(now + 1, 1440), now + 1 + 1440 * 60_000);
});

test('remaining time is whole seconds counting down from the full duration, never negative', () => {
  const end = 10_000_000;
  assert.equal(remainingSeconds(end, end - 1_800_000), 1800);
  assert.equal(remainingSeconds(end, end - 1_799_001), 1799);
  assert.equal(remainingSeconds(end, end - 999), 0);
  assert.equal(remainingSeconds(end, end), 0);
  assert.equal(remainingSeconds(end, end + 5000), 0);
});

test('end_time is ISO-8601 UTC without milliseconds', () => {
  assert.equal(isoSeconds(Date.UTC(2026, 11, 3, 17, 20, 0)), '2026-12-03T17:20:00Z');
  assert.equal(isoSeconds(Date.UTC(2026, 11, 3, 17, 20, 0) + 999), '2026-12-03T17:20:00Z');
});
