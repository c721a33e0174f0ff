import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.ts';
import { SUPPORT } from './flows.ts';

describe('a call through the reference flow on the test port', () => {
  it('menu 3, contract, PIN: hears the balance with the amount in words agreed, and is logged', async () => {
    const h = await startHarness(SUPPORT);
    const call = await h.call();
    await h.enter(call, '3');
    await h.enter(call, '123456#');
    await h.enter(call, '7391#');
    const record = await h.untilEnded(call.callId);

    expect(h.heard(call.callId)).toEqual([
      'Добрый день, компания «АВС Интернет», спасибо за звонок.',
      'Техподдержка — 1, баланс — 3.',
      'Наберите номер договора и нажмите решётку.',
      'Введите PIN код и нажмите решётку.',
      'На вашем личном счету 50 гривен.',
    ]);
    expect(record).toMatchObject({
      outcome: 'completed',
      endedBy: 'flow',
      steps: ['main', 'balance'],
      keys: ['3', '123456#', '••••#'],
      custom: { balance_checked: true },
      errors: [],
      caller: '+380501234567',
      dialled: '0800300400',
      flowVersion: 1,
    });
    expect(h.callLog.records).toEqual([record]);
    expect(h.pbx.isAlive(call.channelId)).toBe(false);
  });

  it('a wrong PIN says so and asks again, then the right one is accepted', async () => {
    const h = await startHarness(SUPPORT);
    const call = await h.call();
    await h.enter(call, '3');
    await h.enter(call, '123456#');
    await h.enter(call, '0000#');
    await h.enter(call, '123456#');
    await h.enter(call, '7391#');
    const record = await h.untilEnded(call.callId);
    const heard = h.heard(call.callId);
    expect(heard).toContain('Номер договора или PIN код указаны неверно.');
    expect(heard.at(-1)).toBe('На вашем личном счету 50 гривен.');
    expect(record.keys).toEqual(['3', '123456#', '••••#', '123456#', '••••#']);
  });
});
