// Accounts, users and apps: create, list, delete, and app credentials. Knows nothing of HTTP.
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError, validation } from './errors.js';
import { hashSecret, randomId, randomSecret, verifySecret } from './secrets.js';
import { normalizeEmail, type Account, type App, type Plan, type Store, type User } from './store/store.js';
import type { Clock } from './clock.js';
import type { TokenService } from './tokens.js';

const sha = (s: string) => createHash('sha256').update(s).digest();

/** `me` in any case names the caller in user paths, so it cannot be a user id. */
export const isReservedUserId = (id: string) => id.toLowerCase() === 'me';
export const RESERVED_USER_ID_MESSAGE = 'cannot be "me" (in any case): /v2/users/me always means the caller';

export class DirectoryService {
  /** Secrets already checked with scrypt, kept only as SHA-256 so repeated token requests stay cheap. */
  private verified = new Map<string, Buffer>();

  private tokens: TokenService | null = null;

  constructor(private store: Store, private clock: Clock) {}

  /** Ties tokens to the apps that issued them: valid only while the app exists, purged when it is deleted. Idempotent. */
  bindTokens(tokens: TokenService): void {
    if (this.tokens === tokens) return;
    this.tokens = tokens;
    tokens.checkAppsWith(async (clientId) => Boolean(await this.store.getApp(clientId)));
  }

  async createAccount(input: { id?: string; name: string; plan?: Plan }): Promise<Account> {
    const a: Account = { id: input.id ?? randomId(), name: input.name, plan: input.plan ?? 'business', createdAt: this.clock.now() };
    if ((await this.store.createAccount(a)) !== 'created') throw new ApiError('already_exists', { what: 'Account', id: a.id });
    return a;
  }

  async account(id: string): Promise<Account> {
    const a = await this.store.getAccount(id);
    if (!a) throw new ApiError('account_not_found', { accountId: id });
    return a;
  }

  listAccounts() { return this.store.listAccounts(); }

  async deleteAccount(id: string) {
    if (!(await this.store.deleteAccount(id))) throw new ApiError('account_not_found', { accountId: id });
    this.verified.clear();
    this.tokens?.revokeAccount(id);
  }

  async createUser(accountId: string, input: { id?: string; email: string; firstName?: string; lastName?: string; role?: 'owner' | 'member' }): Promise<User> {
    // `/v2/users/me` means the caller, so a user called `me` could never be reached by id.
    if (input.id !== undefined && isReservedUserId(input.id)) throw validation('id', `id ${RESERVED_USER_ID_MESSAGE}.`);
    await this.account(accountId);
    const u: User = {
      id: input.id ?? randomId(), accountId, email: normalizeEmail(input.email), firstName: input.firstName ?? '',
      lastName: input.lastName ?? '', role: input.role ?? 'member', createdAt: this.clock.now(),
    };
    const r = await this.store.createUser(u);
    if (r === 'email_taken') throw new ApiError('email_taken', { email: u.email });
    if (r === 'exists') throw new ApiError('already_exists', { what: 'User', id: u.id });
    return u;
  }

  /** A user by id or email, within `accountId` when given. */
  async user(ref: string, accountId?: string): Promise<User> {
    const u = ref.includes('@') ? await this.store.findUserByEmail(ref) : await this.store.getUser(ref);
    if (!u || (accountId !== undefined && u.accountId !== accountId)) throw new ApiError('user_not_found', { userId: ref.slice(0, 200) });
    return u;
  }

  async listUsers(accountId: string) {
    await this.account(accountId);
    return this.store.listUsers(accountId);
  }

  async deleteUser(id: string) {
    if (!(await this.store.deleteUser(id))) throw new ApiError('user_not_found', { userId: id });
  }

  async ownerOf(accountId: string): Promise<User | undefined> {
    const users = await this.store.listUsers(accountId);
    return users.find((u) => u.role === 'owner');
  }

  /** Creates an app; the secret is returned once and stored only as a hash. */
  async createApp(accountId: string, input: { name?: string; scopes: string[]; clientId?: string; clientSecret?: string }): Promise<{ app: App; clientSecret: string }> {
    await this.account(accountId);
    const clientSecret = input.clientSecret ?? randomSecret();
    const app: App = {
      clientId: input.clientId ?? randomId(), accountId, name: input.name ?? 'Server-to-Server app',
      secretHash: hashSecret(clientSecret), scopes: [...new Set(input.scopes)], createdAt: this.clock.now(),
    };
    if ((await this.store.createApp(app)) !== 'created') throw new ApiError('already_exists', { what: 'App', id: app.clientId });
    return { app, clientSecret };
  }

  async listApps(accountId: string) {
    await this.account(accountId);
    return this.store.listApps(accountId);
  }

  async app(clientId: string): Promise<App> {
    const a = await this.store.getApp(clientId);
    if (!a) throw new ApiError('app_not_found', { clientId });
    return a;
  }

  async deleteApp(clientId: string) {
    if (!(await this.store.deleteApp(clientId))) throw new ApiError('app_not_found', { clientId });
    this.verified.delete(clientId);
    this.tokens?.revokeClient(clientId);
  }

  /** The app whose credentials these are, or undefined; comparisons are constant-time. */
  async authenticateApp(clientId: string, secret: string): Promise<App | undefined> {
    const app = await this.store.getApp(clientId);
    if (!app) return undefined;
    const known = this.verified.get(clientId);
    if (known) return timingSafeEqual(known, sha(secret)) ? app : undefined;
    if (!verifySecret(secret, app.secretHash)) return undefined;
    this.verified.set(clientId, sha(secret));
    return app;
  }
}
