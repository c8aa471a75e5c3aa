// One re-read per event and audience (audience.ts), shared by every stream of that audience on this
// instance. Entries live a few seconds: long enough for every stream of a batch to take its copy, short
// enough that a later event is always read afresh. A failed read is not kept.
import type { EventData } from "./render-event";

const KEEP_MS = 5_000;

export class RenderCache {
  private current = new Map<string, Promise<EventData | null>>();
  private previous = new Map<string, Promise<EventData | null>>();
  private rotatedAt = performance.now();

  get(key: string, read: () => Promise<EventData | null>): Promise<EventData | null> {
    const at = performance.now();
    if (at - this.rotatedAt > KEEP_MS) {
      this.previous = this.current;
      this.current = new Map();
      this.rotatedAt = at;
    }
    const known = this.current.get(key) ?? this.previous.get(key);
    if (known) return known;
    const fresh = read();
    this.current.set(key, fresh);
    fresh.catch(() => this.current.delete(key));
    return fresh;
  }
}
