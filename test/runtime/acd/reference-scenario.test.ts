/**
 * Seed 001 end to end on the real path: the reference flow (examples/abc-internet) in the runtime,
 * the ACD service, the ARI adapter over loopback and the PBX simulator, on one virtual clock.
 * Every tech-support operator is busy: the caller hears «Все операторы на линии заняты.
 * Приблизительное время ожидания для соединения … мин.» and music; an operator turns Ready and the
 * caller is connected to them within a second.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../language/analyze.ts';
import { compile } from '../../../language/compile.ts';
import { parseWorkspace, type Workspace } from '../../../language/workspace.ts';
import { AcdService } from '../../../runtime/acd/acd-service.ts';
import { queueDefinitions } from '../../../runtime/acd/queue-model.ts';
import type { CallEvent } from '../../../runtime/call-events.ts';
import { InMemoryCallLog } from '../../../runtime/call-log.ts';
import { VirtualClock } from '../../../runtime/clock.ts';
import { MemoryCustomerStore } from '../../../runtime/data/memory-customer-store.ts';
import { MemoryLogger } from '../../../runtime/logger.ts';
import { Runtime } from '../../../runtime/runtime.ts';
import { settleIo } from '../../../runtime/settle-io.ts';
import { TextOnlyTts } from '../../../runtime/speech/text-only-tts.ts';
import { AriAdapter } from '../../../telephony/ari-adapter.ts';
import { type PbxSimulator, startPbxSimulator } from '../../../telephony/simulator/index.ts';

const EXAMPLE = join(import.meta.dirname, '../../../examples/abc-internet');
const TENANT = 'abc-internet';

function loadExample(): { workspace: Workspace; flow: ReturnType<typeof compile> } {
  const parsed = parseWorkspace(JSON.parse(readFileSync(join(EXAMPLE, 'callflow.workspace.json'), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const source = readFileSync(join(EXAMPLE, 'support.flow'), 'utf8');
  const { document, diagnostics } = analyze(source, parsed.workspace);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  return {
    workspace: parsed.workspace,
    flow: compile(document, parsed.workspace, { fileName: 'support.flow', source }),
  };
}

describe('reference scenario: all tech-support operators busy, then one turns Ready', () => {
  let sim: PbxSimulator;
  let runtime: Runtime;
  let acd: AcdService;
  let adapter: AriAdapter;
  let clock: VirtualClock;
  const events: CallEvent[] = [];
  const callLog = new InMemoryCallLog();

  beforeAll(async () => {
    const { workspace, flow } = loadExample();
    const speechDir = mkdtempSync(join(tmpdir(), 'callflow-acd-ref-'));
    let handled = -1;
    clock = new VirtualClock({
      start: '2026-01-05T09:00:00Z',
      settle: () =>
        settleIo({
          busy: () => {
            const now = (sim?.requestsHandled() ?? 0) + (sim?.world.bus.sent ?? 0);
            const moved = now !== handled;
            handled = now;
            return moved || (runtime?.busy() ?? false) || (acd?.busy() ?? false);
          },
          quietMs: 4,
          maxWaitMs: 3_000,
        }),
    });
    sim = await startPbxSimulator({ clock, soundsDir: speechDir });
    sim.control.defineOperator('PJSIP/1001', { type: 'answer-after', delayMs: 400 });
    sim.control.defineOperator('PJSIP/1002', { type: 'answer-after', delayMs: 400 });
    adapter = new AriAdapter({
      url: sim.ariUrl,
      username: 'asterisk',
      password: 'asterisk',
      app: 'callflow',
      log: () => {},
    });
    acd = new AcdService({ pbx: adapter, clock });
    acd.configureTenant({
      tenant: TENANT,
      queues: queueDefinitions(workspace.queues),
      operators: [
        { id: 'olena', name: 'Олена', skills: { internet: 5 }, queues: ['tech-support'] },
        { id: 'taras', name: 'Тарас', skills: { internet: 7 }, queues: ['tech-support'] },
      ],
    });
    runtime = new Runtime({
      pbx: adapter,
      clock,
      tts: new TextOnlyTts({ cacheDir: speechDir }),
      speechCacheDir: speechDir,
      tenants: [{ workspace, workspaceDir: EXAMPLE }],
      acd,
      callLog,
      customers: new MemoryCustomerStore({ customers: [], accounts: [] }, { N: 1024, r: 8, p: 1 }),
      logger: new MemoryLogger(),
      flows: [flow],
    });
    runtime.events.on((e) => events.push(e));
    await runtime.start();
  });

  afterAll(async () => {
    await runtime?.stop();
    await acd?.stop();
    await adapter?.stop();
    await sim?.close();
  });

  async function until(done: () => boolean, limitMs = 3_600_000): Promise<void> {
    await clock.advanceUntil(done, limitMs);
  }

  const prompts = (callId: string) =>
    events.flatMap((e) => (e.callId === callId && e.type === 'prompt' ? [{ text: e.text, at: e.at }] : []));
  /** A caller dials the support number and presses 1 once the menu is spoken. */
  async function techSupportCaller(from: string) {
    const started = () => events.filter((e) => e.type === 'call-started');
    const before = started().length;
    const call = sim.control.placeCall({ from, to: '0800300400' });
    await until(() => started().length > before);
    const callId = started().at(-1)!.callId;
    await until(() => prompts(callId).some((p) => p.text.includes('нажмите «1»')));
    call.pressKeys('1');
    return { call, callId };
  }

  it('the caller hears the busy announcement with the estimate, and music; connected within a second of Ready', async () => {
    acd.logIn(TENANT, 'olena', '1001');
    acd.setState(TENANT, 'olena', 'Ready');
    acd.logIn(TENANT, 'taras', '1002');

    // The first caller takes Olena: every tech-support operator who is Ready is now busy.
    const first = await techSupportCaller('+380501111111');
    await until(
      () => acd.core(TENANT).operators.get('olena')?.state === 'Busy' && sim.control.calls().length > 0,
    );
    await until(() =>
      first.call.transcript().some((e) => e.kind === 'bridge-joined' && e.bridgeType === 'mixing'),
    );

    const second = await techSupportCaller('+380502222222');
    await until(() => prompts(second.callId).some((p) => p.text.startsWith('Все операторы на линии заняты')));
    const announced = prompts(second.callId).find((p) => p.text.startsWith('Все операторы'))!;
    expect(announced.text).toMatch(
      /^Все операторы на линии заняты\. Приблизительное время ожидания для соединения .+\.$/,
    );
    // Olena is on a call (AHT guess 3 min), Taras is logged in but Not ready: one serving operator;
    // the median wait for her to free up is ln 2 · 3 min ≈ 2.1 min (ewt.ts).
    expect(announced.text).toContain('2 минуты');
    await clock.advance(45_000);
    const heard = second.call.transcript();
    expect(heard.some((e) => e.kind === 'moh-started' && e.via === 'bridge')).toBe(true);
    expect(heard.some((e) => e.kind === 'bridge-joined' && e.bridgeType === 'holding')).toBe(true);
    // Repeated every 30 s.
    expect(prompts(second.callId).filter((p) => p.text.startsWith('Все операторы')).length).toBe(2);

    acd.setState(TENANT, 'taras', 'Ready');
    const readyAt = clock.now();
    await until(() =>
      second.call.transcript().some((e) => e.kind === 'bridge-joined' && e.bridgeType === 'mixing'),
    );
    const connectedAt = second.call
      .transcript()
      .find((e) => e.kind === 'bridge-joined' && e.bridgeType === 'mixing')!.at;
    expect(connectedAt - readyAt).toBeLessThan(1_000);
    expect(acd.core(TENANT).operators.get('taras')?.state).toBe('Busy');

    second.call.hangup();
    first.call.hangup();
    await until(() => callLog.records.length === 2);
    const record = callLog.records.find((r) => r.caller === '+380502222222')!;
    expect(record.queue).toMatchObject({ name: 'tech-support', result: 'connected' });
    expect(record.queue!.waitMs).toBeGreaterThan(45_000);
    expect(record.operator).toBe('taras');
    await until(() => acd.core(TENANT).operators.get('taras')?.state === 'WrapUp');
  });
});
