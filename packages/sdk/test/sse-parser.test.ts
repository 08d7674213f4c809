import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SseParser, type SseItem } from '../src/index.js';

function parseAll(chunks: string[], lastEventId?: string): SseItem[] {
  const p = new SseParser(lastEventId);
  return chunks.flatMap((c) => p.feed(c));
}

const STREAM =
  ': ping\r\n' +
  'retry: 2500\r\n' +
  'event: snapshot\r\nid: 1\r\ndata: {"users":\r\ndata: []}\r\n\r\n' +
  'event: presence\nid: 2\ndata:{"a":1}\n\n' +
  'id: 3\rdata: plain\r\r';

const EXPECTED: SseItem[] = [
  { type: 'comment', text: 'ping' },
  { type: 'retry', ms: 2500 },
  { type: 'event', event: 'snapshot', data: '{"users":\n[]}', lastEventId: '1' },
  { type: 'event', event: 'presence', data: '{"a":1}', lastEventId: '2' },
  { type: 'event', event: 'message', data: 'plain', lastEventId: '3' },
];

test('parses multi-line data, comments, retry and ids with CRLF, LF and CR line ends', () => {
  assert.deepEqual(parseAll([STREAM]), EXPECTED);
});

test('gives the same result however the input is split, including inside CRLF', () => {
  for (let i = 0; i <= STREAM.length; i++) {
    assert.deepEqual(parseAll([STREAM.slice(0, i), STREAM.slice(i)]), EXPECTED, `split at ${i}`);
  }
  assert.deepEqual(parseAll([...STREAM]), EXPECTED);
});

test('an event is only delivered once its blank line arrives', () => {
  const p = new SseParser();
  assert.deepEqual(p.feed('data: a\n'), []);
  assert.equal(p.lastEventId, '');
  assert.deepEqual(p.feed('\n'), [{ type: 'event', event: 'message', data: 'a', lastEventId: '' }]);
});

test('an unfinished event at the end of the stream is dropped', () => {
  assert.deepEqual(parseAll(['id: 9\ndata: half']), []);
});

test('only one space after the colon is stripped; no colon means an empty value', () => {
  assert.deepEqual(parseAll(['data:  two spaces\ndata\n\n']), [{ type: 'event', event: 'message', data: ' two spaces\n', lastEventId: '' }]);
});

test('an id-only block moves the last event id without producing an event', () => {
  const p = new SseParser('5');
  assert.deepEqual(p.feed('id: 6\n\n'), []);
  assert.equal(p.lastEventId, '6');
  assert.deepEqual(p.feed('data: x\n\n'), [{ type: 'event', event: 'message', data: 'x', lastEventId: '6' }]);
});

test('the event type resets after each event; unknown fields and bad retry values are ignored', () => {
  assert.deepEqual(parseAll(['event: a\nfoo: bar\nretry: soon\ndata: 1\n\ndata: 2\n\n']), [
    { type: 'event', event: 'a', data: '1', lastEventId: '' },
    { type: 'event', event: 'message', data: '2', lastEventId: '' },
  ]);
});

test('a leading byte-order mark is skipped', () => {
  assert.deepEqual(parseAll(['\ufeffdata: x\n\n']), [{ type: 'event', event: 'message', data: 'x', lastEventId: '' }]);
});
