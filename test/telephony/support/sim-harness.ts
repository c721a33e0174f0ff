/** The port suite's harness on the simulator: real ari-client over loopback, virtual PBX time. */
import { AriAdapter } from '../../../telephony/ari-adapter.ts';
import type { InboundCall } from '../../../telephony/pbx-port.ts';
import { startPbxSimulator, VirtualClock } from '../../../telephony/simulator/index.ts';
import type { PortHarness } from '../port-suite.ts';
import { InboundCalls } from './channel-events.ts';

export const quietLog = () => {};

/** Polls a condition of the in-process simulator (a real-time guard turns a hang into a failure). */
export async function waitUntil(condition: () => boolean, guardMs = 10_000): Promise<void> {
  const deadline = Date.now() + guardMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export async function simHarness(): Promise<PortHarness & { adapter: AriAdapter }> {
  const clock = new VirtualClock();
  const sim = await startPbxSimulator({ clock });
  sim.control.defineOperator('PJSIP/1001', { type: 'answer-after', delayMs: 1500 });
  sim.control.defineOperator('Local/1002@operators', { type: 'never' });
  sim.control.defineOperator('PJSIP/1003', { type: 'busy' });
  const adapter = new AriAdapter({
    url: sim.ariUrl,
    username: 'asterisk',
    password: 'asterisk',
    app: 'callflow',
    log: quietLog,
  });
  const inbound = new InboundCalls<InboundCall>();
  await adapter.start(inbound.push);
  const advance = async (ms: number) => clock.advance(ms);
  return {
    adapter,
    port: adapter,
    internals: () => adapter.internals(),
    async placeCall(from, to) {
      const simCall = sim.control.placeCall({ from, to });
      const call = await inbound.next((c) => c.channelId === simCall.id);
      return {
        call,
        caller: {
          pressKeys: async (digits) => simCall.pressKeys(digits, 100),
          hangup: async () => simCall.hangup(),
          heard: () => simCall.transcript(),
        },
      };
    },
    advance,
    operator(kind) {
      const endpoint = { answers: 'PJSIP/1001', 'never-answers': 'Local/1002@operators', busy: 'PJSIP/1003' }[
        kind
      ];
      // The originate's HTTP request may still be on its way: wait until the PBX dials, then move time.
      const ringing = () =>
        waitUntil(() =>
          [...sim.world.channels.values()].some(
            (c) => c.dial && !c.dial.finished && `${c.tech}/${c.resource}` === endpoint,
          ),
        );
      return {
        endpoint,
        ringing,
        answer: async () => {
          await ringing();
          await advance(2000);
        },
      };
    },
    async close() {
      await adapter.stop();
      await sim.close();
    },
  };
}
