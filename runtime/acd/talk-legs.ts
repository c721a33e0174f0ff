/**
 * A caller and an operator talking in a mixing bridge (created `mixing,dtmf_events` by the port, so
 * either side's keys still raise events). When either hangs up the other is hung up and the bridge
 * destroyed; a blind transfer instead drops only the operator and leaves the caller to the ACD.
 */
import type { PbxPort } from '../../telephony/pbx-port.ts';

export type TalkEnd = 'caller' | 'operator' | 'host';

export class TalkLegs {
  private done = false;
  private readonly unsubscribers: (() => void)[] = [];
  private listener: ((first: TalkEnd) => void) | null = null;
  /** Wraps the clean-up a hang-up starts (the ACD counts it as work in progress). */
  track: <T>(work: Promise<T>) => Promise<T> = (work) => work;

  private constructor(
    private readonly pbx: PbxPort,
    readonly bridgeId: string,
    readonly caller: string,
    readonly operator: string,
  ) {}

  /** Bridges the two; the caller is moved out of its holding bridge by the same request. */
  static async start(pbx: PbxPort, caller: string, operator: string): Promise<TalkLegs> {
    const bridgeId = await pbx.createBridge('mixing');
    const legs = new TalkLegs(pbx, bridgeId, caller, operator);
    for (const [channel, who] of [
      [caller, 'caller'],
      [operator, 'operator'],
    ] as const) {
      legs.unsubscribers.push(
        pbx.subscribe(channel, (e) => e.type === 'hangup' && void legs.track(legs.end(who))),
      );
    }
    try {
      await pbx.addToBridge(bridgeId, [caller, operator]);
    } catch (error) {
      legs.stopListening();
      await pbx.destroyBridge(bridgeId).catch(() => {});
      throw error;
    }
    return legs;
  }

  /** Called once, with who ended the talk first. */
  onEnd(listener: (first: TalkEnd) => void): void {
    this.listener = listener;
  }

  get ended(): boolean {
    return this.done;
  }

  /** One side is gone (or the host ends the call): the rest is hung up and the bridge destroyed. */
  async end(first: TalkEnd): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.stopListening();
    const others =
      first === 'caller'
        ? [this.operator]
        : first === 'operator'
          ? [this.caller]
          : [this.caller, this.operator];
    await Promise.all(others.map((channel) => this.pbx.hangup(channel, 'normal').catch(() => {})));
    await this.pbx.destroyBridge(this.bridgeId).catch(() => {});
    this.listener?.(first);
  }

  /** Blind transfer: the operator's leg is hung up, the caller stays (already moved elsewhere). */
  async dropOperator(): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.stopListening();
    await this.pbx.hangup(this.operator, 'normal').catch(() => {});
    await this.pbx.destroyBridge(this.bridgeId).catch(() => {});
  }

  private stopListening(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.unsubscribers.length = 0;
  }
}
