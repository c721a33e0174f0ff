import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../runtime/call-events.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { SUPPORT } from './flows.ts';

const T0 = Date.parse('2026-01-05T08:00:00Z');

const ASK = `flow "Collect"
  answers "100"
  language en

  ask code = digits 4..6 until "#" timeout 5s interdigit 3s matching "^[1-8]+$" retries 1
    prompt "Enter the code."
    after retries -> hangup
  ask extra = digits 1..1 timeout 5s retries 0
    prompt "One more key."
    after retries -> hangup
  say "Got {code} and {extra}."
  hangup
`;

/** Seconds after the call started at which each event of a kind happened. */
function times(h: Harness, callId: string, type: CallEvent['type']): number[] {
  return h.eventsOf(callId).flatMap((e) => (e.type === type ? [(e.at - T0) / 1000] : []));
}

function keys(h: Harness, callId: string) {
  return h
    .eventsOf(callId)
    .flatMap((e) => (e.type === 'keys' ? [`${e.keys}:${e.result}@${(e.at - T0) / 1000}`] : []));
}

describe('collect on the virtual clock', () => {
  it('barge-in: a key during the menu prompt stops it and is used by the menu', async () => {
    const h = await startHarness(SUPPORT);
    const call = await h.call();
    await h.clock.advanceTo(T0 + 3_000); // greeting 0-2 s, menu prompt from 2 s
    h.pbx.press(call.channelId, '3');
    await h.until(() => times(h, call.callId, 'prompt').length === 3);
    expect(h.pbx.actions.filter((a) => a.op === 'stopPlayback')).toHaveLength(1);
    expect(keys(h, call.callId)).toEqual(['3:digits@3']);
    // The balance step's first prompt starts right away, at 3 s.
    expect(times(h, call.callId, 'prompt')).toEqual([0, 2, 3]);
  });

  it('type-ahead: a key during a prompt without barge-in skips the menu prompt', async () => {
    const h = await startHarness(SUPPORT);
    const call = await h.call();
    await h.clock.advanceTo(T0 + 1_000);
    h.pbx.press(call.channelId, '3');
    await h.until(() => times(h, call.callId, 'prompt').length === 2);
    // The greeting plays to its end (2 s); the menu prompt is never played.
    expect(h.heard(call.callId)).toEqual([
      'Добрый день, компания «АВС Интернет», спасибо за звонок.',
      'Наберите номер договора и нажмите решётку.',
    ]);
    expect(keys(h, call.callId)).toEqual(['3:digits@2']);
    expect(h.pbx.actions.filter((a) => a.op === 'stopPlayback')).toHaveLength(0);
  });

  it('first-digit timeout: silence after the prompt re-prompts 5 s later, then follows after retries', async () => {
    const h = await startHarness(ASK);
    const call = await h.call('+380501234567', '100');
    const record = await h.untilEnded(call.callId);
    // prompt 0-2 s, timeout at 7 s, prompt again 7-9 s, timeout at 14 s -> after retries: hang up.
    expect(times(h, call.callId, 'prompt')).toEqual([0, 7]);
    expect(keys(h, call.callId)).toEqual([':timeout@7', ':timeout@14']);
    expect((Date.parse(record.endedAt) - T0) / 1000).toBe(14);
    expect(record.outcome).toBe('completed');
  });

  it('inter-digit timeout: too few digits then silence is invalid 3 s after the last key', async () => {
    const h = await startHarness(ASK);
    const call = await h.call('+380501234567', '100');
    await h.enter(call, '12');
    await h.until(() => times(h, call.callId, 'prompt').length === 2);
    expect(keys(h, call.callId)).toEqual(['12:invalid@5']);
    expect(times(h, call.callId, 'prompt')).toEqual([0, 5]);
  });

  it('inter-digit timeout: enough digits then silence are accepted without the terminator', async () => {
    const h = await startHarness(ASK);
    const call = await h.call('+380501234567', '100');
    await h.enter(call, '12345');
    await h.enter(call, '7');
    await h.untilEnded(call.callId);
    expect(keys(h, call.callId)).toEqual(['12345:digits@5', '7:digits@7']);
    expect(h.heard(call.callId).at(-1)).toBe('Got 12345 and 7.');
  });

  it('the terminator after the last allowed digit is taken; a further key is kept for the next question', async () => {
    const h = await startHarness(ASK);
    const call = await h.call('+380501234567', '100');
    await h.enter(call, '123456#9');
    await h.untilEnded(call.callId);
    expect(keys(h, call.callId)).toEqual(['123456#:digits@2', '9:digits@2']);
    // The second prompt was skipped: its answer was already typed.
    expect(h.heard(call.callId)).toEqual(['Enter the code.', 'Got 123456 and 9.']);
  });

  it('digits that do not match the pattern are invalid, checked by the host', async () => {
    const h = await startHarness(ASK);
    const call = await h.call('+380501234567', '100');
    await h.enter(call, '9999#');
    await h.until(() => keys(h, call.callId).length === 1);
    expect(keys(h, call.callId)).toEqual(['9999#:invalid@2']);
  });

  it('a key that is not a menu choice is invalid', async () => {
    const h = await startHarness(SUPPORT);
    const call = await h.call();
    await h.enter(call, '7');
    await h.until(() => times(h, call.callId, 'prompt').length === 3);
    expect(keys(h, call.callId)).toEqual(['7:invalid@4']);
    expect(h.heard(call.callId)[2]).toBe('Техподдержка — 1, баланс — 3.');
  });
});
