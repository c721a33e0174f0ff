import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../runtime/clock.ts';

describe('VirtualClock', () => {
  it('stands still until advanced, then fires due timers in time order', async () => {
    const clock = new VirtualClock({ start: 1_000 });
    const fired: string[] = [];
    clock.setTimer(300, () => fired.push(`b@${clock.now()}`));
    clock.setTimer(100, () => fired.push(`a@${clock.now()}`));
    clock.setTimer(900, () => fired.push(`c@${clock.now()}`));
    expect(clock.now()).toBe(1_000);
    await clock.advance(500);
    expect(fired).toEqual(['a@1100', 'b@1300']);
    expect(clock.now()).toBe(1_500);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('fires timers due at the same time in the order they were set', async () => {
    const clock = new VirtualClock({ start: 0 });
    const fired: number[] = [];
    for (let i = 0; i < 5; i++) clock.setTimer(10, () => fired.push(i));
    await clock.advance(10);
    expect(fired).toEqual([0, 1, 2, 3, 4]);
  });

  it('does not fire cleared timers', async () => {
    const clock = new VirtualClock({ start: 0 });
    const fired: string[] = [];
    const handle = clock.setTimer(10, () => fired.push('cleared'));
    clock.setTimer(20, () => fired.push('kept'));
    clock.clearTimer(handle);
    clock.clearTimer(handle);
    await clock.advance(100);
    expect(fired).toEqual(['kept']);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('lets async continuations set further timers inside the same advance', async () => {
    const clock = new VirtualClock({ start: 0 });
    const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimer(ms, resolve));
    const seen: number[] = [];
    const waiter = (async () => {
      for (let i = 0; i < 10; i++) {
        await sleep(60_000);
        seen.push(clock.now());
      }
    })();
    await clock.advance(10 * 60_000);
    await waiter;
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => (i + 1) * 60_000));
  });

  it('runUntilIdle jumps from timer to timer until none is left', async () => {
    const clock = new VirtualClock({ start: 0 });
    let chain = 0;
    const again = () => {
      chain++;
      if (chain < 4) clock.setTimer(1_000, again);
    };
    clock.setTimer(1_000, again);
    const moved = await clock.runUntilIdle();
    expect(chain).toBe(4);
    expect(moved).toBe(4_000);
    expect(clock.nextDueAt()).toBeNull();
  });

  it('advanceUntil stops at the timer that makes the condition true, and fails when none will', async () => {
    const clock = new VirtualClock({ start: 0 });
    let ticks = 0;
    const tick = () => {
      ticks++;
      clock.setTimer(1_000, tick);
    };
    clock.setTimer(1_000, tick);
    await clock.advanceUntil(() => ticks === 3);
    expect(clock.now()).toBe(3_000);
    await expect(clock.advanceUntil(() => ticks === 100, 5_000)).rejects.toThrow(/condition not reached by/);
    expect(clock.now()).toBe(8_000);
  });
});

describe('one clock interface for runtime and PBX simulator', () => {
  it('lets either clock drive either side', async () => {
    const { VirtualClock: SimVirtualClock } = await import('../../telephony/simulator/sim-clock.ts');
    const runtimeSide: import('../../runtime/clock.ts').Clock = new SimVirtualClock(0);
    const simulatorSide: import('../../telephony/simulator/sim-clock.ts').SimClock = new VirtualClock({
      start: 0,
    });
    const fired: number[] = [];
    simulatorSide.setTimer(5, () => fired.push(simulatorSide.now()));
    runtimeSide.clearTimer(runtimeSide.setTimer(5, () => fired.push(-1)));
    await (simulatorSide as VirtualClock).advance(10);
    expect(fired).toEqual([5]);
  });
});

describe('VirtualClock in batch mode', () => {
  it('fires every timer of one instant before continuations run', async () => {
    const clock = new VirtualClock({ start: 0, batch: true });
    const order: string[] = [];
    const wait = (ms: number, name: string) =>
      new Promise<void>((resolve) =>
        clock.setTimer(ms, () => {
          order.push(`fire ${name}`);
          resolve();
        }),
      );
    void wait(10, 'a').then(() => order.push('after a'));
    void wait(10, 'b').then(() => order.push('after b'));
    await clock.advance(10);
    expect(order).toEqual(['fire a', 'fire b', 'after a', 'after b']);
  });
});
