import { describe, expect, it } from 'vitest';
import { callEventView, maskSecrets } from '../../../studio/server/live/call-event-view.ts';
import { type LiveMessage, type LiveSubscriber, visibleTo } from '../../../studio/server/live/live-events.ts';

const subscriber = (roles: LiveSubscriber['roles'], operatorIds: string[] = []): LiveSubscriber => ({
  tenant: 't1',
  userId: 'u',
  roles,
  operatorIds: new Set(operatorIds),
  send: () => {},
});

const messages: Record<string, LiveMessage> = {
  call: { kind: 'call', tenant: 't1', callId: 'c', event: {} },
  sim: { kind: 'sim', tenant: 't1', simId: 's', event: {} },
  deploy: { kind: 'deploy', tenant: 't1', flow: 'f', version: 2 },
  queue: { kind: 'acd', tenant: 't1', operatorId: null, event: { type: 'caller-joined' } },
  'own state': { kind: 'acd', tenant: 't1', operatorId: 'op-1', event: { type: 'operator-state' } },
  "another's state": { kind: 'acd', tenant: 't1', operatorId: 'op-2', event: { type: 'operator-state' } },
  import: { kind: 'import', tenant: 't1', importId: 'i', phase: 'writing', done: 1, total: 2 },
  'other tenant': { kind: 'deploy', tenant: 't2', flow: 'f', version: 1 },
};

describe('live events by role', () => {
  it.each([
    ['admin', ['call', 'sim', 'deploy', 'queue', 'own state', "another's state", 'import']],
    ['analyst', ['call', 'sim', 'deploy']],
    ['supervisor', ['call', 'deploy', 'queue', 'own state', "another's state"]],
    ['operator', ['own state']],
  ] as const)('%s sees %j', (role, expected) => {
    const seen = Object.entries(messages)
      .filter(([, m]) => visibleTo(m, subscriber([role], role === 'operator' ? ['op-1'] : [])))
      .map(([name]) => name);
    expect(seen).toEqual(expected);
  });
});

describe('call events as the studio gets them', () => {
  it('gives prompt audio ids and urls, and the store version', () => {
    const view = callEventView(
      {
        type: 'prompt',
        callId: 'c',
        at: 1,
        text: 'Привет',
        media: ['sound:callflow/0123456789abcdef', 'digits:12'],
      },
      () => 7,
    );
    expect(view).toEqual({
      type: 'prompt',
      callId: 'c',
      at: 1,
      text: 'Привет',
      audio: [{ id: '0123456789abcdef', url: '/api/prompts/0123456789abcdef.wav' }],
    });
    const started = callEventView(
      {
        type: 'call-started',
        callId: 'c',
        at: 1,
        channelId: 'ch',
        flow: 'f@x',
        flowName: 'f',
        version: 1,
        caller: '',
        dialled: '',
        tenant: 't',
      },
      () => 4,
    );
    expect(started.version).toBe(4);
  });

  it('masks secret references anywhere in variables', () => {
    expect(
      maskSecrets({ contract: '123456', pin: { $secret: 'v1' }, nested: { list: [{ $secret: 'v2' }, 3] } }),
    ).toEqual({
      contract: '123456',
      pin: '••••',
      nested: { list: ['••••', 3] },
    });
  });
});
