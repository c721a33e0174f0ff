/**
 * "Nothing is happening right now": what a driver of virtual time waits for before it moves the
 * clock, so a continuation doing real I/O (a prompt written to the speech cache, a reply on a
 * loopback socket) runs at the virtual instant it belongs to, not after time has jumped on.
 */

/** Active resources that mean an operation is still on its way (not a server merely listening). */
const IN_FLIGHT =
  /^(FSReq|FileHandle|CloseReq|ProcessWrap|GetAddrInfoReqWrap|WriteWrap|ShutdownWrap|ConnectWrap)/;

export interface SettleOptions {
  /** Further "still busy" signals (requests in flight on a port, events not yet delivered). */
  busy?: () => boolean;
  /** Real milliseconds of calm required after the last sign of work. */
  quietMs?: number;
  /** Give up waiting after this many real milliseconds (something is stuck; let time move). */
  maxWaitMs?: number;
}

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function ioInFlight(): boolean {
  return process.getActiveResourcesInfo().some((name) => IN_FLIGHT.test(name));
}

export async function settleIo(options: SettleOptions = {}): Promise<void> {
  const { busy, quietMs = 0, maxWaitMs = 10_000 } = options;
  const giveUp = Date.now() + maxWaitMs;
  let calmSince = Date.now();
  for (;;) {
    for (let i = 0; i < 3; i++) await macrotask();
    const working = ioInFlight() || (busy?.() ?? false);
    if (working) calmSince = Date.now();
    else if (Date.now() - calmSince >= quietMs) return;
    if (Date.now() > giveUp) return;
    await sleep(1);
  }
}
