/**
 * The dialer's decision, pure: a campaign and its numbers in, which numbers to dial, when to look
 * again and whether it is done out.
 */
import { describe, expect, it } from 'vitest';
import {
  type Campaign,
  type CampaignNumber,
  freshNumber,
  type NumberState,
} from '../../../runtime/dialer/campaign.ts';
import { nextDials } from '../../../runtime/dialer/next-dials.ts';

const NOW = Date.parse('2026-03-02T10:00:00Z'); // 12:00 in Kyiv

function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 'c1',
    tenant: 't',
    name: 'Опрос',
    survey: { flowName: 'Опрос', versionId: 'v1', version: 1 },
    mode: 'automated',
    queue: null,
    status: 'running',
    startAt: null,
    window: null,
    timezone: 'Europe/Kyiv',
    pacing: { maxConcurrent: 2, ratio: 1 },
    retry: { retries: 2, intervalMs: 600_000 },
    ringTimeoutSec: 30,
    callerId: null,
    dialTemplate: null,
    ...overrides,
  };
}

function numbers(...states: (NumberState | [NumberState, Partial<CampaignNumber>])[]): CampaignNumber[] {
  return states.map((s, i) => {
    const [state, extra] = Array.isArray(s) ? s : [s, {}];
    return { ...freshNumber('c1', `n${i + 1}`, i + 1, `05000000${i + 1}`, null), state, ...extra };
  });
}

const ids = (list: CampaignNumber[]) => list.map((n) => n.id);
const noOperators = { readyOperators: 0 };

describe('nextDials: pacing', () => {
  it('automated: dials pending numbers in list order up to the concurrency limit', () => {
    const d = nextDials(campaign(), numbers('pending', 'pending', 'pending'), noOperators, NOW);
    expect(ids(d.dial)).toEqual(['n1', 'n2']);
    expect(d).toMatchObject({ done: false, waiting: 'pacing', wakeAt: null });
  });

  it('counts calls ringing and answered against the limit', () => {
    const list = numbers('dialing', 'answered', 'pending');
    expect(nextDials(campaign(), list, noOperators, NOW)).toMatchObject({ dial: [], waiting: 'pacing' });
    const wider = nextDials(campaign({ pacing: { maxConcurrent: 3, ratio: 1 } }), list, noOperators, NOW);
    expect(ids(wider.dial)).toEqual(['n3']);
  });

  it('operator mode: never more calls being set up than Ready operators × ratio', () => {
    const c = campaign({ mode: 'operator', queue: 'survey-team', pacing: { maxConcurrent: 10, ratio: 1 } });
    const list = numbers('pending', 'pending', 'pending', 'pending');
    expect(ids(nextDials(c, list, { readyOperators: 2 }, NOW).dial)).toEqual(['n1', 'n2']);
    expect(nextDials(c, list, { readyOperators: 0 }, NOW)).toMatchObject({
      dial: [],
      waiting: 'no-operators',
    });
    const ratio = { ...c, pacing: { maxConcurrent: 10, ratio: 1.5 } };
    expect(ids(nextDials(ratio, list, { readyOperators: 2 }, NOW).dial)).toEqual(['n1', 'n2', 'n3']);
  });

  it('operator mode: a call ringing or waiting for an operator takes a Ready operator; a connected one does not', () => {
    const c = campaign({ mode: 'operator', queue: 'q', pacing: { maxConcurrent: 10, ratio: 1 } });
    const list = numbers(
      'dialing',
      ['answered', { operatorId: null }],
      ['answered', { operatorId: 'op-1' }],
      'pending',
    );
    // 3 Ready: one covers the ringing call, one the customer waiting for an operator; one is left.
    expect(ids(nextDials(c, list, { readyOperators: 3 }, NOW).dial)).toEqual(['n4']);
    expect(nextDials(c, list, { readyOperators: 2 }, NOW).dial).toEqual([]);
  });

  it('the concurrency limit applies in operator mode too', () => {
    const c = campaign({ mode: 'operator', queue: 'q', pacing: { maxConcurrent: 1, ratio: 1 } });
    const d = nextDials(c, numbers('pending', 'pending'), { readyOperators: 5 }, NOW);
    expect(ids(d.dial)).toEqual(['n1']);
    expect(d.waiting).toBe('pacing');
  });
});

describe('nextDials: time', () => {
  it('waits for the start time', () => {
    const startAt = NOW + 3_600_000;
    const d = nextDials(campaign({ startAt }), numbers('pending'), noOperators, NOW);
    expect(d).toEqual({ dial: [], wakeAt: startAt, done: false, waiting: 'before-start' });
    expect(ids(nextDials(campaign({ startAt }), numbers('pending'), noOperators, startAt).dial)).toEqual([
      'n1',
    ]);
  });

  it('dials only inside the daily window, in the campaign time zone, and wakes at its opening', () => {
    const window = { from: '13:00', to: '18:00' };
    const d = nextDials(campaign({ window }), numbers('pending'), noOperators, NOW);
    expect(d.waiting).toBe('window-closed');
    expect(new Date(d.wakeAt!).toISOString()).toBe('2026-03-02T11:00:00.000Z');
    const evening = Date.parse('2026-03-02T17:30:00Z'); // 19:30 in Kyiv: closed until tomorrow 13:00
    const late = nextDials(campaign({ window }), numbers('pending'), noOperators, evening);
    expect(new Date(late.wakeAt!).toISOString()).toBe('2026-03-03T11:00:00.000Z');
  });

  it('a window across midnight is open late in the evening', () => {
    const window = { from: '20:00', to: '02:00' };
    const at = Date.parse('2026-03-02T21:30:00Z'); // 23:30 in Kyiv
    expect(ids(nextDials(campaign({ window }), numbers('pending'), noOperators, at).dial)).toEqual(['n1']);
  });

  it('a retry is dialled once due, after numbers never tried; until then the decision wakes at it', () => {
    const due = NOW + 600_000;
    const list = numbers(['retry-at', { nextAttemptAt: due, attempts: 1 }]);
    expect(nextDials(campaign(), list, noOperators, NOW)).toEqual({
      dial: [],
      wakeAt: due,
      done: false,
      waiting: 'retries',
    });
    const later = numbers(['retry-at', { nextAttemptAt: due, attempts: 1 }], 'pending', 'pending');
    expect(ids(nextDials(campaign(), later, noOperators, due).dial)).toEqual(['n2', 'n3']);
    expect(
      ids(nextDials(campaign({ pacing: { maxConcurrent: 3, ratio: 1 } }), later, noOperators, due).dial),
    ).toEqual(['n2', 'n3', 'n1']);
  });
});

describe('nextDials: status and the end', () => {
  it('a paused or draft campaign dials nothing', () => {
    for (const status of ['paused', 'draft', 'stopped'] as const) {
      expect(nextDials(campaign({ status }), numbers('pending'), noOperators, NOW)).toMatchObject({
        dial: [],
        waiting: 'not-running',
        done: false,
      });
    }
  });

  it('done once every number is settled and no call is alive', () => {
    expect(
      nextDials(campaign(), numbers('completed', 'busy', 'no-answer', 'failed'), noOperators, NOW),
    ).toEqual({
      dial: [],
      wakeAt: null,
      done: true,
      waiting: 'done',
    });
    expect(nextDials(campaign(), numbers('completed', 'answered'), noOperators, NOW)).toMatchObject({
      done: false,
      waiting: 'dialing',
    });
    expect(nextDials(campaign(), [], noOperators, NOW).done).toBe(true);
  });
});
