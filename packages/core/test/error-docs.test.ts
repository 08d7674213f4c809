// docs/errors.md, the error catalogue and the SDK's ERROR_CODES must agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ERROR_CATALOGUE } from '../src/index.js';

// Compiled to packages/core/dist/test/, four levels below the repository root.
const root = new URL('../../../../', import.meta.url);
const docsPath = fileURLToPath(new URL('docs/errors.md', root));
const sdkPath = fileURLToPath(new URL('packages/sdk/dist/src/index.js', root));

type Row = { name: string; code: string; http: number; message: string; when: string };

function docRows(): Row[] {
  const rows: Row[] = [];
  for (const line of readFileSync(docsPath, 'utf8').split('\n')) {
    const m = /^\| `([a-z_]+)` \| `([^`]+)` \| (\d{3}) \| `([^`]+)` \| (.+) \|$/.exec(line);
    if (m) rows.push({ name: m[1]!, code: m[2]!, http: Number(m[3]), message: m[4]!, when: m[5]! });
  }
  return rows;
}

test('docs/errors.md has one row per catalogue entry with its code, HTTP status and message', () => {
  const rows = docRows();
  const names = Object.keys(ERROR_CATALOGUE);
  assert.deepEqual(rows.map((r) => r.name).sort(), [...names].sort(), 'the same names, each once');
  assert.equal(new Set(rows.map((r) => r.name)).size, rows.length, 'no name documented twice');
  for (const r of rows) {
    const e = ERROR_CATALOGUE[r.name as keyof typeof ERROR_CATALOGUE];
    assert.equal(r.code, String(e.code), `${r.name}: code`);
    assert.equal(r.http, e.http, `${r.name}: HTTP status`);
    assert.equal(r.message, e.message, `${r.name}: message`);
    assert.ok(r.when.trim().length > 20, `${r.name}: says when it happens`);
  }
});

test('every table row of docs/errors.md is read (none silently skipped by a formatting slip)', () => {
  const tableLines = readFileSync(docsPath, 'utf8').split('\n').filter((l) => l.startsWith('| `'));
  assert.equal(tableLines.length, docRows().length);
});

test('every code the SDK knows is in the catalogue with the same HTTP status', { skip: !existsSync(sdkPath) && 'the SDK is not built' }, async () => {
  const sdk = (await import(new URL('packages/sdk/dist/src/index.js', root).href)) as { ERROR_CODES?: ReadonlyArray<{ code: number; httpStatus: number; name: string }> };
  assert.ok(Array.isArray(sdk.ERROR_CODES), 'the SDK exports ERROR_CODES');
  for (const c of sdk.ERROR_CODES!) {
    const entries = Object.entries(ERROR_CATALOGUE).filter(([, e]) => e.code === c.code);
    assert.ok(entries.length > 0, `SDK code ${c.code} (${c.name}) is not in the catalogue`);
    for (const [name, e] of entries) assert.equal(e.http, c.httpStatus, `SDK ${c.name} says ${c.httpStatus}, catalogue ${name} says ${e.http}`);
  }
});
