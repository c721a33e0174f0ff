import { describe, expect, it } from 'vitest';
import { parse } from '../../../language/parse.ts';
import type { SimEvent } from '../../../studio/web/src/api/types.ts';
import { askTargets } from '../../../studio/web/src/simulator/ask-targets.ts';
import {
  applyEvents,
  shownVariables,
  startedCall,
  typedVariables,
} from '../../../studio/web/src/simulator/call-state.ts';
import { flowClockText } from '../../../studio/web/src/simulator/time-of-day.ts';

const ev = (type: string, fields: Record<string, unknown> = {}, at = 1): SimEvent => ({
  at,
  type,
  ...fields,
});

const balanceCall: SimEvent[] = [
  ev('placed', { channelId: 'c1' }),
  ev('call-started', { flowName: 'Support', version: 3 }),
  ev('step', { line: 9, command: 'say' }),
  ev('prompt', { text: 'Добрый день', audio: [{ id: 'a1', url: '/api/prompts/a1.wav' }] }),
  ev('step', { line: 30, command: 'collect' }),
  ev('waiting', { for: 'keys' }),
  ev('keys', { keys: '123456#', result: 'digits' }),
  ev('step', { line: 33, command: 'collect' }),
  ev('keys', { keys: '••••#', result: 'digits' }),
  ev('queue', { queue: 'general', event: 'joined', position: 2, ewtMinutes: 3 }),
  ev('step', { line: 41, command: 'say' }),
  ev('prompt', { text: 'На вашем личном счету 50 гривен.', audio: [] }),
  ev('end', { outcome: 'completed' }),
];

describe('a simulated call folded from its events', () => {
  it('collects the transcript, the path lines, queue events and the outcome', () => {
    const call = applyEvents(startedCall('sim-1', 'ringing'), balanceCall);
    expect(call.status).toBe('ended');
    expect(call.flowName).toBe('Support');
    expect(call.version).toBe(3);
    expect(call.outcome).toBe('completed');
    expect(call.steps.map((s) => s.line)).toEqual([9, 30, 33, 41]);
    expect(call.currentLine).toBe(41);
    expect(
      call.transcript.filter((e) => e.kind === 'prompt').map((e) => e.kind === 'prompt' && e.text),
    ).toEqual(['Добрый день', 'На вашем личном счету 50 гривен.']);
    expect(call.queue).toEqual([
      { queue: 'general', event: 'joined', position: 2, ewtMinutes: 3, operator: null, outcome: null },
    ]);
  });

  it('never moves the status back when a late GET replays earlier events', () => {
    const live = applyEvents(startedCall('sim-1', 'ringing'), [
      ev('call-started', { flowName: 'Support', version: 3 }),
    ]);
    const replayed = applyEvents(live, [
      ev('placed', { channelId: 'c1' }),
      ev('call-started', { flowName: 'Support', version: 3 }),
    ]);
    expect(replayed.status).toBe('in-progress');
  });

  it('drops an event it has already seen (the socket and GET overlap)', () => {
    const once = applyEvents(startedCall('sim-1', 'ringing'), balanceCall.slice(0, 4));
    const twice = applyEvents(once, balanceCall.slice(2, 4));
    expect(twice.transcript).toHaveLength(1);
    expect(twice.steps).toHaveLength(1);
  });

  it('names what the caller typed by the ask on that line, secrets masked, terminator dropped', () => {
    const source = [
      'flow "t"',
      '  answers "1"',
      '  ask contract = digits 4..12 until "#"',
      '    prompt "contract"',
      '  ask secret pin = digits 4 until "#"',
      '    prompt "pin"',
      '  hangup',
    ].join('\n');
    const asks = askTargets(parse(source).document);
    expect(asks).toEqual([
      { line: 3, name: 'contract', secret: false, terminator: '#' },
      { line: 5, name: 'pin', secret: true, terminator: '#' },
    ]);
    const call = applyEvents(startedCall('s', 'in-progress'), [
      ev('step', { line: 3, command: 'collect' }),
      ev('keys', { keys: '123456#', result: 'digits' }),
      ev('step', { line: 5, command: 'collect' }),
      ev('keys', { keys: '••••#', result: 'digits' }),
    ]);
    expect(typedVariables(call, asks)).toEqual({ contract: '123456', pin: '••••' });
    expect(shownVariables(call, asks)).toEqual({ contract: '123456', pin: '••••' });
    const reported = applyEvents(call, [
      ev('step', {
        line: 40,
        command: 'say',
        vars: { contract: '123456', pin: '••••', account: { balance: 50 } },
      }),
    ]);
    expect(shownVariables(reported, asks)).toEqual({
      contract: '123456',
      pin: '••••',
      account: { balance: 50 },
    });
  });
});

describe('the time-of-day fields', () => {
  it('give the flow’s clock: a time today, a weekday at a time, or nothing for the real time', () => {
    expect(flowClockText('22:00', '')).toBe('22:00');
    expect(flowClockText('11:30', 'Sat')).toBe('Sat 11:30');
    expect(flowClockText('', 'Sun')).toBe('Sun 12:00');
    expect(flowClockText('', '')).toBeUndefined();
  });

  it('are carried by the call: placed on the draft, at 22:00', () => {
    const at = Date.parse('2026-01-05T20:00:00Z');
    expect(startedCall('s', 'ringing', { draft: true, clockAt: at })).toMatchObject({
      draft: true,
      clockAt: at,
    });
  });
});
