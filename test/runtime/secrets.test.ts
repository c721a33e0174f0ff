import { describe, expect, it } from 'vitest';
import type { DataDriver } from '../../runtime/data/data-operations.ts';
import { SUPPORT } from './session/flows.ts';
import { startHarness } from './support/harness.ts';

const PIN = '7391';

/** Everything a call leaves behind that a person could read. */
function traces(h: Awaited<ReturnType<typeof startHarness>>): Record<string, string> {
  return {
    cdr: JSON.stringify(h.callLog.records),
    events: JSON.stringify(h.events),
    logs: h.logger.lines.join('\n'),
    pbx: JSON.stringify(h.pbx.actions),
  };
}

describe('secrets stay secret', () => {
  it('a PIN entered for a balance check appears in no record, event, log line or PBX request', async () => {
    const h = await startHarness(SUPPORT);
    const call = await h.call();
    await h.enter(call, '3');
    await h.enter(call, '123456#');
    await h.enter(call, `${PIN}#`);
    const record = await h.untilEnded(call.callId);
    expect(h.heard(call.callId).at(-1)).toBe('На вашем личном счету 50 гривен.');
    expect(record.keys).toContain('••••#');
    for (const [where, text] of Object.entries(traces(h)))
      expect({ where, leaked: text.includes(PIN) }).toEqual({ where, leaked: false });
  });

  it('a source that echoes the PIN in its error does not leak it into the call log, events or logs', async () => {
    const echoing: DataDriver = {
      call: async (_operation, _config, args) => {
        throw new Error(`invalid PIN ${args.pin} for contract ${args.contract}`);
      },
    };
    const h = await startHarness(SUPPORT, { dataDrivers: { billing: echoing } });
    const call = await h.call();
    await h.enter(call, '3');
    await h.enter(call, '123456#');
    await h.enter(call, `${PIN}#`);
    await h.untilEnded(call.callId);
    const failure = h.logger.lines.find((l) => l.includes('data operation failed'))!;
    expect(failure).toContain('invalid PIN •••• for contract 123456');
    for (const [where, text] of Object.entries(traces(h)))
      expect({ where, leaked: text.includes(PIN) }).toEqual({ where, leaked: false });
  });

  it('a wrong PIN followed by a hang-up leaves no trace of it either', async () => {
    const h = await startHarness(SUPPORT);
    const call = await h.call();
    await h.enter(call, '3');
    await h.enter(call, '123456#');
    await h.enter(call, '4826#');
    await h.until(() => h.heard(call.callId).includes('Номер договора или PIN код указаны неверно.'));
    h.pbx.callerHangsUp(call.channelId);
    await h.untilEnded(call.callId);
    for (const text of Object.values(traces(h))) expect(text.includes('4826')).toBe(false);
  });
});
