// The error catalogue: every failure the API can answer with, listed once.

export type ErrorSurface = 'zoom' | 'oauth' | 'extension';
export type CatalogueEntry = {
  /** Zoom's numeric code where Zoom has one; OAuth errors use the OAuth `error` string. */
  code: number | string;
  http: number;
  /** Message template; `{name}` placeholders are filled from the error's params. */
  message: string;
  surface: ErrorSurface;
};

export const ERROR_CATALOGUE = {
  invalid_token: { code: 124, http: 401, message: 'Invalid access token.', surface: 'zoom' },
  validation_failed: { code: 300, http: 400, message: 'Validation Failed.', surface: 'zoom' },
  invalid_json: { code: 300, http: 400, message: 'Request Body should be a valid JSON object.', surface: 'zoom' },
  missing_scope: { code: 4711, http: 400, message: 'Invalid access token, does not contain scopes:[{scopes}].', surface: 'zoom' },
  user_not_found: { code: 1001, http: 404, message: 'User does not exist: {userId}.', surface: 'zoom' },
  update_failed: { code: 5301, http: 400, message: 'Request to update the presence status of this user failed.', surface: 'zoom' },
  read_failed: { code: 5301, http: 400, message: 'Request to read the presence status of this user failed.', surface: 'zoom' },
  update_forbidden: { code: 5411, http: 400, message: 'Unauthorized request. You do not have permission to update the presence status of this user.', surface: 'zoom' },
  read_forbidden: { code: 5411, http: 400, message: 'Unauthorized request. You do not have permission to read the presence status of this user.', surface: 'zoom' },
  user_rate_limited: { code: 429, http: 429, message: 'Too many requests submitted to update the presence status of this user. Please wait for the request to be processed and try again later.', surface: 'zoom' },
  qps_limited: { code: 429, http: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.', surface: 'zoom' },
  daily_limited: { code: 429, http: 429, message: 'You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.', surface: 'zoom' },
  payload_too_large: { code: 413, http: 413, message: 'Request body is too large; the limit is {limit} bytes.', surface: 'zoom' },
  unsupported_media_type: { code: 415, http: 415, message: 'Unsupported Content-Type: {contentType}. Use application/json, multipart/form-data or application/x-www-form-urlencoded.', surface: 'zoom' },
  unsupported_content_encoding: { code: 415, http: 415, message: 'Unsupported Content-Encoding: {encoding}. Send the body uncompressed (identity).', surface: 'zoom' },
  malformed_request: { code: 300, http: 400, message: 'The HTTP request is malformed.', surface: 'zoom' },
  headers_too_large: { code: 431, http: 431, message: 'Request header fields are too large.', surface: 'zoom' },
  route_not_found: { code: 404, http: 404, message: 'No such API: {method} {path}.', surface: 'zoom' },
  invalid_client: { code: 'invalid_client', http: 401, message: 'Invalid client_id or client_secret', surface: 'oauth' },
  unsupported_grant_type: { code: 'unsupported_grant_type', http: 400, message: 'Unsupported grant type', surface: 'oauth' },
  invalid_request: { code: 'invalid_request', http: 400, message: 'Invalid request : {detail}', surface: 'oauth' },
  account_not_found: { code: 2001, http: 404, message: 'Account does not exist: {accountId}.', surface: 'extension' },
  email_taken: { code: 1005, http: 409, message: 'Email {email} is already in use.', surface: 'extension' },
  already_exists: { code: 9409, http: 409, message: '{what} already exists: {id}.', surface: 'extension' },
  app_not_found: { code: 9002, http: 404, message: 'App does not exist: {clientId}.', surface: 'extension' },
  session_not_found: { code: 9001, http: 404, message: 'Session does not exist: {sessionId}.', surface: 'extension' },
  clock_not_manual: { code: 9003, http: 409, message: 'The server clock is not in manual mode; start it with --clock manual.', surface: 'extension' },
  webhook_not_found: { code: 9004, http: 404, message: 'Webhook endpoint does not exist: {webhookId}.', surface: 'extension' },
  delivery_not_found: { code: 9005, http: 404, message: 'Delivery does not exist: {deliveryId}.', surface: 'extension' },
  webhook_validation_failed: { code: 9006, http: 400, message: 'Endpoint URL validation failed: {detail}', surface: 'extension' },
  service_unavailable: { code: 503, http: 503, message: 'The service is temporarily unavailable. Try again later.', surface: 'zoom' },
  internal_error: { code: 500, http: 500, message: 'Internal error. Tracking id: {trackingId}.', surface: 'zoom' },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorName = keyof typeof ERROR_CATALOGUE;
export type FieldError = { field: string; message: string };

/** A failure as a value: the catalogue name, template params and optional field errors. */
export type ApiFailure = {
  name: ErrorName;
  params?: Record<string, string | number>;
  errors?: FieldError[];
  /** Extra response headers (Retry-After, rate-limit headers). */
  headers?: Record<string, string>;
};

export function failure(name: ErrorName, params?: ApiFailure['params'], errors?: FieldError[]): ApiFailure {
  return errors ? { name, params, errors } : { name, params };
}

export function formatMessage(name: ErrorName, params: ApiFailure['params'] = {}): string {
  return ERROR_CATALOGUE[name].message.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
