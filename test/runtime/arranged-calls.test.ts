/**
 * Calls the studio's simulator arranges (Runtime.arrangeCall): one call on a flow that is not
 * deployed, or with the flow's clock at another time of day, while every other call runs as usual;
 * and variables on `step` events only for the calls someone watches, secrets masked.
 */
import { describe, expect, it } from 'vitest';
import { SUPPORT } from './session/flows.ts';
import { compileFlow, startHarness } from './support/harness.ts';

const HOURS = `flow "Часы"
  answers "0800300400"
  language ru

  if now.hour >= 18
    say "Мы уже закрыты."
  else
    say "Мы работаем."
  hangup
`;

const HOUR_MS = 3_600_000;

// The harness's virtual clock starts at 2026-01-05T08:00Z: 10:00 in Kyiv (the default time zone).
describe('arranged calls', () => {
  it('runs one call at 22:00 on the flow’s clock while the next call keeps the real one', async () => {
    const h = await startHarness(HOURS);
    // The in-memory PBX numbers its channels caller-1, caller-2, …: the first call is caller-1.
    h.runtime.arrangeCall('caller-1', { flowTimeShiftMs: 12 * HOUR_MS });
    const evening = await h.call();
    const day = await h.call();
    await Promise.all([h.untilEnded(evening.callId), h.untilEnded(day.callId)]);
    expect(evening.channelId).toBe('caller-1');
    expect(h.heard(evening.callId)).toEqual(['Мы уже закрыты.']);
    expect(h.heard(day.callId)).toEqual(['Мы работаем.']);
  });

  it('runs one call on a flow no number routes to; others still reach the deployed one', async () => {
    const h = await startHarness(SUPPORT);
    const draft = await h.runtime.loadTrial(compileFlow(HOURS, h.workspace), h.workspace.tenant);
    h.runtime.arrangeCall('caller-1', { deployment: draft });
    const tried = await h.call();
    const usual = await h.call();
    expect(h.eventsOf(tried.callId).find((e) => e.type === 'call-started')).toMatchObject({
      flowName: 'Часы',
      version: 0,
    });
    await h.untilEnded(tried.callId);
    expect(h.heard(tried.callId)).toEqual(['Мы работаем.']);
    expect(h.heard(usual.callId)[0]).toMatch(/^Добрый день/);
    expect(h.runtime.activeFor('0800300400')?.name).toBe('Поддержка');
    expect(draft.calls).toBe(0);
  });

  it('drops an arrangement whose call never came, so a later call on that channel runs as usual', async () => {
    const h = await startHarness(HOURS);
    const cancel = h.runtime.arrangeCall('caller-1', { flowTimeShiftMs: 12 * HOUR_MS });
    cancel();
    const call = await h.call();
    await h.untilEnded(call.callId);
    expect(h.heard(call.callId)).toEqual(['Мы работаем.']);
  });

  it('puts the variables on the step events of watched calls only, the PIN as a mask', async () => {
    const h = await startHarness(SUPPORT);
    const watched = new Set<string>();
    const stop = h.runtime.events.watchVars((callId) => watched.has(callId));
    const a = await h.call();
    watched.add(a.callId);
    const b = await h.call();
    for (const call of [a, b]) {
      await h.enter(call, '3');
      await h.enter(call, '123456#');
      await h.enter(call, '7391#');
    }
    await Promise.all([h.untilEnded(a.callId), h.untilEnded(b.callId)]);
    stop();

    const steps = (callId: string) => h.eventsOf(callId).flatMap((e) => (e.type === 'step' ? [e] : []));
    const last = steps(a.callId).findLast((e) => e.vars !== undefined);
    expect(last?.vars).toMatchObject({
      contract: '123456',
      pin: '••••',
      account: { balance: 50, currency: 'UAH' },
    });
    expect(steps(b.callId).length).toBeGreaterThan(3);
    expect(steps(b.callId).every((e) => e.vars === undefined)).toBe(true);
    expect(JSON.stringify(h.events)).not.toContain('7391');
    expect(h.runtime.events.wantsVars(a.callId)).toBe(false);
  });
});
