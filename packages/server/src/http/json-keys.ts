// Finds keys repeated at the top level of a JSON object text: JSON.parse keeps only the last value of each.

/**
 * Each top-level key that appears more than once, with how many times, in order of first appearance;
 * null when there is none. `text` must already be valid JSON (the caller parsed it), so the scanner only
 * tracks strings (with their escapes) and nesting depth. Keys are compared decoded (`"st\u0061tus"` is `status`).
 */
export function duplicateTopLevelKeys(text: string): Map<string, number> | null {
  const seen = new Set<string>();
  let dups: Map<string, number> | null = null;
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const end = closingQuote(text, i + 1);
      if (depth === 1 && expectKey) {
        expectKey = false;
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (!seen.has(key)) seen.add(key);
        else (dups ??= new Map()).set(key, (dups.get(key) ?? 1) + 1);
      }
      i = end;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth === 1) expectKey = c === 123;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    } else if (c === 44 /* , */ && depth === 1) {
      expectKey = true;
    }
  }
  return dups;
}

/** Index of the quote that closes a string whose contents start at `from`: jumps between quotes, skipping escaped ones. */
function closingQuote(text: string, from: number): number {
  let j = text.indexOf('"', from);
  while (j !== -1) {
    let backslashes = 0;
    for (let k = j - 1; k >= from && text.charCodeAt(k) === 92; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
    j = text.indexOf('"', j + 1);
  }
  return text.length;
}
