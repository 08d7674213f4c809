// The dashboard's event-stream parser (the browser module itself, loaded in Node): the HTML standard's rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultDashboardDir } from '../../src/http/routes/dashboard.js';

type Ev = { type: string; data: string; lastEventId: string };
type Parser = { lastEventId: string; push(text: string): void; reset(): void };
const { SseParser } = (await import(pathToFileURL(join(defaultDashboardDir(), 'sse.js')).href)) as {
  SseParser: new (onEvent: (e: Ev) => void, onRetry?: (ms: number) => void) => Parser;
};

function parse(chunks: string[]) {
  const events: Ev[] = [];
  const retries: number[] = [];
  const p = new SseParser((e) => events.push(e), (ms) => retries.push(ms));
  for (const c of chunks) p.push(c);
  return { events, retries, parser: p };
}

const STREAM =
  'retry: 2000\n\n' +
  ': ping\n\n' +
  'event: snapshot\nid: 7\ndata: {"users":\ndata: []}\n\n' +
  'event: presence\r\nid: 8\r\ndata: {"a":1}\r\n\r\n' +
  'event: presence\rid: 9\rdata:  two spaces\r\r' +
  'data\n\n' +
  'id: 10\n\n' +
  'data: after the id\n\n';

const EXPECTED: Ev[] = [
  { type: 'snapshot', data: '{"users":\n[]}', lastEventId: '7' },
  { type: 'presence', data: '{"a":1}', lastEventId: '8' },
  { type: 'presence', data: ' two spaces', lastEventId: '9' },
  { type: 'message', data: '', lastEventId: '9' },
  { type: 'message', data: 'after the id', lastEventId: '10' },
];

test('parses events with LF, CRLF and CR line ends, multi-line data, comments and retry', () => {
  const { events, retries, parser } = parse([STREAM]);
  assert.deepEqual(events, EXPECTED);
  assert.deepEqual(retries, [2000]);
  assert.equal(parser.lastEventId, '10');
});

test('gives the same events whichever way the bytes are split, including inside a CRLF', () => {
  for (let i = 1; i < STREAM.length; i++) assert.deepEqual(parse([STREAM.slice(0, i), STREAM.slice(i)]).events, EXPECTED, `split at ${i}`);
  assert.deepEqual(parse([...STREAM]).events, EXPECTED);
});

test('a data-less block only moves the last event id; an id with NUL and a non-numeric retry are ignored', () => {
  const { events, retries, parser } = parse(['id: 5\n\n', 'id: 6\0x\nretry: 1e3\nretry: -5\nretry: 250\ndata: x\n\n']);
  assert.deepEqual(events, [{ type: 'message', data: 'x', lastEventId: '5' }]);
  assert.deepEqual(retries, [250]);
  assert.equal(parser.lastEventId, '5');
});

test('an event cut off by a dropped connection is discarded on reset, and the last event id is kept for the resume', () => {
  const { events, parser } = parse(['event: presence\nid: 3\ndata: {"done":true}\n\n', 'event: presence\nid: 4\ndata: {"half"']);
  parser.reset();
  parser.push('event: presence\nid: 5\ndata: {"next":1}\n\n');
  assert.equal(events.length, 2);
  assert.deepEqual(events[1], { type: 'presence', data: '{"next":1}', lastEventId: '5' });
  const q = parse(['id: 3\ndata: a\n\n', 'id: 4\ndata: half']).parser;
  q.reset();
  assert.equal(q.lastEventId, '3');
});

test('unknown fields and a field name without a colon are ignored; only one leading space is stripped', () => {
  const { events } = parse(['foo: bar\nevent:x\ndata:no-space\ndata:   three\nevent\n\n']);
  assert.deepEqual(events, [{ type: 'message', data: 'no-space\n  three', lastEventId: '' }]);
});
