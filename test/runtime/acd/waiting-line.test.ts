import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WaitingLine } from '../../../runtime/acd/waiting-line.ts';

const entry = (callId: string, priority: number, seq: number) => ({ callId, priority, seq });

describe('waiting line', () => {
  it('orders by priority (high first), then by arrival', () => {
    const line = new WaitingLine();
    line.add(entry('a', 0, 1));
    line.add(entry('b', 5, 2));
    line.add(entry('c', 0, 3));
    line.add(entry('d', 5, 4));
    line.add(entry('e', -1, 5));
    expect([...line.inOrder()].map((e) => e.callId)).toEqual(['b', 'd', 'a', 'c', 'e']);
    expect(line.position('a')).toBe(3);
    expect(line.position('e')).toBe(5);
    expect(line.position('zz')).toBeNull();
  });

  it('a caller put back with its old arrival number returns to its old place', () => {
    const line = new WaitingLine();
    for (const [id, seq] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ] as const)
      line.add(entry(id, 0, seq));
    const a = line.remove('a')!;
    line.add(entry('d', 0, 4));
    line.add(a);
    expect([...line.inOrder()].map((e) => e.callId)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('first() finds the first caller a predicate accepts (an operator’s skills)', () => {
    const line = new WaitingLine<{ callId: string; priority: number; seq: number; en: boolean }>();
    line.add({ callId: 'ru', priority: 0, seq: 1, en: false });
    line.add({ callId: 'en', priority: 0, seq: 2, en: true });
    expect(line.first((e) => e.en)?.callId).toBe('en');
    expect(line.first()?.callId).toBe('ru');
  });

  it('refuses the same call twice', () => {
    const line = new WaitingLine();
    line.add(entry('a', 0, 1));
    expect(() => line.add(entry('a', 0, 2))).toThrow(/already waiting/);
  });

  it('always equals a sort by (priority desc, seq), whatever is added and removed', () => {
    const op = fc.oneof(
      fc.record({ add: fc.constant(true), priority: fc.integer({ min: -2, max: 2 }) }),
      fc.record({ add: fc.constant(false), index: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const line = new WaitingLine();
        const model: Array<{ callId: string; priority: number; seq: number }> = [];
        let seq = 0;
        for (const o of ops) {
          if (o.add) {
            const e = entry(`c${++seq}`, o.priority, seq);
            line.add(e);
            model.push(e);
          } else if (model.length > 0) {
            const [gone] = model.splice(o.index % model.length, 1);
            expect(line.remove(gone.callId)).toBe(gone);
          }
        }
        const sorted = [...model].sort((x, y) => y.priority - x.priority || x.seq - y.seq);
        expect([...line.inOrder()]).toEqual(sorted);
        expect(sorted.map((e) => line.position(e.callId))).toEqual(sorted.map((_, i) => i + 1));
        expect(line.size).toBe(model.length);
      }),
      { numRuns: 200 },
    );
  });
});
