import { describe, expect, it } from 'vitest';
import {
  AbandonShare,
  EwtAccuracy,
  estimateWaitMs,
  gammaMedian,
  HandleTimeAverage,
} from '../../../runtime/acd/ewt.ts';
import { tenant } from './fixtures.ts';

describe('estimated wait time', () => {
  it('is the median of Gamma(position − ready) times AHT / serving operators', () => {
    const minute = 240_000 / 4;
    expect(estimateWaitMs({ position: 1, serving: 4, ready: 0, averageHandleMs: 240_000 })).toBe(
      Math.LN2 * minute,
    );
    expect(estimateWaitMs({ position: 6, serving: 4, ready: 0, averageHandleMs: 240_000 })).toBe(
      gammaMedian(6) * minute,
    );
    expect(estimateWaitMs({ position: 3, serving: 4, ready: 1, averageHandleMs: 240_000 })).toBe(
      gammaMedian(2) * minute,
    );
    expect(estimateWaitMs({ position: 2, serving: 4, ready: 2, averageHandleMs: 240_000 })).toBe(0);
  });

  it('the Gamma median matches the exact values (scipy) within 0.01 %', () => {
    const exact: [number, number][] = [
      [1, Math.LN2],
      [2, 1.6783469900166612],
      [3, 2.674060313723559],
      [6, 5.67016118871207],
      [10, 9.668714614714128],
    ];
    for (const [k, median] of exact) expect(Math.abs(gammaMedian(k) / median - 1)).toBeLessThan(1e-4);
  });

  it('callers ahead who give up shorten the wait: 1 + (k − 1)(1 − a) operators must free up', () => {
    expect(
      estimateWaitMs({ position: 5, serving: 2, ready: 0, averageHandleMs: 100_000, abandonShare: 0.25 }),
    ).toBe(gammaMedian(4) * 50_000);
    expect(
      estimateWaitMs({ position: 1, serving: 2, ready: 0, averageHandleMs: 100_000, abandonShare: 0.9 }),
    ).toBe(Math.LN2 * 50_000);
    const share = new AbandonShare(0.5);
    share.observe(true);
    share.observe(false);
    expect(share.share).toBe(0.25);
  });

  it('with nobody serving, estimates as if one operator were coming', () => {
    expect(estimateWaitMs({ position: 2, serving: 0, ready: 0, averageHandleMs: 90_000 })).toBe(
      gammaMedian(2) * 90_000,
    );
  });

  it('averages handle times weighted by e^(−age / 1 h); the first real call replaces the guess', () => {
    const aht = new HandleTimeAverage(180_000);
    expect(aht.averageMs).toBe(180_000);
    aht.observe(100_000, 0);
    expect(aht.averageMs).toBe(100_000);
    aht.observe(200_000, 0);
    expect(aht.averageMs).toBe(150_000);
    // An hour later the two old calls weigh 1/e each.
    aht.observe(400_000, 3_600_000);
    const fade = Math.exp(-1);
    expect(aht.averageMs).toBeCloseTo((300_000 * fade + 400_000) / (2 * fade + 1), 6);
    aht.observe(Number.NaN, 3_600_000);
    expect(aht.count).toBe(3);
  });

  it('measures its own error: mean absolute, signed, and relative to the mean wait', () => {
    const accuracy = new EwtAccuracy();
    accuracy.record(60_000, 50_000);
    accuracy.record(60_000, 90_000);
    expect(accuracy.stats()).toEqual({
      samples: 2,
      meanAbsoluteErrorMs: 20_000,
      meanErrorMs: -10_000,
      meanActualMs: 70_000,
      meanEstimateMs: 60_000,
      relativeError: 20_000 / 70_000,
    });
  });

  it('in the core: estimates from the queue, records the first estimate against the actual wait', async () => {
    const t = tenant([{ name: 'q', wrapUpMs: 0 }]);
    for (const id of ['a', 'b']) {
      t.core.upsertOperator({ id, queues: ['q'] });
      t.core.logIn(id, id, `PJSIP/${id}`);
      t.core.setState(id, 'Ready');
    }
    // Two callers take both operators; the AHT starts from the 180 s guess.
    t.core.arrive({ callId: 'x', queue: 'q' });
    t.core.arrive({ callId: 'y', queue: 'q' });
    t.core.offerAnswered('x');
    t.core.offerAnswered('y');
    const third = t.core.arrive({ callId: 'z', queue: 'q' });
    expect(third).toMatchObject({ position: 1, estimateMs: Math.LN2 * 90_000 });
    t.core.arrive({ callId: 'w', queue: 'q' });
    expect(t.core.waitEstimate('w')).toEqual({ position: 2, estimateMs: gammaMedian(2) * 90_000 });
    await t.clock.advance(120_000);
    const offers = t.core.callEnded('x')!.offers;
    expect(offers.map((o) => o.callId)).toEqual(['z']);
    t.core.offerAnswered('z');
    // One finished call of 120 s: the average follows it.
    expect(t.core.waitEstimate('w')).toEqual({ position: 1, estimateMs: Math.LN2 * 60_000 });
    expect(t.core.snapshot('q').ewt).toMatchObject({
      samples: 1,
      meanAbsoluteErrorMs: 120_000 - Math.LN2 * 90_000,
      meanActualMs: 120_000,
    });
  });

  it('counts an operator shared with another busy queue as half a server', () => {
    const t = tenant([{ name: 'a' }, { name: 'b' }]);
    t.core.upsertOperator({ id: 'shared', queues: ['a', 'b'] });
    t.core.logIn('shared', '1', 'PJSIP/1');
    t.core.setState('shared', 'Break');
    t.core.upsertOperator({ id: 'own', queues: ['a'] });
    t.core.logIn('own', '2', 'PJSIP/2');
    t.core.setState('own', 'Ready');
    t.core.arrive({ callId: 'busy-own', queue: 'a' });
    t.core.offerAnswered('busy-own');
    t.core.setState('shared', 'Ready');
    t.core.arrive({ callId: 'busy-shared', queue: 'b' });
    t.core.offerAnswered('busy-shared');
    t.core.arrive({ callId: 'waits-in-b', queue: 'b' });
    // Queue a: `own` (1) + `shared`, whose queues a and b both have callers waiting (1/2).
    expect(t.core.arrive({ callId: 'x', queue: 'a' }).estimateMs).toBe((Math.LN2 * 180_000) / 1.5);
  });
});
