// `presence config`: which server and credentials the other commands would use, and where each came from.
import type { Command } from '../command.js';
import { table } from '../output.js';
import { FIELDS } from '../settings.js';

export const configCommand: Command = {
  name: 'config',
  summary: 'Show the server and credentials in use and where each comes from (secrets are not shown)',
  connects: true,
  async run(ctx) {
    const s = ctx.settings();
    const rows = FIELDS.map((f) => {
      const v = s[f.key];
      return { setting: f.flag, value: v === undefined ? null : f.secret ? '(set)' : v.value, source: v?.source.label ?? null };
    });
    ctx.out.result(rows, () => table(['SETTING', 'VALUE', 'FROM'], rows.map((r) => [r.setting, r.value ?? '-', r.source ?? '-'])));
  },
};
