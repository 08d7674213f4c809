// The signing vectors from the Presence API spec (§7).

export const SECRET = 'test_secret_token';
export const TIMESTAMP = '1700000000';
export const BODY =
  '{"event":"user.presence_status_updated","event_ts":1700000000000,"payload":{"account_id":"acc_123","object":{"date_time":"2023-11-14T22:13:20Z","email":"jane@example.com","id":"user_abc","presence_status":"Away"}}}';
export const SIGNATURE = 'v0=5bfe4c72f594b344e337e0073984b0dba808bc2f9a74f36ac959a0b15e42cf4d';
export const PLAIN_TOKEN = 'qgg8vlvZRS6UYooatFL8Aw';
export const ENCRYPTED_TOKEN = '4efea922935c335d972476de138d2208a0d46ab28c79ee592d497a1b216419b8';
/** The vector's timestamp as the receiver's clock, so the vector is fresh. */
export const AT_TIMESTAMP = () => Number(TIMESTAMP) * 1000;
