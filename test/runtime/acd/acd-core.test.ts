import { describe, expect, it } from 'vitest';
import type { AcdEvent } from '../../../runtime/acd/acd-core.ts';
import { readyOperators, route, serve, tenant } from './fixtures.ts';

describe('routing core: waiting callers', () => {
  it('serves higher priority first, then first come first served', () => {
    const t = tenant([{ name: 'q', wrapUpMs: 0 }]);
    t.core.upsertOperator({ id: 'op', queues: ['q'] });
    t.core.logIn('op', '1001', 'PJSIP/1001');
    const positions = [
      t.core.arrive({ callId: 'c1', queue: 'q' }).position,
      t.core.arrive({ callId: 'c2', queue: 'q' }).position,
      t.core.arrive({ callId: 'vip1', queue: 'q', priority: 10 }).position,
      t.core.arrive({ callId: 'c3', queue: 'q' }).position,
      t.core.arrive({ callId: 'vip2', queue: 'q', priority: 10 }).position,
    ];
    expect(positions).toEqual([1, 2, 1, 4, 2]);
    expect(t.core.position('c1')).toBe(3);
    const served: string[] = [];
    let offers = t.core.setState('op', 'Ready');
    while (offers.length > 0) {
      const callId = offers[0].callId;
      served.push(callId);
      t.core.offerAnswered(callId);
      offers = t.core.callEnded(callId)!.offers;
    }
    expect(served).toEqual(['vip1', 'vip2', 'c1', 'c2', 'c3']);
  });

  it('a caller joining at the head (a failed transfer coming back) goes before its priority level', () => {
    const t = tenant([{ name: 'q' }]);
    t.core.arrive({ callId: 'vip', queue: 'q', priority: 5 });
    t.core.arrive({ callId: 'a', queue: 'q' });
    t.core.arrive({ callId: 'back', queue: 'q', atHead: true });
    expect(['vip', 'a', 'back'].map((id) => t.core.position(id))).toEqual([1, 3, 2]);
  });

  it('an operator of several queues gets the longest-waiting caller of them all', async () => {
    const t = tenant([{ name: 'sales' }, { name: 'support' }]);
    t.core.upsertOperator({ id: 'op', queues: ['sales', 'support'] });
    t.core.logIn('op', '1001', 'PJSIP/1001');
    t.core.arrive({ callId: 'support-1', queue: 'support' });
    await t.clock.advance(5_000);
    t.core.arrive({ callId: 'sales-1', queue: 'sales' });
    expect(t.core.setState('op', 'Ready').map((o) => [o.callId, o.queue])).toEqual([
      ['support-1', 'support'],
    ]);
  });

  it('a caller needing a skill waits for an operator who has it; others behind it are served meanwhile', () => {
    const t = tenant([{ name: 'q', wrapUpMs: 0 }]);
    readyOperators(t, [{ id: 'ru-only', skills: { ru: 5 }, queues: ['q'] }]);
    expect(route(t, 'needs-en', 'q', { skills: ['en'] })).toBeNull();
    expect(route(t, 'plain', 'q')).toBe('ru-only');
    t.core.upsertOperator({ id: 'en', skills: { en: 3 }, queues: ['q'] });
    t.core.logIn('en', '1002', 'PJSIP/1002');
    expect(t.core.setState('en', 'Ready').map((o) => o.callId)).toEqual(['needs-en']);
  });

  it('queue skills apply to every caller of the queue', () => {
    const t = tenant([{ name: 'tech', skills: ['internet'] }]);
    readyOperators(t, [
      { id: 'sales-person', queues: ['tech'] },
      { id: 'engineer', skills: { internet: 1 }, queues: ['tech'] },
    ]);
    expect(route(t, 'x', 'tech')).toBe('engineer');
    expect(route(t, 'y', 'tech')).toBeNull();
  });

  it('a caller who hangs up while waiting is removed and logged abandoned; no operator is offered it', () => {
    const t = tenant([{ name: 'q' }]);
    t.core.upsertOperator({ id: 'op', queues: ['q'] });
    t.core.logIn('op', '1001', 'PJSIP/1001');
    const events: AcdEvent[] = [];
    t.core.onEvent((e) => events.push(e));
    t.core.arrive({ callId: 'gone', queue: 'q' });
    t.core.arrive({ callId: 'stays', queue: 'q' });
    expect(t.core.leave('gone', 'abandoned')?.callId).toBe('gone');
    expect(t.core.position('stays')).toBe(1);
    expect(t.core.setState('op', 'Ready').map((o) => o.callId)).toEqual(['stays']);
    expect(t.core.snapshot('q').counters).toMatchObject({ joined: 2, abandoned: 1 });
    expect(
      events.filter((e) => e.type === 'caller-left').map((e) => [e.callId, (e as { reason: string }).reason]),
    ).toEqual([['gone', 'abandoned']]);
  });

  it('a caller who hangs up while the operator rings frees the operator at once', () => {
    const t = tenant([{ name: 'q' }]);
    readyOperators(t, [{ id: 'op', queues: ['q'] }]);
    expect(route(t, 'x', 'q')).toBe('op');
    expect(t.core.leave('x', 'abandoned')).toBeNull();
    t.core.offerCancelled('x');
    expect(t.core.operators.get('op')).toMatchObject({ state: 'Ready', callId: null });
    expect(t.core.snapshot('q').counters.abandoned).toBe(1);
  });
});

describe('routing core: offers', () => {
  it('ring no answer: the caller goes back to the head, the operator to NotReady (ring-no-answer)', () => {
    const t = tenant([{ name: 'q' }]);
    readyOperators(t, [{ id: 'sleepy', queues: ['q'] }]);
    expect(route(t, 'first', 'q')).toBe('sleepy');
    t.core.arrive({ callId: 'second', queue: 'q' });
    t.core.arrive({ callId: 'third', queue: 'q' });
    expect(t.core.offerFailed('first', 'no-answer')).toEqual([]);
    expect(t.core.position('first')).toBe(1);
    expect(t.core.operators.get('sleepy')).toMatchObject({ state: 'NotReady', reason: 'ring-no-answer' });
    expect(t.log.forOperator('sleepy').at(-1)).toMatchObject({
      from: 'Busy',
      to: 'NotReady',
      reason: 'ring-no-answer',
      callId: 'first',
    });
    // The next operator to become ready gets the same caller first.
    t.core.upsertOperator({ id: 'awake', queues: ['q'] });
    t.core.logIn('awake', '1002', 'PJSIP/1002');
    expect(t.core.setState('awake', 'Ready')[0].callId).toBe('first');
    expect(t.core.snapshot('q').counters.ringNoAnswer).toBe(1);
  });

  it('after a ring-no-answer the caller is offered to another ready operator at once', () => {
    const t = tenant([{ name: 'q', strategy: 'ordered' }]);
    readyOperators(t, [
      { id: 'a', queues: ['q'] },
      { id: 'b', queues: ['q'] },
    ]);
    expect(route(t, 'x', 'q')).toBe('a');
    expect(t.core.offerFailed('x', 'no-answer').map((o) => o.operatorId)).toEqual(['b']);
  });

  it('wrap-up: the queue’s time in WrapUp («Работаю»), then Ready and the next caller', async () => {
    const t = tenant([{ name: 'q', wrapUpMs: 45_000 }]);
    readyOperators(t, [{ id: 'op', queues: ['q'] }]);
    route(t, 'x', 'q');
    t.core.arrive({ callId: 'y', queue: 'q' });
    const ended = await serve(t, 'x', 120_000);
    expect(ended).toMatchObject({ operatorId: 'op', wrapUpMs: 45_000, offers: [] });
    expect(t.core.operators.get('op')?.state).toBe('WrapUp');
    await t.clock.advance(45_000);
    expect(t.core.wrapUpEnded('op', 'x').map((o) => o.callId)).toEqual(['y']);
    expect(t.log.forOperator('op').map((c) => `${c.from}>${c.to}:${c.reason}@${c.at}`)).toEqual([
      'LoggedOut>NotReady:log-in@0',
      'NotReady>Ready:operator@0',
      'Ready>Busy:offered@0',
      'Busy>WrapUp:q@120000',
      'WrapUp>Ready:wrap-up-done@165000',
      'Ready>Busy:offered@165000',
    ]);
    // The handle time (talk + wrap-up) feeds the queue's average.
    expect(t.core.snapshot('q').averageHandleMs).toBe(165_000);
  });

  it('a stale wrap-up timer does not cut a later call’s wrap-up short', async () => {
    const t = tenant([{ name: 'q', wrapUpMs: 10_000 }]);
    readyOperators(t, [{ id: 'op', queues: ['q'] }]);
    route(t, 'x', 'q');
    await serve(t, 'x', 1_000);
    t.core.setState('op', 'Ready');
    route(t, 'y', 'q');
    await serve(t, 'y', 1_000);
    expect(t.core.wrapUpEnded('op', 'x')).toEqual([]);
    expect(t.core.operators.get('op')?.state).toBe('WrapUp');
  });

  it('a state chosen during a call is taken after its wrap-up; one chosen in wrap-up ends it', async () => {
    const t = tenant([{ name: 'q', wrapUpMs: 30_000 }]);
    readyOperators(t, [{ id: 'op', queues: ['q'] }]);
    route(t, 'x', 'q');
    t.core.offerAnswered('x');
    expect(t.core.setState('op', 'Lunch')).toEqual([]);
    expect(t.core.operators.get('op')?.state).toBe('Busy');
    t.core.callEnded('x');
    t.core.arrive({ callId: 'y', queue: 'q' });
    expect(t.core.wrapUpEnded('op', 'x')).toEqual([]);
    expect(t.core.operators.get('op')?.state).toBe('Lunch');
    expect(t.core.setState('op', 'Ready').map((o) => o.callId)).toEqual(['y']);
    t.core.offerAnswered('y');
    t.core.callEnded('y');
    expect(t.core.setState('op', 'Break')).toEqual([]);
    expect(t.core.operators.get('op')).toMatchObject({ state: 'Break', callId: null });
  });

  it('logging out during a call happens after it', async () => {
    const t = tenant([{ name: 'q', wrapUpMs: 5_000 }]);
    readyOperators(t, [{ id: 'op', queues: ['q'] }]);
    route(t, 'x', 'q');
    await serve(t, 'x', 1_000);
    t.core.logOut('op');
    expect(t.core.operators.get('op')?.state).toBe('WrapUp');
    t.core.wrapUpEnded('op', 'x');
    expect(t.core.operators.get('op')).toMatchObject({ state: 'LoggedOut', extension: null });
  });
});

describe('routing core: operator states', () => {
  const states = [
    { name: 'Overtime', takesCalls: true, title: { ru: 'Сверхурочно' } },
    { name: 'Training', takesCalls: false },
  ];

  it.each([
    ['Ready', true],
    ['NotReady', false],
    ['Lunch', false],
    ['Break', false],
    ['Overtime', true],
    ['Training', false],
  ])('%s takes calls: %s', (state, takes) => {
    const t = tenant([{ name: 'q' }], { states });
    t.core.upsertOperator({ id: 'op', queues: ['q'] });
    t.core.logIn('op', '1001', 'PJSIP/1001');
    t.core.setState('op', state);
    expect(route(t, 'x', 'q')).toBe(takes ? 'op' : null);
  });

  it('a logged-out operator, and one who just logged in (NotReady), takes no calls', () => {
    const t = tenant([{ name: 'q' }]);
    t.core.upsertOperator({ id: 'op', queues: ['q'] });
    expect(route(t, 'x', 'q')).toBeNull();
    t.core.logIn('op', '1001', 'PJSIP/1001');
    expect(t.core.operators.get('op')?.state).toBe('NotReady');
    expect(route(t, 'y', 'q')).toBeNull();
  });

  it.each(['Busy', 'WrapUp', 'LoggedOut'])('%s is set by the system only', (state) => {
    const t = tenant([{ name: 'q' }]);
    readyOperators(t, [{ id: 'op', queues: ['q'] }]);
    expect(() => t.core.setState('op', state)).toThrow(/set by the system/);
  });

  it('refuses unknown states, unknown operators, and states before log-in', () => {
    const t = tenant([{ name: 'q' }]);
    t.core.upsertOperator({ id: 'op', queues: ['q'] });
    expect(() => t.core.setState('op', 'Ready')).toThrow(/not logged in/);
    t.core.logIn('op', '1001', 'PJSIP/1001');
    expect(() => t.core.setState('op', 'Sleeping')).toThrow(/unknown operator state/);
    expect(() => t.core.setState('ghost', 'Ready')).toThrow(/no operator 'ghost'/);
  });

  it('the extension belongs to the log-in: one operator per workplace, any workplace per operator', () => {
    const t = tenant([{ name: 'q' }]);
    t.core.upsertOperator({ id: 'anna', queues: ['q'] });
    t.core.upsertOperator({ id: 'boris', queues: ['q'] });
    t.core.logIn('anna', '1001', 'PJSIP/1001');
    expect(() => t.core.logIn('boris', '1001', 'PJSIP/1001')).toThrow(/in use by operator 'anna'/);
    t.core.logOut('anna');
    t.core.logIn('boris', '1001', 'PJSIP/1001');
    t.core.logIn('anna', '2002', 'Local/2002@operators');
    t.core.setState('anna', 'Ready');
    expect(t.core.arrive({ callId: 'x', queue: 'q' }).offers[0]).toMatchObject({
      operatorId: 'anna',
      endpoint: 'Local/2002@operators',
    });
  });

  it('logs every change with from, to, reason and time, enough for a time-in-state report', async () => {
    const t = tenant([{ name: 'q' }]);
    t.core.upsertOperator({ id: 'op', queues: ['q'] });
    t.core.logIn('op', '1001', 'PJSIP/1001');
    await t.clock.advance(60_000);
    t.core.setState('op', 'Ready');
    await t.clock.advance(600_000);
    t.core.setState('op', 'Lunch', 'lunch break');
    await t.clock.advance(1_800_000);
    t.core.logOut('op', 'end of shift');
    expect(t.log.forOperator('op').at(-2)).toEqual({
      tenant: 'abc',
      operatorId: 'op',
      from: 'Ready',
      to: 'Lunch',
      reason: 'lunch break',
      callId: null,
      at: 660_000,
    });
    expect(t.log.timeInStates('op', 0, 3_000_000)).toEqual({
      NotReady: 60_000,
      Ready: 600_000,
      Lunch: 1_800_000,
      LoggedOut: 540_000,
    });
  });

  it('announces state changes as events (for the API and WebSocket)', () => {
    const t = tenant([{ name: 'q' }]);
    const events: AcdEvent[] = [];
    t.core.onEvent((e) => events.push(e));
    readyOperators(t, [{ id: 'op', queues: ['q'] }]);
    expect(events.map((e) => (e.type === 'operator-state' ? `${e.operatorId}:${e.to}` : e.type))).toEqual([
      'op:NotReady',
      'op:Ready',
    ]);
  });
});
