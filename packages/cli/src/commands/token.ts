// `presence token`: prints an access token, the app's (server-to-server) or one acting as a user.
import { createServerToServerTokenProvider } from '@presence/sdk';
import { UsageError, list, str } from '../args.js';
import type { Command } from '../command.js';
import { positiveInt } from './parse.js';

export const token: Command = {
  name: 'token',
  summary: 'Print an access token',
  details: [
    'Without --user: a server-to-server token from POST /oauth/token with the account id, client id and secret;',
    'it carries the scopes of the app. With --user: a token acting as that user (`me`), minted through the',
    'extension API with the admin key (or an admin-scoped app); default scopes read and update its own status.',
    '',
    'Example: TOKEN=$(presence token) && curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/v2/users/me/presence_status',
  ],
  connects: true,
  flags: [
    { name: 'user', value: '<id|email>', help: 'Mint a user-level token for this user' },
    { name: 'scopes', value: '<list>', repeat: true, help: 'Scopes of the user token, comma-separated or repeated (with --user)' },
    { name: 'ttl', value: '<seconds>', help: 'Lifetime of the user token, 60 to 86400 (with --user)' },
  ],
  async run(ctx, args) {
    const user = str(args, 'user');
    const scopes = list(args, 'scopes');
    const ttl = str(args, 'ttl');
    if (user === undefined) {
      if (scopes || ttl) throw new UsageError('--scopes and --ttl need --user: a server-to-server token always carries its app\'s scopes and lifetime.');
      const s = ctx.settings();
      const provider = createServerToServerTokenProvider({ ...ctx.appAuth(), tokenUrl: `${s.url.value}/oauth/token` });
      const accessToken = await provider.getToken(ctx.signal);
      const t = provider.current()!;
      ctx.out.result(
        { access_token: accessToken, token_type: 'bearer', expires_in: Math.max(0, Math.round((t.expiresAt - Date.now()) / 1000)), scope: t.scope, api_url: t.apiUrl },
        () => accessToken,
      );
      return;
    }
    const t = await ctx.admin().createUserToken({ user_id: user, scopes, ttl_seconds: ttl === undefined ? undefined : positiveInt(ttl, '--ttl') }, { signal: ctx.signal });
    ctx.out.result(t, () => t.access_token);
  },
};
