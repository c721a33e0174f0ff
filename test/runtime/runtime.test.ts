import { describe, expect, it } from 'vitest';
import { SUPPORT } from './session/flows.ts';
import { compileFlow, startHarness } from './support/harness.ts';

const V2 = SUPPORT.replace('Пожалуйста, перезвоните позже.', 'Версия 2: перезвоните позже.').replace(
  'Добрый день, компания',
  'Здравствуйте, компания',
);

describe('Runtime', () => {
  it('deploys a new version: the call in progress finishes on its version, new calls take the new one', async () => {
    const h = await startHarness(SUPPORT);
    const first = await h.call();
    await h.enter(first, '9'); // an invalid key: the menu repeats
    const v2 = await h.runtime.deploy(compileFlow(V2, h.workspace));
    expect(v2.version).toBe(2);
    expect(h.runtime.activeFor('0800300400')?.flowId).toBe(v2.flowId);

    const second = await h.call();
    const [r1, r2] = await Promise.all([h.untilEnded(first.callId), h.untilEnded(second.callId)]);
    expect(r1.flowVersion).toBe(1);
    expect(h.heard(first.callId)[0]).toMatch(/^Добрый день/);
    expect(h.heard(first.callId).at(-1)).toBe('Пожалуйста, перезвоните позже.');
    expect(r2.flowVersion).toBe(2);
    expect(h.heard(second.callId)[0]).toMatch(/^Здравствуйте/);
    expect(h.heard(second.callId).at(-1)).toBe('Версия 2: перезвоните позже.');
  });

  it('logs and hangs up a call to a number no flow answers', async () => {
    const h = await startHarness(SUPPORT);
    const channelId = h.pbx.placeCall({ callerNumber: '+380501234567', dialled: '999' });
    await h.clock.advance(0);
    expect(h.pbx.isAlive(channelId)).toBe(false);
    expect(h.callLog.records).toMatchObject([
      { outcome: 'failed', dialled: '999', errors: [{ kind: 'no-route' }] },
    ]);
  });

  it('matches the dialled number on its digits', async () => {
    const h = await startHarness(SUPPORT);
    expect(h.runtime.activeFor('0 800 300-400')?.name).toBe('Поддержка');
  });

  it('refuses to deploy a script that does not load', async () => {
    const h = await startHarness(SUPPORT);
    const broken = compileFlow(SUPPORT, h.workspace);
    await expect(
      h.runtime.deploy({ ...broken, meta: { ...broken.meta, id: 'x@1' }, code: 'throw 1' }),
    ).rejects.toMatchObject({
      kind: 'load-failed',
    });
    expect(h.runtime.activeFor('0800300400')?.version).toBe(1);
  });
});
