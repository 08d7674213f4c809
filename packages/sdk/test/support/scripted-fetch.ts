// A fetch stand-in that records requests and answers from a script, so tests craft exact responses.

export type RecordedCall = { url: string; method: string; headers: Headers; body: string | undefined };

export type ScriptedFetch = typeof fetch & { calls: RecordedCall[] };

export function scriptedFetch(answer: (call: RecordedCall, index: number) => Response | Promise<Response>): ScriptedFetch {
  const calls: RecordedCall[] = [];
  const fn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const call: RecordedCall = {
      url: input instanceof Request ? input.url : String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    calls.push(call);
    return answer(call, calls.length - 1);
  };
  return Object.assign(fn, { calls }) as ScriptedFetch;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
  });
}

export function noContent(headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 204, headers });
}

export function tokenResponse(accessToken: string, expiresIn = 3600): Response {
  return jsonResponse(200, { access_token: accessToken, token_type: 'bearer', expires_in: expiresIn, scope: 'user:read:admin' });
}

/** A clock tests move by hand. */
export function fakeClock(start = Date.UTC(2026, 0, 1)): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/** A sleep that records what it was asked to wait and returns at once. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}
