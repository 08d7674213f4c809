// --public-url is the base URL printed and put in tokens: only an absolute http(s) origin is accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../src/config.js';

test('a public URL that is not an absolute http(s) URL is refused, naming the flag or variable it came from', () => {
  const refused = (env: Record<string, string>, argv: string[], pattern: RegExp) =>
    assert.throws(() => loadConfig(env, argv), (e: Error) => e instanceof ConfigError && pattern.test(e.message), `${JSON.stringify([env, argv])}`);
  refused({}, ['--public-url', 'notaurl'], /^--public-url must be an absolute http\(s\) URL .*\(not a URL\), got 'notaurl'\.$/);
  refused({}, ['--public-url', 'presence.example.com'], /^--public-url must be an absolute http\(s\) URL/);
  refused({ PRESENCE_PUBLIC_URL: 'ftp://presence.example.com' }, [], /^PRESENCE_PUBLIC_URL must be .*scheme ftp: is not http or https/);
  refused({}, ['--public-url', 'https://presence.example.com/api'], /no path, query or fragment/);
  refused({}, ['--public-url', 'https://presence.example.com/?x=1'], /no path, query or fragment/);
  refused({}, ['--public-url', 'https://user:pw@presence.example.com'], /no user name or password/);
});

test('a valid public URL is kept without its trailing slash', () => {
  assert.equal(loadConfig({}, ['--public-url', 'https://presence.example.com/']).publicUrl, 'https://presence.example.com');
  assert.equal(loadConfig({ PRESENCE_PUBLIC_URL: 'http://127.0.0.1:8080' }).publicUrl, 'http://127.0.0.1:8080');
  assert.equal(loadConfig({}).publicUrl, '', 'empty still means: from each request');
});
