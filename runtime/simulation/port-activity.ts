/**
 * A PbxPort wrapper that knows when the runtime is waiting on the PBX: requests in flight and the
 * moment anything last came back (a response, a channel event, an inbound call). A driver of virtual
 * time reads it to tell "the PBX is still answering" from "everyone waits for the clock".
 */
import type { PbxPort } from '../../telephony/pbx-port.ts';

export interface PortActivity {
  port: PbxPort;
  inFlight(): number;
  /** performance.now() of the last request, response or event. */
  lastActivity(): number;
}

export function trackPortActivity(inner: PbxPort): PortActivity {
  let inFlight = 0;
  let last = performance.now();
  const touch = () => {
    last = performance.now();
  };
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight++;
    touch();
    return work.finally(() => {
      inFlight--;
      touch();
    });
  };
  const port: PbxPort = {
    start: (onInbound) =>
      track(
        inner.start((call) => {
          touch();
          onInbound(call);
        }),
      ),
    stop: () => inner.stop(),
    status: () => inner.status(),
    subscribe: (channelId, listener) =>
      inner.subscribe(channelId, (event) => {
        touch();
        listener(event);
      }),
    answer: (c) => track(inner.answer(c)),
    play: (c, media, options) => track(inner.play(c, media, options)),
    stopPlayback: (p) => track(inner.stopPlayback(p)),
    startMoh: (c, m) => track(inner.startMoh(c, m)),
    stopMoh: (c) => track(inner.stopMoh(c)),
    hangup: (c, r) => track(inner.hangup(c, r)),
    setVariable: (c, n, v) => track(inner.setVariable(c, n, v)),
    createBridge: (t) => track(inner.createBridge(t)),
    addToBridge: (b, c) => track(inner.addToBridge(b, c)),
    removeFromBridge: (b, c) => track(inner.removeFromBridge(b, c)),
    startBridgeMoh: (b, m) => track(inner.startBridgeMoh(b, m)),
    stopBridgeMoh: (b) => track(inner.stopBridgeMoh(b)),
    destroyBridge: (b) => track(inner.destroyBridge(b)),
    // A ringing phone waits on the clock, not on the PBX: not counted as in flight.
    originate: (r) => {
      touch();
      return inner.originate(r).finally(touch);
    },
    cancelOriginate: inner.cancelOriginate ? (e) => track(inner.cancelOriginate!(e)) : undefined,
    record: (t, o) => track(inner.record(t, o)),
    stopRecording: (n) => track(inner.stopRecording(n)),
  };
  return { port, inFlight: () => inFlight, lastActivity: () => last };
}
