/**
 * ari-client's REST calls go through swagger-client and shred on Node's global HTTP agent, whose
 * sockets time out after 5 s idle (Node 20). shred aborts a request on that timeout and reports it as
 * `request_error`, which swagger-client does not listen to: the call's promise never settles. ARI
 * legitimately answers late (`POST .../variable` waits for the channel's running prompt, trace 11),
 * and connections do break. The adapter must neither abort the first nor hang on the second.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AriAdapter } from '../../telephony/ari-adapter.ts';
import type { InboundCall } from '../../telephony/pbx-port.ts';
import { type PbxSimulator, startPbxSimulator, VirtualClock } from '../../telephony/simulator/index.ts';
import { InboundCalls } from './support/channel-events.ts';
import { quietLog, waitUntil } from './support/sim-harness.ts';

const settled = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ state: 'resolved' as const, value }),
    (error: Error) => ({ state: 'rejected' as const, error }),
  );

describe('ARI adapter: requests that take long or break', () => {
  let sim: PbxSimulator;
  let adapter: AriAdapter;
  let clock: VirtualClock;
  afterEach(async () => {
    await adapter?.stop();
    await sim?.close();
  });

  async function callBehindLongPrompt() {
    clock = new VirtualClock();
    sim = await startPbxSimulator({ clock });
    adapter = new AriAdapter({
      url: sim.ariUrl,
      log: quietLog,
      reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    const inbound = new InboundCalls<InboundCall>();
    await adapter.start(inbound.push);
    const simCall = sim.control.placeCall({ from: '0501234567', to: '0800300400' });
    const call = await inbound.next((c) => c.channelId === simCall.id);
    await adapter.answer(call.channelId);
    await adapter.play(call.channelId, ['sound:demo-congrats']); // 30 s of simulated time
    const handled = sim.requestsHandled();
    const pending = settled(adapter.setVariable(call.channelId, 'CF_STEP', 'menu'));
    await sim.whenRequestsHandled(handled + 1); // now waiting in the channel's queue
    return { pending }; // wrapped: an async function returning the promise itself would wait for it
  }

  it('waits for a response held more than 5 s (behind the channel running prompt)', {
    timeout: 20_000,
  }, async () => {
    const { pending } = await callBehindLongPrompt();
    await new Promise((resolve) => setTimeout(resolve, 6000)); // past the global agent's socket timeout
    clock.advance(31_000); // the prompt ends, the queue reaches the request
    const outcome = await Promise.race([
      pending,
      new Promise((resolve) => setTimeout(() => resolve('hung'), 5000)),
    ]);
    expect(outcome).toEqual({ state: 'resolved', value: undefined });
  });

  it('fails a request whose connection breaks instead of leaving it pending forever', {
    timeout: 20_000,
  }, async () => {
    const { pending } = await callBehindLongPrompt();
    await sim.close(); // the PBX goes away before answering it
    const outcome = await Promise.race([
      pending,
      new Promise((resolve) => setTimeout(() => resolve('hung'), 5000)),
    ]);
    expect(outcome).toMatchObject({ state: 'rejected', error: { name: 'PbxRequestError' } });
    expect((outcome as { error: Error }).error.message).toMatch(
      /setVariable: .*(socket hang up|ECONNRESET|closed)/i,
    );
    await waitUntil(() => !adapter.status().connected);
  });
});
