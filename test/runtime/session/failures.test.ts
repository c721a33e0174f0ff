import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.ts';

const JS = `flow "J"
  answers "300"
  language en
  ask mode = digits 1..1 timeout 5s
    prompt "Mode?"
  if mode == "1"
    js {
      while (true) {}
    }
  if mode == "2"
    let x = js { null.boom }
    say "x {x}"
  say "Done."
  hangup
`;

const WITH_FALLBACK = `flow "F"
  answers "301"
  language en
  fallback -> queue "general"
  let x = js { undefined.boom }
  say "never"
  hangup
`;

describe('script failures', () => {
  it('an endless loop in one call goes to its fallback; another call on the same sandbox completes', async () => {
    const h = await startHarness(JS);
    const bad = await h.call('+380501111111', '300');
    const good = await h.call('+380502222222', '300');
    await h.enter(good, '3');
    await h.enter(bad, '1');
    const badRecord = await h.untilEnded(bad.callId);
    const goodRecord = await h.untilEnded(good.callId);

    expect(goodRecord).toMatchObject({ outcome: 'completed', errors: [] });
    expect(h.heard(good.callId).at(-1)).toBe('Done.');
    // QuickJS places an interrupt in an empty loop at its function's start: the `js` block, line 7.
    expect(badRecord.errors).toMatchObject([{ kind: 'timeout', line: 7 }]);
    expect(h.heard(bad.callId).at(-1)).toBe('Sorry, a technical error occurred. Please call again later.');
    expect(badRecord.outcome).toBe('completed');
    const logged = h.logger.lines.find((l) => l.includes('taking the fallback'))!;
    expect(JSON.parse(logged)).toMatchObject({ kind: 'timeout', line: 7, callId: bad.callId });
  });

  it('an exception in a js expression is logged with its DSL line', async () => {
    const h = await startHarness(JS);
    const call = await h.call('+380501111111', '300');
    await h.enter(call, '2');
    const record = await h.untilEnded(call.callId);
    expect(record.errors).toHaveLength(1);
    expect(record.errors[0]).toMatchObject({ kind: 'threw', line: 11 });
    expect(record.errors[0].message).toMatch(/TypeError/);
    const failures = h.eventsOf(call.callId).filter((e) => e.type === 'error');
    expect(failures).toMatchObject([{ kind: 'threw', line: 11 }]);
  });

  it("the flow's own fallback clause is taken", async () => {
    const h = await startHarness(WITH_FALLBACK, { queues: {} });
    const call = await h.call('+380501111111', '301');
    const record = await h.untilEnded(call.callId);
    expect(record.errors).toMatchObject([{ kind: 'threw', line: 5 }]);
    expect(record.queue).toEqual({ name: 'general', waitMs: 0, result: 'no-operators' });
    expect(h.heard(call.callId)).not.toContain('never');
  });

  it('a value that cannot be spoken fails the command, with the line of the statement', async () => {
    const flow = `flow "N"
  answers "302"
  language en
  let n = toNumber("abc")
  say "{number(n)}"
  hangup
`;
    const h = await startHarness(flow);
    const call = await h.call('+380501111111', '302');
    const record = await h.untilEnded(call.callId);
    expect(record.errors.length).toBeGreaterThan(0);
    expect(record.errors[0].line).toBe(5);
  });
});
