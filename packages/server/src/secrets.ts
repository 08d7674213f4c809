// Secret handling: hashing client secrets, constant-time comparison, random credentials.
import { randomBytes, scryptSync, timingSafeEqual, createHash } from 'node:crypto';

const SCRYPT_N = 16_384;

export function hashSecret(secret: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(secret, salt, 32, { N: SCRYPT_N });
  return `scrypt$${SCRYPT_N}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export function verifySecret(secret: string, stored: string): boolean {
  const [scheme, n, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(secret, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n) });
  return timingSafeEqual(actual, expected);
}

/** Constant-time equality of two strings of any length (both are hashed first). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Zoom-like identifiers: 22 letters and digits (no '-' or '_', so they never look like a flag). */
export function randomId(): string {
  const bytes = randomBytes(22);
  let s = '';
  // 248 = 4 × 62: rejecting bytes above it keeps every character equally likely.
  for (const b of bytes) s += b < 248 ? ID_ALPHABET[b % 62] : ID_ALPHABET[randomBytes(1)[0]! % 62];
  return s;
}

export function randomSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
