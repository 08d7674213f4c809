// Access tokens: HS256 JWTs signed and verified with jose, with a cache of already-verified tokens and revocation by app.
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

/** Whether the app with this client id still exists: a token an app issued dies with the app. */
export type AppExists = (clientId: string) => Promise<boolean>;

export class TokenService {
  private key: Uint8Array;
  private cache = new Map<string, TokenClaims>();
  private appExists: AppExists | null = null;
  /** Bumped by every revocation, so a verify that raced one does not cache what was just purged. */
  private revocations = 0;

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

  /** Checked once per token on its first verify; afterwards the cache answers until a revocation purges it. */
  checkAppsWith(appExists: AppExists): void {
    this.appExists = appExists;
  }

  /** Forgets verified tokens of an app that was deleted, so their next use checks the store again. */
  revokeClient(clientId: string): void {
    this.purge((c) => c.clientId === clientId);
  }

  /** Forgets verified tokens of a deleted account (its apps went with it). */
  revokeAccount(accountId: string): void {
    this.purge((c) => c.accountId === accountId);
  }

  private purge(match: (c: TokenClaims) => boolean): void {
    this.revocations++;
    for (const [token, claims] of this.cache) if (match(claims)) this.cache.delete(token);
  }

  /** Claims of a valid token, or null for anything missing, malformed, forged, expired or not ours. */
  async verify(token: string): Promise<TokenClaims | null> {
    const nowSec = this.nowMs() / 1000;
    const cached = this.cache.get(token);
    if (cached) return cached.exp > nowSec ? cached : null;
    const revocations = this.revocations;
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
      if (claims.clientId !== null && this.appExists && !(await this.appExists(claims.clientId))) return null;
      if (revocations !== this.revocations) return claims;
      if (this.cache.size >= 50_000) this.cache.clear();
      this.cache.set(token, claims);
      return claims;
    } catch {
      return null;
    }
  }
}
