/**
 * A runtime on the in-process test port and a virtual clock, for session tests: compile a flow from
 * source, place calls, press keys, and step time from timer to timer until something is true.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../language/analyze.ts';
import { compile } from '../../../language/compile.ts';
import type { CompiledFlow } from '../../../language/compiled-format.ts';
import { parseWorkspace, type Workspace } from '../../../language/workspace.ts';
import { FifoAcd, type FifoQueueConfig } from '../../../runtime/acd/fifo-acd.ts';
import type { CallEvent } from '../../../runtime/call-events.ts';
import { type CallRecord, InMemoryCallLog } from '../../../runtime/call-log.ts';
import { VirtualClock } from '../../../runtime/clock.ts';
import type { DataDriver } from '../../../runtime/data/data-operations.ts';
import { type DemoData, MemoryCustomerStore } from '../../../runtime/data/memory-customer-store.ts';
import { MemoryLogger } from '../../../runtime/logger.ts';
import { Runtime } from '../../../runtime/runtime.ts';
import { settleIo } from '../../../runtime/settle-io.ts';
import { TextOnlyTts } from '../../../runtime/speech/text-only-tts.ts';
import { MemoryPbx } from './memory-pbx.ts';

/** Cheap scrypt for tests: the cost is not what they are about. */
export const TEST_PIN_COST = { N: 1024, r: 8, p: 1 };

export const TEST_DATA: DemoData = {
  customers: [
    { phone: '+380501234567', name: 'Иван Петров', vip: false },
    { phone: '+380677777777', name: 'Ольга VIP', vip: true },
  ],
  accounts: [{ contract: '123456', pin: '7391', balance: 50, currency: 'UAH', phone: '+380501234567' }],
};

export const BILLING = {
  kind: 'builtin',
  operations: {
    balance: {
      params: [
        { name: 'contract', type: 'string' },
        { name: 'pin', type: 'string', secret: true },
      ],
      result: { record: { balance: 'number', currency: 'string' } },
      optional: true,
      timeout: '2s',
    },
    findByPhone: {
      params: [{ name: 'phone', type: 'string' }],
      result: { record: { name: 'string', vip: 'boolean' } },
      optional: true,
    },
  },
};

export interface HarnessOptions {
  workspace?: Record<string, unknown>;
  queues?: Record<string, FifoQueueConfig>;
  dataDrivers?: Record<string, DataDriver>;
  mediaMs?: number;
  start?: string;
}

export function workspaceOf(json: Record<string, unknown>): Workspace {
  const parsed = parseWorkspace({
    dataSources: { billing: BILLING },
    queues: { tech: {}, general: {} },
    ...json,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.workspace;
}

export function compileFlow(source: string, workspace: Workspace): CompiledFlow {
  const { document, diagnostics } = analyze(source, workspace);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    throw new Error(errors.map((d) => `${d.range.start.line}: ${d.code} ${d.message}`).join('\n'));
  return compile(document, workspace, { fileName: 'test.flow', source });
}

export async function startHarness(source: string | string[], options: HarnessOptions = {}) {
  let runtimeRef: Runtime | null = null;
  const clock = new VirtualClock({
    start: options.start ?? '2026-01-05T08:00:00Z',
    // A source that never answers keeps its call busy: after a short real wait, time moves anyway.
    settle: () => settleIo({ busy: () => runtimeRef?.busy() ?? false, maxWaitMs: 300 }),
  });
  const pbx = new MemoryPbx(clock, options.mediaMs ?? 2_000);
  const logger = new MemoryLogger();
  const callLog = new InMemoryCallLog();
  const workspace = workspaceOf(options.workspace ?? {});
  const acd = new FifoAcd({ pbx, clock, logger, queues: options.queues ?? {} });
  const runtime = new Runtime({
    pbx,
    clock,
    tts: new TextOnlyTts({ cacheDir: mkdtempSync(join(tmpdir(), 'callflow-tts-')) }),
    speechCacheDir: mkdtempSync(join(tmpdir(), 'callflow-speech-')),
    tenants: [{ workspace, dataDrivers: options.dataDrivers }],
    acd,
    callLog,
    customers: new MemoryCustomerStore(TEST_DATA, TEST_PIN_COST),
    logger,
    flows: (Array.isArray(source) ? source : [source]).map((s) => compileFlow(s, workspace)),
  });
  runtimeRef = runtime;
  const events: CallEvent[] = [];
  runtime.events.on((event) => events.push(event));
  await runtime.start();

  const answered = new Map<string, number>();
  const h = {
    clock,
    pbx,
    runtime,
    events,
    callLog,
    logger,
    acd,
    workspace,
    /** Places a call; returns its channel and id once the session has started. */
    async call(from = '+380501234567', to = '0800300400') {
      const channelId = pbx.placeCall({ callerNumber: from, dialled: to });
      await clock.advance(0);
      const started = events.find((e) => e.type === 'call-started' && e.channelId === channelId);
      const callId = started?.callId ?? '';
      return { channelId, callId };
    },
    /** Fires timers one by one (jumping time) until `done()` holds; fails past `limitMs`. */
    async until(done: () => boolean, limitMs = 3_600_000) {
      await clock.advanceUntil(done, limitMs);
    },
    eventsOf(callId: string) {
      return events.filter((e) => e.callId === callId);
    },
    heard(callId: string): string[] {
      return events.flatMap((e) => (e.callId === callId && e.type === 'prompt' ? [e.text] : []));
    },
    /** True while the call's latest wait is for keys (no prompt playing). */
    waitingForKeys(callId: string): boolean {
      const last = [...events]
        .reverse()
        .find(
          (e) => e.callId === callId && (e.type === 'waiting' || e.type === 'keys' || e.type === 'prompt'),
        );
      return last?.type === 'waiting' && last.for === 'keys';
    },
    ended(callId: string): CallRecord | undefined {
      const end = events.find((e) => e.callId === callId && e.type === 'call-ended');
      return end?.type === 'call-ended' ? end.record : undefined;
    },
    async untilEnded(callId: string, limitMs?: number): Promise<CallRecord> {
      await h.until(() => h.ended(callId) !== undefined, limitMs);
      return h.ended(callId)!;
    },
    /** Waits for the call's next request for keys (one not answered yet), then presses them. */
    async enter(call: { channelId: string; callId: string }, keys: string) {
      const waits = () =>
        events.filter((e) => e.callId === call.callId && e.type === 'waiting' && e.for === 'keys').length;
      const used = answered.get(call.callId) ?? 0;
      await h.until(() => waits() > used && h.waitingForKeys(call.callId));
      answered.set(call.callId, waits());
      pbx.press(call.channelId, keys);
      await clock.advance(0);
    },
  };
  return h;
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
