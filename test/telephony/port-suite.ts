/**
 * One behaviour suite for every PbxPort implementation: the ARI adapter against the simulator over
 * loopback, and the same adapter against a live Asterisk (ARI_URL). The harness hides how a
 * caller is simulated and how time passes (virtual clock vs real sleep).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundCall, PbxPort } from '../../telephony/pbx-port.ts';
import { ChannelEvents } from './support/channel-events.ts';

export interface CallerSide {
  pressKeys(digits: string): Promise<void>;
  hangup(): Promise<void>;
  /** What the caller heard, when the harness can tell (the simulator's transcript). */
  heard?(): Array<{ kind: string }>;
}

export interface OperatorSide {
  endpoint: string;
  /** Resolves once the PBX has the originate (its phone is ringing, busy or about to be). */
  ringing(): Promise<void>;
  /** Lets the operator phone answer (time passes until it does). */
  answer(): Promise<void>;
}

export interface PortHarness {
  port: PbxPort;
  /** Leak check: sizes of the implementation's per-channel books, if it exposes them. */
  internals?(): { channels: number; listeners: number; playbacks: number; originates: number };
  placeCall(from: string, to: string): Promise<{ call: InboundCall; caller: CallerSide }>;
  /** Lets `ms` of PBX time pass. */
  advance(ms: number): Promise<void>;
  operator(kind: 'answers' | 'never-answers' | 'busy'): OperatorSide;
  close(): Promise<void>;
}

export function definePortSuite(name: string, makeHarness: () => Promise<PortHarness>): void {
  describe(name, () => {
    let h: PortHarness;
    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => {
      await h?.close();
    });

    async function answeredCall(from = '0501234567', to = '0800300400') {
      const { call, caller } = await h.placeCall(from, to);
      const events = new ChannelEvents(h.port, call.channelId);
      await h.port.answer(call.channelId);
      await events.next('answered');
      return { call, caller, events };
    }

    it('delivers an inbound call with the caller number and the dialled number', async () => {
      const { call, caller } = await h.placeCall('0671112233', '0800300400');
      expect(call).toMatchObject({ callerNumber: '0671112233', dialled: '0800300400' });
      expect(call.channelId).not.toBe('');
      await caller.hangup();
    });

    it('answers a call', async () => {
      const { events, caller } = await answeredCall();
      expect(events.types()).toContain('answered');
      await caller.hangup();
    });

    it('plays a prompt: playback-started, then playback-finished done', async () => {
      const { call, events, caller } = await answeredCall();
      const playbackId = await h.port.play(call.channelId, ['sound:hello-world']);
      expect((await events.next('playback-started')).playbackId).toBe(playbackId);
      await h.advance(2000);
      expect(await events.next('playback-finished')).toEqual({
        type: 'playback-finished',
        playbackId,
        state: 'done',
      });
      await caller.hangup();
    });

    it('stops a prompt when the caller barges in with a key', async () => {
      const { call, events, caller } = await answeredCall();
      const playbackId = await h.port.play(call.channelId, ['sound:demo-congrats']);
      await events.next('playback-started');
      await caller.pressKeys('5');
      await h.advance(400);
      expect(await events.next('dtmf')).toEqual({ type: 'dtmf', digit: '5' });
      await h.port.stopPlayback(playbackId);
      expect(await events.next('playback-finished')).toMatchObject({ playbackId, state: 'done' });
      await h.port.stopPlayback(playbackId); // already finished: not an error
      await caller.hangup();
    });

    it('delivers DTMF digits in the order pressed', async () => {
      const { events, caller } = await answeredCall();
      await caller.pressKeys('1');
      await h.advance(400);
      await caller.pressKeys('2');
      await h.advance(400);
      await caller.pressKeys('#');
      await h.advance(400);
      const digits = [await events.next('dtmf'), await events.next('dtmf'), await events.next('dtmf')].map(
        (e) => e.digit,
      );
      expect(digits).toEqual(['1', '2', '#']);
      await caller.hangup();
    });

    it('ends with a hangup event when the caller hangs up, and forgets the channel', async () => {
      const { call, events, caller } = await answeredCall();
      await caller.hangup();
      expect(await events.next('hangup')).toEqual({
        type: 'hangup',
        cause: 16,
        causeText: 'Normal Clearing',
      });
      expect(h.internals?.()).toMatchObject(h.internals ? { channels: 0, listeners: 0, playbacks: 0 } : {});
      // subscribing to a channel that is gone gives its hangup at once instead of a leak
      const late = new ChannelEvents(h.port, call.channelId);
      expect((await late.next('hangup')).type).toBe('hangup');
    });

    it('hangs up a call from the app side', async () => {
      const { call, events } = await answeredCall();
      await h.port.hangup(call.channelId);
      expect((await events.next('hangup')).type).toBe('hangup');
      await h.port.hangup(call.channelId); // already gone: not an error
    });

    it('holds a caller in a holding bridge with music on hold', async () => {
      const { call, caller } = await answeredCall();
      const bridge = await h.port.createBridge('holding');
      await h.port.addToBridge(bridge, [call.channelId]);
      await h.port.startBridgeMoh(bridge, 'default');
      await h.advance(1000);
      await h.port.stopBridgeMoh(bridge);
      await h.port.stopBridgeMoh(bridge); // not playing any more: not an error
      const heard = caller.heard?.().map((e) => e.kind);
      if (heard)
        expect(heard).toEqual(expect.arrayContaining(['bridge-joined', 'moh-started', 'moh-stopped']));
      await h.port.destroyBridge(bridge);
      await caller.hangup();
    });

    it('originates an operator who answers', async () => {
      const operator = h.operator('answers');
      const pending = h.port.originate({
        endpoint: operator.endpoint,
        callerId: 'Queue <1012>',
        timeoutSec: 20,
      });
      await operator.answer();
      const outcome = await pending;
      expect(outcome.type).toBe('answered');
      if (outcome.type !== 'answered') return;
      const events = new ChannelEvents(h.port, outcome.channelId);
      await h.port.hangup(outcome.channelId);
      expect((await events.next('hangup')).type).toBe('hangup');
      expect(h.internals?.()).toMatchObject(h.internals ? { originates: 0 } : {});
    });

    it('reports an operator who never answers as no-answer (cause 19)', async () => {
      const operator = h.operator('never-answers');
      const pending = h.port.originate({ endpoint: operator.endpoint, timeoutSec: 2 });
      await operator.ringing();
      await h.advance(3000);
      expect(await pending).toEqual({ type: 'failed', reason: 'no-answer', cause: 19 });
    });

    it('reports a busy operator as busy', async () => {
      const operator = h.operator('busy');
      const pending = h.port.originate({ endpoint: operator.endpoint, timeoutSec: 15 });
      await operator.ringing();
      await h.advance(500);
      expect(await pending).toMatchObject({ type: 'failed', reason: 'busy' });
    });

    it('cancels a ringing originate', async () => {
      const operator = h.operator('never-answers');
      const pending = h.port.originate({ endpoint: operator.endpoint, timeoutSec: 30 });
      await operator.ringing();
      await h.advance(500);
      await h.port.cancelOriginate?.(operator.endpoint);
      expect(await pending).toMatchObject({ type: 'failed', reason: 'cancelled' });
    });

    it("connects caller and operator in a mixing bridge; the caller's keys still arrive", async () => {
      const { call, events, caller } = await answeredCall();
      const hold = await h.port.createBridge('holding');
      await h.port.addToBridge(hold, [call.channelId]);
      const operator = h.operator('answers');
      const pending = h.port.originate({ endpoint: operator.endpoint, timeoutSec: 20 });
      await operator.answer();
      const outcome = await pending;
      if (outcome.type !== 'answered') throw new Error(`operator did not answer: ${JSON.stringify(outcome)}`);
      const opEvents = new ChannelEvents(h.port, outcome.channelId);
      const talk = await h.port.createBridge('mixing');
      await h.port.addToBridge(talk, [call.channelId, outcome.channelId]);
      await caller.pressKeys('7');
      await h.advance(400);
      expect(await events.next('dtmf')).toEqual({ type: 'dtmf', digit: '7' });
      await h.port.hangup(outcome.channelId);
      expect((await opEvents.next('hangup')).type).toBe('hangup');
      await caller.hangup();
      await events.next('hangup');
      await h.port.destroyBridge(talk);
      await h.port.destroyBridge(hold);
      expect(h.internals?.()).toMatchObject(h.internals ? { channels: 0, listeners: 0 } : {});
    });

    it('records the caller until # and reports the recording', async () => {
      const { call, events, caller } = await answeredCall();
      const name = `port-suite-${Date.now()}`;
      await h.port.record(call.channelId, { name, beep: true, terminateOn: '#', maxDurationSec: 30 });
      await h.advance(1500);
      await caller.pressKeys('#');
      await h.advance(400);
      expect(await events.next('recording-finished')).toMatchObject({ type: 'recording-finished', name });
      await caller.hangup();
    });

    it('records a whole call through a snoop channel without holding up its prompts', async () => {
      const { call, events, caller } = await answeredCall();
      const name = `port-suite-call-${Date.now()}`;
      await h.port.record(`call:${call.channelId}`, { name });
      const playbackId = await h.port.play(call.channelId, ['sound:hello-world']);
      expect((await events.next('playback-started')).playbackId).toBe(playbackId);
      await h.advance(2000);
      expect((await events.next('playback-finished')).playbackId).toBe(playbackId);
      await h.port.stopRecording(name);
      expect(await events.next('recording-finished')).toMatchObject({ type: 'recording-finished', name });
      await caller.hangup();
      await events.next('hangup');
      expect(h.internals?.()).toMatchObject(h.internals ? { channels: 0, listeners: 0 } : {});
    });

    it('records until the maximum duration', async () => {
      const { call, events, caller } = await answeredCall();
      const name = `port-suite-max-${Date.now()}`;
      await h.port.record(call.channelId, { name, maxDurationSec: 2 });
      await h.advance(3500);
      expect(await events.next('recording-finished')).toEqual({
        type: 'recording-finished',
        name,
        durationSec: 2,
      });
      await caller.hangup();
    });
  });
}
