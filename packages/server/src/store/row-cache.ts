// A bounded map for the SQLite store's read cache: past its limit the oldest entries are forgotten.

export class RowCache<V> {
  private m = new Map<string, V>();

  constructor(private limit: number) {}

  get(key: string): V | undefined {
    return this.m.get(key);
  }

  has(key: string): boolean {
    return this.m.has(key);
  }

  set(key: string, value: V): void {
    if (!this.m.has(key) && this.m.size >= this.limit) this.m.delete(this.m.keys().next().value as string);
    this.m.set(key, value);
  }

  delete(key: string): void {
    this.m.delete(key);
  }

  clear(): void {
    this.m.clear();
  }
}
