import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../telephony/simulator/sim-clock.ts';

describe('VirtualClock', () => {
  it('fires due timers in time order, ties in creation order, each at its own time', () => {
    const clock = new VirtualClock(1000);
    const fired: string[] = [];
    clock.setTimer(300, () => fired.push(`c@${clock.now()}`));
    clock.setTimer(100, () => fired.push(`a@${clock.now()}`));
    clock.setTimer(100, () => fired.push(`b@${clock.now()}`));
    clock.setTimer(500, () => fired.push('late'));
    clock.advance(300);
    expect(fired).toEqual(['a@1100', 'b@1100', 'c@1300']);
    expect(clock.now()).toBe(1300);
    expect(clock.pending()).toBe(1);
  });

  it('fires timers created while advancing when they fall inside the span', () => {
    const clock = new VirtualClock(0);
    const fired: number[] = [];
    clock.setTimer(100, () => {
      fired.push(clock.now());
      clock.setTimer(100, () => fired.push(clock.now()));
      clock.setTimer(1000, () => fired.push(clock.now()));
    });
    clock.advance(600_000);
    expect(fired).toEqual([100, 200, 1100]);
  });

  it('does not fire a cleared timer', () => {
    const clock = new VirtualClock(0);
    let fired = false;
    const t = clock.setTimer(10, () => (fired = true));
    clock.clearTimer(t);
    clock.advance(20);
    expect(fired).toBe(false);
    expect(clock.nextDue()).toBe(null);
  });
});
