// The Zoom error codes this SDK knows, as data; names follow core's catalogue where one code has one entry.

export type ErrorCodeEntry = { readonly code: number; readonly httpStatus: number; readonly name: string };

export const ERROR_CODES = [
  { code: 124, httpStatus: 401, name: 'invalid_token' },
  { code: 300, httpStatus: 400, name: 'validation_failed' },
  { code: 429, httpStatus: 429, name: 'rate_limited' },
  { code: 1001, httpStatus: 404, name: 'user_not_found' },
  { code: 4711, httpStatus: 400, name: 'missing_scope' },
  { code: 5301, httpStatus: 400, name: 'presence_request_failed' },
  { code: 5411, httpStatus: 400, name: 'unauthorized_request' },
] as const satisfies readonly ErrorCodeEntry[];

export type ErrorCodeName = (typeof ERROR_CODES)[number]['name'];

export function findErrorCode(code: number | undefined): ErrorCodeEntry | undefined {
  return code === undefined ? undefined : ERROR_CODES.find((e) => e.code === code);
}
