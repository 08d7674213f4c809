// Client version strings ("5.17.11.34827") parsed and compared numerically.
export type Version = readonly number[];

export function parseVersion(s: string): Version | undefined {
  if (typeof s !== 'string' || !/^\d{1,6}(\.\d{1,9}){0,4}$/.test(s)) return undefined;
  return s.split('.').map(Number);
}

export function compareVersions(a: Version, b: Version): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** The highest of several version strings; unparseable ones are ignored. */
export function highestVersion(versions: readonly string[]): Version | undefined {
  let best: Version | undefined;
  for (const s of versions) {
    const v = parseVersion(s);
    if (v && (!best || compareVersions(v, best) > 0)) best = v;
  }
  return best;
}
