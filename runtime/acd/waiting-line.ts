/**
 * The callers waiting in one queue: higher priority first (seed 000: «звонки от важных клиентов
 * могут обрабатываться в первую очередь»), then first come, first served. `seq` is the arrival
 * order across the whole tenant, so callers of different queues compare too, and a caller put
 * back with its old `seq` (an operator did not answer) returns to the place it had: the head,
 * unless a caller of higher priority came in meanwhile.
 */

export interface LineEntry {
  callId: string;
  priority: number;
  seq: number;
}

interface Level<T> {
  priority: number;
  /** Sorted by seq. */
  callers: T[];
}

export class WaitingLine<T extends LineEntry> {
  /** Sorted by priority, highest first. */
  private readonly levels: Level<T>[] = [];
  private readonly byId = new Map<string, T>();

  get size(): number {
    return this.byId.size;
  }

  has(callId: string): boolean {
    return this.byId.has(callId);
  }

  get(callId: string): T | undefined {
    return this.byId.get(callId);
  }

  add(entry: T): void {
    if (this.byId.has(entry.callId)) throw new Error(`call ${entry.callId} is already waiting`);
    this.byId.set(entry.callId, entry);
    const level = this.level(entry.priority, true)!;
    const list = level.callers;
    // New arrivals append; a caller put back finds its old place by binary search.
    if (list.length === 0 || list[list.length - 1].seq < entry.seq) list.push(entry);
    else list.splice(lowerBound(list, entry.seq), 0, entry);
  }

  remove(callId: string): T | undefined {
    const entry = this.byId.get(callId);
    if (!entry) return undefined;
    this.byId.delete(callId);
    const level = this.level(entry.priority, false)!;
    const list = level.callers;
    const at = list[0] === entry ? 0 : lowerBound(list, entry.seq);
    list.splice(at, 1);
    if (list.length === 0) this.levels.splice(this.levels.indexOf(level), 1);
    return entry;
  }

  /** 1-based place in the line, or null when not waiting. */
  position(callId: string): number | null {
    const entry = this.byId.get(callId);
    if (!entry) return null;
    let ahead = 0;
    for (const level of this.levels) {
      if (level.priority === entry.priority) return ahead + lowerBound(level.callers, entry.seq) + 1;
      ahead += level.callers.length;
    }
    return null;
  }

  /** The first caller (in serving order) that `accepts` takes. */
  first(accepts?: (entry: T) => boolean): T | undefined {
    for (const level of this.levels) {
      for (const entry of level.callers) if (!accepts || accepts(entry)) return entry;
    }
    return undefined;
  }

  *inOrder(): Generator<T> {
    for (const level of this.levels) yield* level.callers;
  }

  private level(priority: number, create: boolean): Level<T> | undefined {
    let i = 0;
    while (i < this.levels.length && this.levels[i].priority > priority) i++;
    if (this.levels[i]?.priority === priority) return this.levels[i];
    if (!create) return undefined;
    const level: Level<T> = { priority, callers: [] };
    this.levels.splice(i, 0, level);
    return level;
  }
}

function lowerBound(list: readonly LineEntry[], seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
