// How the client gets an access token: a fixed one, server-to-server OAuth, or a caller's own provider.
import { createServerToServerTokenProvider, type ServerToServerCredentials } from './server-to-server-token.js';

export interface TokenProvider {
  getToken(signal?: AbortSignal): Promise<string>;
  /**
   * The API rejected `token` as invalid (401, code 124). Returns true when a fresh token may
   * succeed, which earns the request exactly one retry; absent means tokens cannot be renewed.
   */
  invalidate?(token: string): boolean;
}

export type AuthOptions =
  | { type: 'static'; accessToken: string }
  | ({ type: 'server-to-server' } & ServerToServerCredentials)
  | TokenProvider;

export type AuthContext = { tokenUrl: string; fetch: typeof fetch; now: () => number };

export function staticTokenProvider(accessToken: string): TokenProvider {
  if (!accessToken) throw new TypeError('accessToken must be a non-empty string');
  return { getToken: async () => accessToken };
}

export function resolveAuth(auth: AuthOptions, ctx: AuthContext): TokenProvider {
  if ('getToken' in auth && typeof auth.getToken === 'function') return auth;
  if ('type' in auth && auth.type === 'static') return staticTokenProvider(auth.accessToken);
  if ('type' in auth && auth.type === 'server-to-server') {
    return createServerToServerTokenProvider({ ...ctx, ...auth });
  }
  throw new TypeError("auth must be { type: 'static' }, { type: 'server-to-server' } or a TokenProvider");
}
