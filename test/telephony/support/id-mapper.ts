/**
 * Maps the recorded Asterisk's ids to the simulator's as both sides create them: Local channel name
 * counters (`-0000001d;1`) by order of first appearance, channel ids through those names, playback
 * and bridge UUIDs by order of first appearance. Ids the recording chose itself map to themselves.
 */

const localName = /^(Local\/[^;]+-)([0-9a-f]{8})(;[12])$/;

class Ordered {
  private readonly recorded: string[] = [];
  private readonly actual: string[] = [];

  seeRecorded(id: string): void {
    if (!this.recorded.includes(id)) this.recorded.push(id);
  }

  seeActual(id: string): void {
    if (!this.actual.includes(id)) this.actual.push(id);
  }

  toActual(id: string): string | undefined {
    const i = this.recorded.indexOf(id);
    return i >= 0 ? this.actual[i] : undefined;
  }

  toRecorded(id: string): string | undefined {
    const i = this.actual.indexOf(id);
    return i >= 0 ? this.recorded[i] : undefined;
  }
}

export class IdMapper {
  private readonly nameSeqs = new Ordered();
  private readonly playbacks = new Ordered();
  private readonly bridges = new Ordered();
  private readonly recordedChannelNames = new Map<string, string>();
  private readonly actualChannelIds = new Map<string, string>();
  private readonly actualChannelNames = new Map<string, string>();

  /** Registers the ids found in a recorded value (response body or event). */
  seeRecorded(value: unknown): void {
    walk(value, {
      channel: (id, name) => {
        this.recordedChannelNames.set(id, name);
        const m = localName.exec(name);
        if (m) this.nameSeqs.seeRecorded(m[2]);
      },
      playback: (id) => this.playbacks.seeRecorded(id),
      bridge: (id) => this.bridges.seeRecorded(id),
    });
  }

  seeActual(value: unknown): void {
    walk(value, {
      channel: (id, name) => {
        this.actualChannelIds.set(name, id);
        this.actualChannelNames.set(id, name);
        const m = localName.exec(name);
        if (m) this.nameSeqs.seeActual(m[2]);
      },
      playback: (id) => this.playbacks.seeActual(id),
      bridge: (id) => this.bridges.seeActual(id),
    });
  }

  /** Recorded id (channel, playback or bridge) -> the simulator's, or undefined. */
  actualId(recordedId: string): string | undefined {
    const name = this.recordedChannelNames.get(recordedId);
    if (name) {
      const actualName = this.actualName(name);
      const id = actualName ? this.actualChannelIds.get(actualName) : undefined;
      if (id) return id;
    }
    return this.playbacks.toActual(recordedId) ?? this.bridges.toActual(recordedId);
  }

  /** Simulator id -> the recorded one, or undefined. */
  recordedId(actualId: string): string | undefined {
    const name = this.actualChannelNames.get(actualId);
    if (name) {
      const recordedName = this.recordedName(name);
      for (const [id, n] of this.recordedChannelNames) if (n === recordedName) return id;
    }
    return this.playbacks.toRecorded(actualId) ?? this.bridges.toRecorded(actualId);
  }

  actualName(recordedName: string): string | undefined {
    const m = localName.exec(recordedName);
    if (!m) return recordedName;
    const seq = this.nameSeqs.toActual(m[2]);
    return seq ? `${m[1]}${seq}${m[3]}` : undefined;
  }

  recordedName(actualName: string): string | undefined {
    const m = localName.exec(actualName);
    if (!m) return actualName;
    const seq = this.nameSeqs.toRecorded(m[2]);
    return seq ? `${m[1]}${seq}${m[3]}` : undefined;
  }

  /** Rewrites recorded ids inside a request path or body into the simulator's. */
  rewriteRecorded(text: string): string {
    return text.replace(/[A-Za-z0-9][A-Za-z0-9._-]{4,}/g, (token) => this.actualId(token) ?? token);
  }
}

interface Visitors {
  channel(id: string, name: string): void;
  playback(id: string): void;
  bridge(id: string): void;
}

function walk(value: unknown, v: Visitors, key = ''): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, v, key);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (typeof o.id === 'string' && typeof o.name === 'string' && 'dialplan' in o) v.channel(o.id, o.name);
  else if (typeof o.id === 'string' && 'media_uri' in o) v.playback(o.id);
  else if (typeof o.id === 'string' && 'bridge_type' in o) v.bridge(o.id);
  for (const [k, child] of Object.entries(o)) walk(child, v, k);
  void key;
}
