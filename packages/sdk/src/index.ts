// Public surface of @presence/sdk: the client, its policies and types, and webhook receiver helpers.
export { createPresenceClient, type PresenceClient, type PresenceClientOptions, type RequestOptions } from './client.js';
export type { PresenceReading, PresenceUpdate } from './presence-status.js';
export {
  SETTABLE_STATUSES,
  PRESENCE_STATUSES,
  STATUS_SPELLINGS,
  normalizePresence,
  toSettableStatus,
  type SettableStatus,
  type SettableStatusInput,
  type PresenceStatus,
  type NormalizedPresence,
} from './status.js';
export { PresenceApiError, type FieldError, type PresenceApiErrorInit } from './presence-api-error.js';
export { ERROR_CODES, findErrorCode, type ErrorCodeEntry, type ErrorCodeName } from './error-codes.js';
export { parseRetryAfter, classify429, type RateLimitInfo, type RateLimitKind } from './rate-limit.js';
export {
  DEFAULT_RETRY_POLICY,
  decideRetry,
  resolveRetryPolicy,
  type RetryPolicy,
  type RetryOptions,
  type RetryDecision,
  type HttpMethod,
} from './retry-policy.js';
export { staticTokenProvider, type TokenProvider, type AuthOptions } from './token-provider.js';
export {
  createServerToServerTokenProvider,
  type ServerToServerCredentials,
  type ServerToServerOptions,
  type ServerToServerTokenProvider,
  type AccessToken,
} from './server-to-server-token.js';
export { ZOOM_URLS, presenceServerUrls, type ServiceUrls } from './urls.js';
export type { Sleep } from './sleep.js';
export type { StreamOptions, StreamReconnectOptions } from './presence-stream.js';
export type { PresenceStreamEvent, StreamUser } from './stream-events.js';
export { SseParser, type SseItem } from './sse-parser.js';
export {
  verifyWebhookSignature,
  checkWebhookSignature,
  signWebhook,
  answerUrlValidation,
  type SignatureCheck,
  type SignatureResult,
  type SignatureRejection,
  type UrlValidationResponse,
  type RawBody,
} from './webhook-signature.js';
export {
  parseWebhookEvent,
  type WebhookEvent,
  type PresenceStatusUpdatedEvent,
  type UrlValidationEvent,
  type UnknownWebhookEvent,
} from './webhook-events.js';
export { handleWebhook, type WebhookRequest, type WebhookOutcome, type WebhookRejectReason, type IncomingHeaders } from './webhook-handler.js';
export { createAdminClient, type AdminClient, type AdminClientOptions, type AdminAuth, type AccountRecord, type UserRecord, type UserWithStatus, type NewUser, type AppRecord, type NewApp, type ClientSession, type ClientType, type NewSession, type UserToken, type NewUserToken, type ClockReading, type ClockAdvanced, type ServerHealth, type Webhook, type NewWebhook, type WebhookDelivery, type DeliveryAttempt, type Plan } from './admin-client.js';
