// An incremental server-sent events parser following the WHATWG event-stream rules.

export type SseItem =
  | { type: 'event'; event: string; data: string; lastEventId: string }
  | { type: 'retry'; ms: number }
  | { type: 'comment'; text: string };

/**
 * Feed decoded text in any chunking; complete items come back in order. Lines may end in CRLF,
 * LF or CR, and a CRLF split across two chunks counts once.
 */
export class SseParser {
  private buffer = '';
  private skipLeadingLF = false;
  private started = false;
  private eventType = '';
  private data: string[] = [];
  private idBuffer: string;
  private dispatchedId: string;

  constructor(lastEventId = '') {
    this.idBuffer = lastEventId;
    this.dispatchedId = lastEventId;
  }

  /** The id a reconnect should send as Last-Event-ID: set only once its event is complete. */
  get lastEventId(): string {
    return this.dispatchedId;
  }

  feed(chunk: string): SseItem[] {
    let text = this.buffer + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.skipLeadingLF && text.startsWith('\n')) text = text.slice(1);
    this.skipLeadingLF = false;
    const out: SseItem[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c !== '\n' && c !== '\r') continue;
      this.line(text.slice(start, i), out);
      if (c === '\r') {
        if (i + 1 < text.length) {
          if (text[i + 1] === '\n') i++;
        } else {
          this.skipLeadingLF = true;
        }
      }
      start = i + 1;
    }
    this.buffer = text.slice(start);
    return out;
  }

  private line(line: string, out: SseItem[]): void {
    if (line === '') return this.dispatch(out);
    if (line.startsWith(':')) {
      out.push({ type: 'comment', text: line.slice(1).replace(/^ /, '') });
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.idBuffer = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) out.push({ type: 'retry', ms: Number(value) });
        break;
      default:
        // Unknown fields are ignored, as the standard requires.
        break;
    }
  }

  private dispatch(out: SseItem[]): void {
    this.dispatchedId = this.idBuffer;
    const type = this.eventType || 'message';
    const hasData = this.data.length > 0;
    const data = this.data.join('\n');
    this.eventType = '';
    this.data = [];
    if (hasData) out.push({ type: 'event', event: type, data, lastEventId: this.dispatchedId });
  }
}
