/**
 * One holding bridge per queue and music class, where that queue's callers wait with music on hold
 * (ARCHITECTURE decision 3). Created on first use and kept: a queue's callers come and go, and
 * Asterisk stops a bridge's music when it empties (trace 04), which the PBX port re-asserts when
 * the next caller joins. A bridge that vanished (the PBX restarted) is created again once.
 */
import type { PbxPort } from '../../telephony/pbx-port.ts';

export class HoldingBridges {
  private readonly bridges = new Map<string, Promise<string>>();

  constructor(private readonly pbx: PbxPort) {}

  /** Puts a caller into the queue's holding bridge (moving it from any other); returns the bridge id. */
  async join(tenant: string, queue: string, music: string, channelId: string): Promise<string> {
    const key = `${tenant}\u0000${queue}\u0000${music}`;
    const bridgeId = await this.bridge(key, music);
    try {
      await this.pbx.addToBridge(bridgeId, [channelId]);
      return bridgeId;
    } catch (error) {
      if (!/bridge not found/i.test(String((error as Error).message))) throw error;
      this.bridges.delete(key);
      const fresh = await this.bridge(key, music);
      await this.pbx.addToBridge(fresh, [channelId]);
      return fresh;
    }
  }

  async leave(bridgeId: string, channelId: string): Promise<void> {
    await this.pbx.removeFromBridge(bridgeId, [channelId]);
  }

  async destroyAll(): Promise<void> {
    const ids = await Promise.allSettled([...this.bridges.values()]);
    this.bridges.clear();
    await Promise.allSettled(
      ids.flatMap((r) => (r.status === 'fulfilled' ? [this.pbx.destroyBridge(r.value)] : [])),
    );
  }

  get size(): number {
    return this.bridges.size;
  }

  private bridge(key: string, music: string): Promise<string> {
    let bridge = this.bridges.get(key);
    if (!bridge) {
      bridge = (async () => {
        const id = await this.pbx.createBridge('holding');
        await this.pbx.startBridgeMoh(id, music);
        return id;
      })();
      bridge.catch(() => this.bridges.delete(key));
      this.bridges.set(key, bridge);
    }
    return bridge;
  }
}
