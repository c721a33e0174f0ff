import { describe, expect, it } from 'vitest';
import { readyOperators, route, serve, type Tenant, tenant } from './fixtures.ts';

const three = [
  { id: 'a', queues: ['q'] },
  { id: 'b', queues: ['q'] },
  { id: 'c', queues: ['q'] },
];

/** Routes `n` calls one after another, each served at once (no wrap-up), and lists the operators. */
async function sequence(t: Tenant, n: number): Promise<string[]> {
  const chosen: string[] = [];
  for (let i = 0; i < n; i++) {
    const op = route(t, `call-${i}`, 'q');
    chosen.push(op ?? '-');
    if (op) await serve(t, `call-${i}`, 1_000);
  }
  return chosen;
}

describe('routing strategies', () => {
  it('ordered: always the first free member in member order, however long others idled', async () => {
    const t = tenant([{ name: 'q', strategy: 'ordered', wrapUpMs: 0 }]);
    t.core.upsertOperator({ id: 'a', queues: [{ queue: 'q', order: 2 }] });
    t.core.upsertOperator({ id: 'b', queues: [{ queue: 'q', order: 1 }] });
    t.core.upsertOperator({ id: 'c', queues: [{ queue: 'q', order: 3 }] });
    for (const [id, ext] of [
      ['c', '1'],
      ['a', '2'],
      ['b', '3'],
    ]) {
      t.core.logIn(id, ext, `PJSIP/${ext}`);
      t.core.setState(id, 'Ready');
      await t.clock.advance(1_000);
    }
    expect(route(t, 'x', 'q')).toBe('b');
    expect(route(t, 'y', 'q')).toBe('a');
    expect(route(t, 'z', 'q')).toBe('c');
  });

  it('round-robin: the member after the last one chosen, wrapping around', async () => {
    const t = tenant([{ name: 'q', strategy: 'round-robin', wrapUpMs: 0 }]);
    readyOperators(t, three);
    expect(await sequence(t, 7)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
  });

  it('round-robin remembers a place, so a member missing this turn is skipped, not restarted', async () => {
    const t = tenant([{ name: 'q', strategy: 'round-robin', wrapUpMs: 0 }]);
    readyOperators(t, three);
    expect(await sequence(t, 1)).toEqual(['a']);
    t.core.setState('b', 'Break');
    expect(route(t, 'n1', 'q')).toBe('c');
    await serve(t, 'n1', 10);
    t.core.setState('b', 'Ready');
    expect(route(t, 'n2', 'q')).toBe('a');
  });

  it('longest-idle: the operator available longest', async () => {
    const t = tenant([{ name: 'q', strategy: 'longest-idle', wrapUpMs: 0 }]);
    for (const [id, ext] of [
      ['c', '1'],
      ['a', '2'],
      ['b', '3'],
    ]) {
      t.core.upsertOperator({ id, queues: ['q'] });
      t.core.logIn(id, ext, `PJSIP/${ext}`);
      t.core.setState(id, 'Ready');
      await t.clock.advance(1_000);
    }
    expect(route(t, 'x', 'q')).toBe('c');
    await serve(t, 'x', 500);
    // c is free again, but now the most recently available.
    expect(route(t, 'y', 'q')).toBe('a');
    expect(route(t, 'z', 'q')).toBe('b');
    expect(route(t, 'w', 'q')).toBe('c');
  });

  it('fewest-calls: the operator who answered the fewest calls since log-in', async () => {
    const t = tenant([
      { name: 'q', strategy: 'longest-idle', wrapUpMs: 0 },
      { name: 'f', strategy: 'fewest-calls' },
    ]);
    readyOperators(t, [
      { id: 'a', queues: ['q', 'f'] },
      { id: 'b', queues: ['q', 'f'] },
      { id: 'c', queues: ['q', 'f'] },
    ]);
    // Through the longest-idle queue: a takes 2 calls, b 1, c 0 ... then c is made least idle.
    for (const id of ['1', '2', '3', '4']) {
      const op = route(t, id, 'q');
      if (op === 'c') t.core.offerFailed(id, 'busy');
      else await serve(t, id, 1_000);
    }
    t.core.setState('c', 'Ready');
    expect(route(t, 'x', 'f')).toBe('c');
    expect(route(t, 'y', 'f')).toBe('b');
  });

  it('least-talk-time: the operator with the least talk time since log-in', async () => {
    const t = tenant([{ name: 'q', strategy: 'least-talk-time', wrapUpMs: 0 }]);
    readyOperators(t, three);
    const talk: Record<string, number> = { a: 300_000, b: 60_000, c: 120_000 };
    for (const id of ['1', '2', '3']) {
      const op = route(t, id, 'q')!;
      await serve(t, id, talk[op]);
    }
    // a talked 300 s, b 60 s, c 120 s: b, then c, then a.
    expect(route(t, 'x', 'q')).toBe('b');
    expect(route(t, 'y', 'q')).toBe('c');
    expect(route(t, 'z', 'q')).toBe('a');
  });

  it('random: spreads calls evenly and repeats exactly with the same seed', async () => {
    const run = async (seed: number) => {
      const t = tenant([{ name: 'q', strategy: 'random', wrapUpMs: 0 }], { seed });
      readyOperators(t, three);
      return sequence(t, 300);
    };
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect(await run(7)).not.toEqual(first);
    for (const id of ['a', 'b', 'c']) {
      const share = first.filter((o) => o === id).length;
      expect(share).toBeGreaterThan(70);
      expect(share).toBeLessThan(130);
    }
  });

  it('skills-weighted: the highest sum of levels in the skills the call needs; skill-less operators never', () => {
    const t = tenant([{ name: 'q', strategy: 'skills-weighted', skills: ['internet'] }]);
    readyOperators(t, [
      { id: 'novice', skills: { internet: 2, ru: 5 }, queues: ['q'] },
      { id: 'expert', skills: { internet: 9, ru: 1 }, queues: ['q'] },
      { id: 'no-internet', skills: { ru: 10, tv: 10 }, queues: ['q'] },
      { id: 'balanced', skills: { internet: 6, ru: 6 }, queues: ['q'] },
    ]);
    expect(route(t, 'x', 'q', { skills: ['ru'] })).toBe('balanced');
    expect(route(t, 'y', 'q')).toBe('expert');
    expect(route(t, 'z', 'q', { skills: ['ru'] })).toBe('novice');
    expect(route(t, 'w', 'q', { skills: ['ru'] })).toBeNull();
  });

  it('skills-weighted without skills goes by the level in the queue', () => {
    const t = tenant([{ name: 'q', strategy: 'skills-weighted' }]);
    readyOperators(t, [
      { id: 'a', queues: [{ queue: 'q', level: 3 }] },
      { id: 'b', queues: [{ queue: 'q', level: 8 }] },
    ]);
    expect(route(t, 'x', 'q')).toBe('b');
    expect(route(t, 'y', 'q')).toBe('a');
  });
});
