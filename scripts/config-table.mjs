// Prints the README's configuration table from the server's SETTINGS (run after the build).
import { SETTINGS } from '../packages/server/dist/src/config.js';

const flag = (k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
export function configTable() {
  const rows = SETTINGS.map((s) => `| \`${flag(s.key)}\` | \`${s.env}\` | \`${Array.isArray(s.def) ? s.def.join(',') : String(s.def) || '(empty)'}\` | ${s.doc}${s.oneOf ? ` (${s.oneOf.join(', ')})` : ''} |`);
  return ['| flag | environment variable | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
if (import.meta.url === `file://${process.argv[1]}`) console.log(configTable());
