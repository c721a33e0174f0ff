/**
 * The benchmark's call flow, written once against the PbxPort subset both clients implement:
 * answer, menu prompt, key 1 barges in, digits until #, wait prompt + shared holding bridge with
 * music, operator originate, mixing bridge with caller and operator until the caller hangs up.
 * It timestamps each key that moves the flow on (DTMF event received by the client) per channel.
 */
import type { InboundCall, PbxPort } from '../../../telephony/pbx-port.ts';

export type BenchPort = Pick<
  PbxPort,
  | 'start'
  | 'stop'
  | 'subscribe'
  | 'answer'
  | 'play'
  | 'stopPlayback'
  | 'hangup'
  | 'createBridge'
  | 'addToBridge'
  | 'startBridgeMoh'
  | 'destroyBridge'
  | 'originate'
>;

export const now = () => performance.timeOrigin + performance.now();

export interface FlowStats {
  /** Per channel: times (epoch ms) of the DTMF events after which the flow plays the next prompt. */
  keyTimes: Map<string, number[]>;
  /** Per key: how long until the client's `play` call resolved (201 received), measured in the client. */
  playAnsweredMs: number[];
  bridged: number;
  maxBridged: number;
  setUp: number;
  firstSetUpAt: number;
  lastSetUpAt: number;
  failures: number;
  finished: number;
  /** Step each call is at (calls that have not hung up), to tell where a stuck call waits. */
  steps: Map<string, string>;
}

export function newStats(): FlowStats {
  return {
    keyTimes: new Map(),
    playAnsweredMs: [],
    steps: new Map(),
    bridged: 0,
    maxBridged: 0,
    setUp: 0,
    firstSetUpAt: 0,
    lastSetUpAt: 0,
    failures: 0,
    finished: 0,
  };
}

export interface FlowOptions {
  queueBridge: string;
  queueWaitMs: number;
  operatorEndpoint: string;
}

export function handleCall(port: BenchPort, call: InboundCall, stats: FlowStats, o: FlowOptions): void {
  const id = call.channelId;
  type Step = 'answering' | 'menu' | 'digits' | 'queue' | 'talk' | 'done';
  let step: Step = 'answering';
  const moveTo = (next: Step) => {
    step = next;
    if (next === 'done') stats.steps.delete(id);
    else stats.steps.set(id, next);
  };
  moveTo('answering');
  let menuPlayback: string | null = null;
  let digits = '';
  let operator: string | null = null;
  let talkBridge: string | null = null;
  const fail = () => {
    stats.failures++;
  };
  const markKey = () => {
    const at = now();
    const list = stats.keyTimes.get(id) ?? [];
    list.push(at);
    stats.keyTimes.set(id, list);
    return at;
  };
  const answered = (keyAt: number) => () => {
    stats.playAnsweredMs.push(now() - keyAt);
  };

  port.subscribe(id, (event) => {
    if (event.type === 'dtmf' && (step === 'menu' || step === 'answering') && event.digit === '1') {
      const keyAt = markKey();
      moveTo('digits');
      if (menuPlayback) port.stopPlayback(menuPlayback).catch(fail);
      port.play(id, ['sound:bench/digits']).then(answered(keyAt), fail);
    } else if (event.type === 'dtmf' && step === 'digits') {
      if (event.digit !== '#') {
        digits += event.digit;
        return;
      }
      const keyAt = markKey();
      moveTo('queue');
      port.play(id, ['sound:bench/wait']).then(answered(keyAt), fail);
      port
        .addToBridge(o.queueBridge, [id])
        .then(() => new Promise((resolve) => setTimeout(resolve, o.queueWaitMs)))
        .then(() => port.originate({ endpoint: o.operatorEndpoint, timeoutSec: 20 }))
        .then(async (outcome) => {
          if (outcome.type !== 'answered') return fail();
          operator = outcome.channelId;
          if (step === 'done') return void port.hangup(operator).catch(fail);
          talkBridge = await port.createBridge('mixing');
          await port.addToBridge(talkBridge, [id, operator]);
          moveTo('talk');
          stats.bridged++;
          stats.setUp++;
          stats.maxBridged = Math.max(stats.maxBridged, stats.bridged);
          stats.lastSetUpAt = now();
          if (!stats.firstSetUpAt) stats.firstSetUpAt = stats.lastSetUpAt;
        })
        .catch(fail);
    } else if (event.type === 'hangup') {
      if (step === 'talk') stats.bridged--;
      moveTo('done');
      stats.finished++;
      if (operator) port.hangup(operator).catch(fail);
      if (talkBridge) port.destroyBridge(talkBridge).catch(fail);
    }
  });
  port
    .answer(id)
    .then(() => port.play(id, ['sound:bench/menu']))
    .then((playbackId) => {
      menuPlayback = playbackId;
      if (step === 'answering') moveTo('menu');
    })
    .catch(fail);
  void digits;
}
