// Printing: JSON for scripts, aligned text for people; never a secret unless the command exists to print one.

export type Sink = { write(text: string): unknown };

export class Output {
  constructor(readonly json: boolean, private stdout: Sink, private stderr: Sink) {}

  /** The command's result: `value` as JSON with --json, otherwise the text lines. */
  result(value: unknown, text: () => string | string[]): void {
    if (this.json) this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else this.line(text());
  }

  /** One line of a stream: compact JSON or text. */
  stream(value: unknown, text: string): void {
    this.stdout.write(this.json ? `${JSON.stringify(value)}\n` : `${text}\n`);
  }

  line(text: string | string[]): void {
    const lines = Array.isArray(text) ? text : [text];
    if (lines.length) this.stdout.write(`${lines.join('\n')}\n`);
  }

  /** Progress and hints for people; kept off stdout so pipes see only results. */
  note(text: string): void {
    if (!this.json) this.stderr.write(`${text}\n`);
  }

  error(text: string): void {
    this.stderr.write(`${text}\n`);
  }
}

/** Columns padded to their widest cell; the last column is left ragged. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [fmt(header), ...rows.map(fmt)];
}

/** `key  value` lines with the keys aligned. */
export function fields(pairs: readonly (readonly [string, string | number | boolean | null | undefined])[]): string[] {
  const shown = pairs.filter(([, v]) => v !== undefined);
  const width = Math.max(...shown.map(([k]) => k.length));
  return shown.map(([k, v]) => `${k.padEnd(width)}  ${v === null ? '-' : String(v)}`);
}
