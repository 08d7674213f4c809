// Access tokens: HS256 JWTs signed and verified with jose, with a cache of already-verified tokens.
import { SignJWT, jwtVerify } from 'jose';

export const AUDIENCE = 'presence-api';

export type TokenClaims = {
  accountId: string;
  /** The user the token acts as: the owner for account-level tokens. */
  userId: string | null;
  scopes: ReadonlySet<string>;
  kind: 'account' | 'user';
  clientId: string | null;
  /** Expiry, epoch seconds. */
  exp: number;
};

export class TokenService {
  private key: Uint8Array;
  private cache = new Map<string, TokenClaims>();

  constructor(secret: string, private issuer: string, private ttlSec: number, private nowMs: () => number) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(c: { accountId: string; userId: string | null; scopes: readonly string[]; kind: 'account' | 'user'; clientId: string | null; ttlSec?: number }) {
    const iat = Math.floor(this.nowMs() / 1000);
    const ttl = c.ttlSec ?? this.ttlSec;
    const token = await new SignJWT({ aid: c.accountId, uid: c.userId, scope: c.scopes.join(' '), knd: c.kind, cid: c.clientId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttl)
      .setJti(crypto.randomUUID())
      .sign(this.key);
    return { token, expiresIn: ttl };
  }

  /** Claims of a valid token, or null for anything missing, malformed, forged, expired or not ours. */
  async verify(token: string): Promise<TokenClaims | null> {
    const nowSec = this.nowMs() / 1000;
    const cached = this.cache.get(token);
    if (cached) return cached.exp > nowSec ? cached : null;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.issuer,
        audience: AUDIENCE,
        currentDate: new Date(this.nowMs()),
        requiredClaims: ['exp', 'iat', 'aid'],
      });
      if (typeof payload.aid !== 'string' || typeof payload.scope !== 'string' || typeof payload.exp !== 'number') return null;
      const claims: TokenClaims = {
        accountId: payload.aid,
        userId: typeof payload.uid === 'string' ? payload.uid : null,
        scopes: new Set(payload.scope.split(' ').filter(Boolean)),
        kind: payload.knd === 'user' ? 'user' : 'account',
        clientId: typeof payload.cid === 'string' ? payload.cid : null,
        exp: payload.exp,
      };
      if (this.cache.size >= 50_000) this.cache.clear();
      this.cache.set(token, claims);
      return claims;
    } catch {
      return null;
    }
  }
}
