/**
 * The dialer on the real path: the runtime, the ACD service and the dialer over the ARI adapter
 * (ari-client over loopback) against the PBX simulator, all on one virtual clock; survey answers go
 * to the store (the worker's PGlite) with the customer. Customers' phones are simulator endpoints
 * behind the default trunk template (`PJSIP/<number>@trunk`) that answer after a delay, never
 * answer, or are busy. The example survey (examples/abc-internet/survey.flow) is the campaign's.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../../../language/analyze.ts';
import { compile } from '../../../../language/compile.ts';
import { parseWorkspace } from '../../../../language/workspace.ts';
import { AcdService } from '../../../../runtime/acd/acd-service.ts';
import { queueDefinitions } from '../../../../runtime/acd/queue-model.ts';
import type { CallEvent } from '../../../../runtime/call-events.ts';
import { InMemoryCallLog } from '../../../../runtime/call-log.ts';
import { VirtualClock } from '../../../../runtime/clock.ts';
import { MemoryCustomerStore } from '../../../../runtime/data/memory-customer-store.ts';
import type { Campaign } from '../../../../runtime/dialer/campaign.ts';
import { MemoryCampaignStore, type NewNumber } from '../../../../runtime/dialer/campaign-store.ts';
import { Dialer } from '../../../../runtime/dialer/dialer.ts';
import type { DialerEvent, SurveyFlow } from '../../../../runtime/dialer/dialer-types.ts';
import { MemoryLogger } from '../../../../runtime/logger.ts';
import { Runtime } from '../../../../runtime/runtime.ts';
import { settleIo } from '../../../../runtime/settle-io.ts';
import { TextOnlyTts } from '../../../../runtime/speech/text-only-tts.ts';
import { PgAnswerSink } from '../../../../runtime/store/campaign-store-pg.ts';
import { importCustomers } from '../../../../runtime/store/queries/customers.ts';
import { upsertTenant } from '../../../../runtime/store/queries/tenants-users.ts';
import { AriAdapter } from '../../../../telephony/ari-adapter.ts';
import {
  type OperatorBehaviour,
  type PbxSimulator,
  startPbxSimulator,
} from '../../../../telephony/simulator/index.ts';
import { sharedPglite, truncateAll } from '../../../store/db-fixture.ts';

export const TENANT = 'abc-internet';
const EXAMPLE = join(import.meta.dirname, '../../../../examples/abc-internet');

export const CUSTOMERS = [
  { phone: '0501111111', name: 'Анна Коваль' },
  { phone: '0502222222', name: 'Богдан Мельник' },
  { phone: '0503333333', name: 'Віра Шевченко' },
  { phone: '0504444444', name: 'Григорій Бондар' },
];

/** The example workspace, with a queue for the survey group (the example leaves the group empty). */
function surveyWorkspace() {
  const json = JSON.parse(readFileSync(join(EXAMPLE, 'callflow.workspace.json'), 'utf8'));
  json.queues['survey-team'] = { title: 'Опросы', wrapUp: '20s', ringTimeout: '15s' };
  json.groups['survey-team'].queues = ['survey-team'];
  const parsed = parseWorkspace(json);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.workspace;
}

export async function dialerOnSimulator() {
  const workspace = surveyWorkspace();
  const source = readFileSync(join(EXAMPLE, 'survey.flow'), 'utf8');
  const { document, diagnostics } = analyze(source, workspace);
  if (diagnostics.some((d) => d.severity === 'error')) throw new Error('the example survey has errors');
  const survey: SurveyFlow = {
    compiled: compile(document, workspace, { fileName: 'survey.flow', source }),
    source,
  };

  const database = await sharedPglite();
  await truncateAll(database.db);
  await upsertTenant(database.db, { id: TENANT, name: 'ABC Internet' });
  await importCustomers(database.db, TENANT, { customers: CUSTOMERS }, { N: 1024, r: 8, p: 1 });

  let sim: PbxSimulator | null = null;
  let runtime: Runtime | null = null;
  let acd: AcdService | null = null;
  let dialer: Dialer | null = null;
  let handled = -1;
  const clock = new VirtualClock({
    start: '2026-03-02T08:00:00Z', // 10:00 in Kyiv, a Monday
    settle: () =>
      settleIo({
        busy: () => {
          const now = (sim?.requestsHandled() ?? 0) + (sim?.world.bus.sent ?? 0);
          const moved = now !== handled;
          handled = now;
          return moved || !!runtime?.busy() || !!acd?.busy() || !!dialer?.busy();
        },
        quietMs: 4,
        maxWaitMs: 3_000,
      }),
  });
  const speechDir = mkdtempSync(join(tmpdir(), 'callflow-dialer-'));
  sim = await startPbxSimulator({ clock, soundsDir: speechDir });
  const adapter = new AriAdapter({
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
      { id: 'anna', name: 'Анна', queues: ['survey-team'] },
      { id: 'taras', name: 'Тарас', queues: ['tech-support'] },
    ],
  });
  const callLog = new InMemoryCallLog();
  const logger = new MemoryLogger();
  runtime = new Runtime({
    pbx: adapter,
    clock,
    tts: new TextOnlyTts({ cacheDir: speechDir }),
    speechCacheDir: speechDir,
    tenants: [{ workspace, workspaceDir: EXAMPLE }],
    acd,
    callLog,
    customers: new MemoryCustomerStore({ customers: [], accounts: [] }, { N: 1024, r: 8, p: 1 }),
    logger,
  });
  const events: CallEvent[] = [];
  runtime.events.on((e) => events.push(e));
  await runtime.start();
  const store = new MemoryCampaignStore();
  dialer = new Dialer({
    pbx: adapter,
    clock,
    store,
    runtime,
    loadSurvey: async () => survey,
    answers: new PgAnswerSink(database.db),
    acd,
    callLog,
    logger,
  });
  const dialerEvents: DialerEvent[] = [];
  dialer.onEvent((e) => dialerEvents.push(e));

  const service = dialer;
  const simulator = sim;
  const theAcd = acd;
  const theRuntime = runtime;
  let campaigns = 0;
  const h = {
    clock,
    sim: simulator,
    adapter,
    acd: theAcd,
    runtime: theRuntime,
    dialer: service,
    store,
    db: database.db,
    events,
    dialerEvents,
    callLog,
    logger,
    /** A customer's phone behind the trunk. */
    phone(number: string, behaviour: OperatorBehaviour) {
      simulator.world.operators.set(`PJSIP/${number}@trunk`, behaviour);
    },
    /** An operator's phone at their extension; logs them in and makes them Ready. */
    operatorReady(id: string, extension: string, answerAfterMs = 500) {
      simulator.control.defineOperator(`PJSIP/${extension}`, {
        type: 'answer-after',
        delayMs: answerAfterMs,
      });
      theAcd.logIn(TENANT, id, extension);
      theAcd.setState(TENANT, id, 'Ready');
    },
    campaign(overrides: Partial<Campaign>, numbers: NewNumber[]): Campaign {
      const campaign: Campaign = {
        id: `00000000-0000-4000-8000-00000000000${++campaigns}`,
        tenant: TENANT,
        name: `Опрос ${campaigns}`,
        survey: { flowName: survey.compiled.meta.name, versionId: 'v1', version: 1 },
        mode: 'automated',
        queue: null,
        status: 'draft',
        startAt: null,
        window: null,
        timezone: 'Europe/Kyiv',
        pacing: { maxConcurrent: 5, ratio: 1 },
        retry: { retries: 1, intervalMs: 10 * 60_000 },
        ringTimeoutSec: 20,
        callerId: '0800300400',
        dialTemplate: null,
        ...overrides,
      };
      store.add(campaign);
      store.addNumbers(campaign.id, numbers);
      return campaign;
    },
    async numbers(campaign: Campaign) {
      await service.flushed();
      return store.numbers(TENANT, campaign.id);
    },
    /** The campaign's status as stored (a finished campaign leaves the dialer's hands). */
    async status(campaign: Campaign) {
      await service.flushed();
      return (await store.campaign(TENANT, campaign.id))?.status;
    },
    async numberOf(campaign: Campaign, number: string) {
      return (await h.numbers(campaign)).find((n) => n.number === number)!;
    },
    /** Moves time from timer to timer until `done()` holds (fails past `limitMs` of virtual time). */
    async until(done: () => boolean | Promise<boolean>, limitMs = 3_600_000) {
      await clock.advanceUntil(done, limitMs);
    },
    /** True while the call waits for the customer's keys. */
    waitingForKeys(callId: string): boolean {
      const last = [...events]
        .reverse()
        .find(
          (e) => e.callId === callId && (e.type === 'waiting' || e.type === 'keys' || e.type === 'prompt'),
        );
      return last?.type === 'waiting' && last.for === 'keys';
    },
    heard(callId: string): string[] {
      return events.flatMap((e) => (e.callId === callId && e.type === 'prompt' ? [e.text] : []));
    },
    async close() {
      service.close();
      await theRuntime.stop();
      await theAcd.stop();
      await adapter.stop();
      await simulator.close();
    },
  };
  return h;
}

export type DialerSim = Awaited<ReturnType<typeof dialerOnSimulator>>;
