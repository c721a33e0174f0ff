/**
 * Two channels talking in a mixing bridge (caller + operator, caller + transfer target). When
 * either leg hangs up the other is hung up and the bridge destroyed; `release` does the same from
 * the host's side. Listeners are removed either way.
 *
 * A call the flow asked to record (`record call`) is recorded here, on the bridge: recording the
 * caller's channel itself would occupy the channel's command queue in Asterisk, so every prompt
 * after it would wait until the recording ended.
 */
import type { PbxPort } from '../telephony/pbx-port.ts';

export interface BridgedLegs {
  bridgeId: string;
  /** Name of the recording started on the bridge, or null. */
  recording: string | null;
  /** Settles with the channel that hung up first (or null when released by the host). */
  ended: Promise<string | null>;
  release(): Promise<void>;
}

export async function bridgeLegs(
  pbx: PbxPort,
  a: string,
  b: string,
  options: { recordAs?: string | null } = {},
): Promise<BridgedLegs> {
  const bridgeId = await pbx.createBridge('mixing');
  let settle!: (first: string | null) => void;
  const ended = new Promise<string | null>((resolve) => {
    settle = resolve;
  });
  let done = false;
  const unsubscribers: (() => void)[] = [];
  const finish = async (first: string | null) => {
    if (done) return;
    done = true;
    for (const unsubscribe of unsubscribers) unsubscribe();
    const others = first === null ? [a, b] : [first === a ? b : a];
    await Promise.all(others.map((channel) => pbx.hangup(channel, 'normal').catch(() => {})));
    await pbx.destroyBridge(bridgeId).catch(() => {});
    settle(first);
  };
  for (const channel of [a, b]) {
    unsubscribers.push(
      pbx.subscribe(channel, (event) => {
        if (event.type === 'hangup') void finish(channel);
      }),
    );
  }
  try {
    await pbx.addToBridge(bridgeId, [a, b]);
  } catch (error) {
    await finish(null);
    throw error;
  }
  let recording: string | null = null;
  if (options.recordAs) {
    // A conversation that cannot be recorded still goes ahead; the record says none was made.
    recording = await pbx
      .record(`bridge:${bridgeId}`, { name: options.recordAs, format: 'wav', beep: false })
      .then(() => options.recordAs ?? null)
      .catch(() => null);
  }
  return { bridgeId, recording, ended, release: () => finish(null) };
}
