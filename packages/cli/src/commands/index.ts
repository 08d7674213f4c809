// Every command of `presence`, in the order help lists them.
import type { Command } from '../command.js';
import { accountsCommand } from './accounts.js';
import { clockCommand } from './clock.js';
import { configCommand } from './config.js';
import { profileCommand } from './profile.js';
import { serve } from './serve.js';
import { sessionsCommand } from './sessions.js';
import { statusCommand } from './status.js';
import { token } from './token.js';
import { usersCommand } from './users.js';
import { watch } from './watch.js';
import { webhooksCommand } from './webhooks.js';

export const COMMANDS: Command[] = [
  serve,
  token,
  statusCommand,
  watch,
  usersCommand,
  sessionsCommand,
  clockCommand,
  accountsCommand,
  webhooksCommand,
  profileCommand,
  configCommand,
];
