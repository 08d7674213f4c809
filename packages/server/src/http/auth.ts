// Bearer-token authentication and scope checks for the Zoom-compatible routes and the extension API.
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import type { TokenClaims, TokenService } from '../tokens.js';
import { safeEqual } from '../secrets.js';

export const SCOPES = {
  write: ['user:write', 'user:write:admin', 'user:update:presence_status', 'user:update:presence_status:admin'],
  read: ['user:read', 'user:read:admin', 'user:read:presence_status', 'user:read:presence_status:admin'],
  writeAdmin: ['user:write:admin', 'user:update:presence_status:admin'],
  readAdmin: ['user:read:admin', 'user:read:presence_status:admin', 'user:write:admin', 'user:update:presence_status:admin'],
  /** Our extension: manage the account's users, apps, sessions and webhooks. */
  presenceAdmin: ['presence:admin'],
} as const;

/** Every scope a token can be granted. */
export const KNOWN_SCOPES: readonly string[] = [...new Set([...SCOPES.write, ...SCOPES.read, ...SCOPES.presenceAdmin])];

export function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1]! : null;
}

export async function authenticate(req: FastifyRequest, tokens: TokenService): Promise<TokenClaims> {
  const t = bearer(req);
  const claims = t ? await tokens.verify(t) : null;
  if (!claims) throw new ApiError('invalid_token');
  return claims;
}

export function hasAny(claims: TokenClaims, scopes: readonly string[]): boolean {
  for (const s of scopes) if (claims.scopes.has(s)) return true;
  return false;
}

export function requireAny(claims: TokenClaims, scopes: readonly string[]): void {
  if (!hasAny(claims, scopes)) throw new ApiError('missing_scope', { scopes: scopes.join(',') });
}

export type AdminPrincipal = { kind: 'admin' } | { kind: 'account'; accountId: string; claims: TokenClaims };

/** Extension API: the server's admin key (any account), or a token with presence:admin (its own account). */
export async function authenticateAdmin(req: FastifyRequest, tokens: TokenService, adminKey: string): Promise<AdminPrincipal> {
  const t = bearer(req) ?? (typeof req.headers['x-presence-admin-key'] === 'string' ? req.headers['x-presence-admin-key'] : null);
  if (!t) throw new ApiError('invalid_token');
  if (!t.includes('.') && safeEqual(t, adminKey)) return { kind: 'admin' };
  const claims = await tokens.verify(t);
  if (!claims) throw new ApiError('invalid_token');
  requireAny(claims, SCOPES.presenceAdmin);
  return { kind: 'account', accountId: claims.accountId, claims };
}

/** Account boundary for the extension API: another account's resources do not exist for the caller. */
export function canSeeAccount(p: AdminPrincipal, accountId: string): boolean {
  return p.kind === 'admin' || p.accountId === accountId;
}
