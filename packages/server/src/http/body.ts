// Request body parsers: JSON (any charset), urlencoded and multipart forms, all into one shape.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import busboy from 'busboy';
import { ApiError } from '../errors.js';
import { duplicateTopLevelKeys } from './json-keys.js';

/** A parsed form: every field with all the values it was sent with (duplicates are the caller's problem). */
export class FormBody {
  constructor(readonly fields: Map<string, string[]>) {}
}
/** JSON that parsed but is not an object ([], 3, "x", null). */
export class NotAnObject {}

export type FieldValues = Record<string, unknown>;

/** JSON object bodies that repeated a top-level key, with each repeated key's count (JSON.parse kept only the last). */
const jsonDuplicates = new WeakMap<object, Map<string, number>>();

function add(fields: Map<string, string[]>, name: string, value: string) {
  const list = fields.get(name);
  if (list) list.push(value);
  else fields.set(name, [value]);
}

/** A Content-Encoding other than identity, on a request that has a body; such bodies are refused, not decoded. */
function unsupportedEncoding(req: FastifyRequest): string | null {
  const h = req.headers['content-encoding'];
  if (h === undefined) return null;
  const value = (Array.isArray(h) ? h.join(',') : h).trim();
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (!hasBody) return null;
  return value.split(',').every((t) => /^\s*identity\s*$/i.test(t) || t.trim() === '') ? null : value.slice(0, 100);
}

export function registerBodyParsers(app: FastifyInstance, bodyLimit: number) {
  app.removeAllContentTypeParsers();
  // Compressed bodies would otherwise reach the parsers as raw bytes and fail with a misleading message.
  app.addHook('preParsing', async (req, _reply, payload) => {
    const encoding = unsupportedEncoding(req);
    if (encoding !== null) throw new ApiError('unsupported_content_encoding', { encoding });
    return payload;
  });

  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    const text = (body as string).trim();
    if (text === '') return done(null, undefined);
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      return done(new ApiError('invalid_json'), undefined);
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return done(null, new NotAnObject());
    const dups = duplicateTopLevelKeys(text);
    if (dups) jsonDuplicates.set(v, dups);
    done(null, v);
  });

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    const fields = new Map<string, string[]>();
    for (const [k, v] of new URLSearchParams(body as string)) add(fields, k, v);
    done(null, new FormBody(fields));
  });

  app.addContentTypeParser('multipart/form-data', (req: FastifyRequest, payload, done) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fieldSize: bodyLimit, fileSize: bodyLimit, fields: 50, files: 10, parts: 60 } });
    } catch (e) {
      return done(new ApiError('validation_failed', {}, { errors: [{ field: 'body', message: `Malformed multipart body: ${(e as Error).message}.` }] }), undefined);
    }
    const fields = new Map<string, string[]>();
    let total = 0;
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      payload.unpipe(bb);
      payload.resume();
      done(e, undefined);
    };
    const count = (n: number) => {
      total += n;
      if (total > bodyLimit) fail(new ApiError('payload_too_large', { limit: bodyLimit }));
    };
    // busboy reports a part whose Content-Disposition has no name with name undefined.
    const nameless = () => fail(new ApiError('validation_failed', {}, { errors: [{ field: 'body', message: 'A multipart part has no name.' }] }));
    bb.on('field', (name, value, info) => {
      if (typeof name !== 'string') return nameless();
      count(name.length + value.length);
      if (info.valueTruncated) fail(new ApiError('payload_too_large', { limit: bodyLimit }));
      else add(fields, name, value);
    });
    // A part with a filename is still a field value (curl -F 'status=<file' sends one).
    bb.on('file', (name, stream) => {
      if (typeof name !== 'string') {
        stream.resume();
        return nameless();
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => {
        count(c.length);
        chunks.push(c);
      });
      stream.on('limit', () => fail(new ApiError('payload_too_large', { limit: bodyLimit })));
      stream.on('end', () => add(fields, name, Buffer.concat(chunks).toString('utf8')));
    });
    bb.on('partsLimit', () => fail(new ApiError('validation_failed', {}, { errors: [{ field: 'body', message: 'Too many parts in the multipart body.' }] })));
    bb.on('error', (e: Error) => fail(new ApiError('validation_failed', {}, { errors: [{ field: 'body', message: `Malformed multipart body: ${e.message}.` }] })));
    bb.on('close', () => {
      if (!failed) done(null, new FormBody(fields));
    });
    payload.on('error', (e) => fail(e));
    payload.pipe(bb);
  });

  // Anything else is refused with Zoom's body shape instead of Fastify's.
  app.addContentTypeParser('*', (req, _payload, done) => {
    done(new ApiError('unsupported_media_type', { contentType: String(req.headers['content-type'] || '(none)').slice(0, 100) }), undefined);
  });
}

/**
 * The body as field → value. Fields sent twice (form fields, or top-level JSON keys) are a validation error, not an array or the last value.
 * `undefined` body (no content) gives an empty object.
 */
export function bodyFields(body: unknown): FieldValues {
  if (body === undefined || body === null) return {};
  if (body instanceof NotAnObject) throw new ApiError('invalid_json');
  if (body instanceof FormBody) {
    const out: FieldValues = {};
    const errors: { field: string; message: string }[] = [];
    for (const [k, values] of body.fields) {
      if (values.length > 1) errors.push({ field: k, message: `${k} was sent ${values.length} times; send it once.` });
      else out[k] = values[0];
    }
    if (errors.length) throw new ApiError('validation_failed', {}, { errors });
    return out;
  }
  if (typeof body === 'object') {
    const dups = jsonDuplicates.get(body);
    if (dups) throw new ApiError('validation_failed', {}, { errors: [...dups].map(([k, n]) => ({ field: k, message: `${k} was sent ${n} times; send it once.` })) });
    return body as FieldValues;
  }
  throw new ApiError('invalid_json');
}
