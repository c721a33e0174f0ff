/**
 * Runs the cases of a `.flowtest` file, each as a real call: the runtime, the ARI adapter and the
 * PBX simulator over loopback, on virtual time (runtime/simulation). Ordered expectations (`hear`,
 * `step`, `queue`, ...) look forward from the last one met; the call goes on by itself while the
 * test listens (prompts end, timeouts fire). A failure names the test line and the flow line the
 * call was at.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { CompiledFlow, Json } from '../../language/compiled-format.ts';
import type { CallEvent } from '../call-events.ts';
import type { CustomerStore } from '../data/customer-store.ts';
import { createDataDrivers } from '../data/data-drivers.ts';
import { CallDriver } from '../simulation/call-driver.ts';
import { loadCustomers, loadFlow, shown } from '../simulation/load-flow.ts';
import { Simulation } from '../simulation/simulation.ts';
import { parseStartTime } from '../simulation/start-time.ts';
import { fixtureDrivers } from './fixture-driver.ts';
import type { CaseStep, Expectation, FlowTestCase, FlowTestFile } from './flowtest-syntax.ts';
import { parseFlowTest, type TestLocale } from './parse-flowtest.ts';
import { sameValue } from './value-literal.ts';

export interface CaseFailure {
  /** Line of the test file. */
  line: number;
  message: string;
  /** Flow line the call was at. */
  flowLine: number | null;
  /** Prompts heard since the last expectation that was met. */
  heard: string[];
}

export interface CaseResult {
  name: string;
  line: number;
  passed: boolean;
  failure: CaseFailure | null;
  realMs: number;
}

export interface FileResult {
  file: string;
  flowFile: string;
  /** Problems that stop the whole file (syntax, a flow that does not compile). */
  problems: string[];
  cases: CaseResult[];
}

const DEFAULT_CALLER = '+380501234567';
const DEFAULT_TIME = 'Mon 10:00';
/** The number a test call to a survey (which answers none of its own) is placed to. */
const SURVEY_NUMBER = '0000';

const TEXT = {
  en: {
    noTime: (at: string) => `"${at}" is not a time`,
    notHeard: (text: string) => `expected to hear «${text}», not heard`,
    heardAnyway: (text: string) => `expected not to hear «${text}», but it was heard`,
    notReached: (what: string) => `expected ${what}, it did not happen`,
    noInput: (keys: string) => `expected the call to ask for keys (to press ${keys})`,
    got: (what: string) => `got ${what}`,
    ended: 'the call ended',
    stuck: 'nothing more happens on the call',
    limit: 'the call went on past the time limit',
    step: (s: string) => `step ${s}`,
    queue: (q: string, p: number | null) =>
      `a wait in queue "${q}"${p === null ? '' : ` with priority ${p}`}`,
    connected: 'a connection to an operator',
    data: (s: string) => `data ${s}`,
    error: 'a script error',
  },
  ru: {
    noTime: (at: string) => `«${at}» — не время`,
    notHeard: (text: string) => `ожидалось услышать «${text}», но этого не было`,
    heardAnyway: (text: string) => `не ожидалось услышать «${text}», но это прозвучало`,
    notReached: (what: string) => `ожидалось: ${what}; этого не произошло`,
    noInput: (keys: string) => `ожидалось, что звонок попросит нажать клавиши (${keys})`,
    got: (what: string) => `вместо этого: ${what}`,
    ended: 'звонок закончился',
    stuck: 'в звонке больше ничего не происходит',
    limit: 'звонок продолжался дольше предела времени',
    step: (s: string) => `шаг ${s}`,
    queue: (q: string, p: number | null) =>
      `ожидание в очереди «${q}»${p === null ? '' : ` с приоритетом ${p}`}`,
    connected: 'соединение с оператором',
    data: (s: string) => `данные ${s}`,
    error: 'ошибка сценария',
  },
};

export interface FlowTestOptions {
  /** The customer store behind `builtin` data sources; default: the demo-data.json next to the workspace. */
  customers?: CustomerStore;
}

export async function runFlowTestFile(
  path: string,
  locale: TestLocale = 'en',
  options: FlowTestOptions = {},
): Promise<FileResult> {
  const file = resolve(path);
  const text = await readFile(file, 'utf8');
  const parsed = parseFlowTest(text, locale);
  const flowFile = resolve(dirname(file), parsed.flow ?? basename(file).replace(/\.flowtest$/, '.flow'));
  const result: FileResult = { file: shown(file), flowFile: shown(flowFile), problems: [], cases: [] };
  if (parsed.problems.length > 0) {
    result.problems = parsed.problems.map((p) => `${shown(file)}:${p.line}: ${p.message}`);
    return result;
  }
  const loaded = await loadFlow(flowFile, locale);
  if (!loaded.ok) {
    result.problems = loaded.problems;
    return result;
  }
  const customers = options.customers ?? (await loadCustomers(loaded.workspaceDir));
  for (const testCase of parsed.cases) {
    const started = performance.now();
    const failure = await runCase(parsed, testCase, { ...loaded, customers, locale });
    result.cases.push({
      name: testCase.name,
      line: testCase.line,
      passed: failure === null,
      failure,
      realMs: performance.now() - started,
    });
  }
  return result;
}

interface CaseContext {
  compiled: CompiledFlow;
  workspace: Parameters<typeof Simulation.start>[0]['workspace'];
  workspaceDir: string;
  customers: Parameters<typeof Simulation.start>[0]['customers'];
  locale: TestLocale;
}

async function runCase(
  file: FlowTestFile,
  testCase: FlowTestCase,
  ctx: CaseContext,
): Promise<CaseFailure | null> {
  const t = TEXT[ctx.locale];
  const at = testCase.at ?? DEFAULT_TIME;
  const startAt = parseStartTime(at, ctx.workspace.timezone);
  if (startAt === null) return { line: testCase.line, message: t.noTime(at), flowLine: null, heard: [] };
  const dialled = testCase.dialled ?? ctx.compiled.meta.answers[0] ?? SURVEY_NUMBER;
  // A survey answers no number of its own: the test's call reaches it directly.
  const compiled =
    ctx.compiled.meta.answers.length > 0
      ? ctx.compiled
      : { ...ctx.compiled, meta: { ...ctx.compiled.meta, answers: [dialled] } };
  const real = createDataDrivers(ctx.workspace.dataSources, { customers: ctx.customers });
  const simulation = await Simulation.start({
    flows: [compiled],
    workspace: ctx.workspace,
    workspaceDir: ctx.workspaceDir,
    startAt,
    customers: ctx.customers,
    // The case's own fixtures come first: they override the file's for the same call.
    dataDrivers: fixtureDrivers([...testCase.givens, ...file.givens], real),
    // A case's own line about an operator replaces the file's line about the same phone.
    operators: [...new Map([...file.operators, ...testCase.operators].map((o) => [o.endpoint, o])).values()],
  });
  try {
    const driver = new CallDriver(
      simulation,
      simulation.placeCall(testCase.caller ?? DEFAULT_CALLER, dialled),
    );
    const run = new CaseRun(driver, t);
    for (const step of testCase.steps) {
      const failure = await run.step(step);
      if (failure) return failure;
    }
    return await run.finish();
  } finally {
    await simulation.stop();
  }
}

/** One case's progress through its steps: where in the call's events its expectations stand. */
class CaseRun {
  private cursor = 0;
  private readonly negated: { line: number; text: string }[] = [];

  constructor(
    private readonly driver: CallDriver,
    private readonly t: (typeof TEXT)['en'],
  ) {}

  async step(step: CaseStep): Promise<CaseFailure | null> {
    const { action } = step;
    switch (action.kind) {
      case 'press': {
        const result = await this.driver.press(action.keys);
        return result === 'done'
          ? null
          : this.fail(step.line, `${this.t.noInput(action.keys)}; ${this.why(result)}`);
      }
      case 'wait':
        await this.driver.wait(action.ms);
        return null;
      case 'hangup':
        await this.driver.hangup();
        return null;
      case 'expect':
        return this.expect(step.line, action.expectation);
    }
  }

  /** Checks `expect not hear` over the whole call, once it has ended. */
  async finish(): Promise<CaseFailure | null> {
    if (this.negated.length === 0) return null;
    await this.driver.untilEnded();
    for (const { line, text } of this.negated) {
      if (this.prompts(0).some((p) => p.includes(text))) return this.fail(line, this.t.heardAnyway(text), 0);
    }
    return null;
  }

  private async expect(line: number, e: Expectation): Promise<CaseFailure | null> {
    const t = this.t;
    switch (e.kind) {
      case 'hear':
        if (e.negated) {
          this.negated.push({ line, text: e.text });
          return null;
        }
        return this.ordered(
          line,
          (ev) => ev.type === 'prompt' && ev.text.includes(e.text),
          t.notHeard(e.text),
        );
      case 'step':
        return this.ordered(
          line,
          (ev) => ev.type === 'step' && ev.step === e.step,
          t.notReached(t.step(e.step)),
        );
      case 'queue':
        return this.ordered(
          line,
          (ev) =>
            ev.type === 'queue' &&
            ev.event === 'joined' &&
            ev.queue === e.queue &&
            (e.priority === null || ev.priority === e.priority),
          t.notReached(t.queue(e.queue, e.priority)),
        );
      case 'connected':
        return this.ordered(
          line,
          (ev) =>
            ev.type === 'queue' &&
            ev.event === 'connected' &&
            (e.operator === null || ev.operator === e.operator),
          t.notReached(t.connected),
        );
      case 'data':
        return this.ordered(
          line,
          (ev) =>
            ev.type === 'data' &&
            ev.source === e.source &&
            ev.operation === e.operation &&
            (e.result === 'ok' ? ev.ok : !ev.ok && ev.error === e.result),
          t.notReached(t.data(`${e.source}.${e.operation} ${e.result}`)),
        );
      case 'error':
        return this.ordered(
          line,
          (ev) => ev.type === 'error' && (e.line === null || ev.line === e.line),
          t.notReached(t.error),
        );
      default:
        return this.atEnd(line, e);
    }
  }

  /** Expectations about the finished call: outcome, hang-up, log fields, transfers. */
  private async atEnd(line: number, e: Expectation): Promise<CaseFailure | null> {
    const record = await this.driver.untilEnded();
    const t = this.t;
    if (!record) return this.fail(line, `${t.notReached(describe(e))}; ${t.stuck}`);
    const got = (what: Json | string) =>
      `${t.notReached(describe(e))}; ${t.got(typeof what === 'string' ? what : JSON.stringify(what))}`;
    switch (e.kind) {
      case 'hangup':
        return record.endedBy === 'flow'
          ? null
          : this.fail(line, got(`${record.outcome}, ${record.endedBy}`));
      case 'outcome':
        return record.outcome === e.outcome ? null : this.fail(line, got(record.outcome));
      case 'log':
        return e.field in record.custom && sameValue(record.custom[e.field], e.value)
          ? null
          : this.fail(line, got(record.custom));
      case 'transfer':
        return record.transfers.some((x) => x.target === e.target && x.destination === e.destination)
          ? null
          : this.fail(line, got(record.transfers as unknown as Json));
      default:
        return null;
    }
  }

  /** Finds the next event matching `match` after the cursor, letting the call go on until it comes. */
  private async ordered(
    line: number,
    match: (e: CallEvent) => boolean,
    message: string,
  ): Promise<CaseFailure | null> {
    const find = () => this.driver.events().findIndex((e, i) => i >= this.cursor && match(e));
    const result = await this.driver.runUntil(() => find() >= 0);
    const index = find();
    if (index < 0) return this.fail(line, `${message}; ${this.why(result)}`);
    this.cursor = index + 1;
    return null;
  }

  private why(result: string): string {
    return result === 'ended'
      ? this.t.ended
      : result === 'stuck'
        ? this.t.stuck
        : result === 'limit'
          ? this.t.limit
          : '';
  }

  private prompts(from: number): string[] {
    return this.driver.events().flatMap((e, i) => (i >= from && e.type === 'prompt' ? [e.text] : []));
  }

  /**
   * The flow line to show: the statement behind the last prompt heard since the cursor (what the
   * caller heard instead), else the statement the call was at last.
   */
  private fail(line: number, message: string, heardFrom = this.cursor): CaseFailure {
    const events = this.driver.events();
    const lastPrompt = events.findLastIndex((e, i) => i >= heardFrom && e.type === 'prompt');
    const upTo = lastPrompt >= 0 ? lastPrompt : events.length;
    const step = events.slice(0, upTo).findLast((e) => e.type === 'step');
    return {
      line,
      message,
      flowLine: step?.type === 'step' ? step.line : null,
      heard: this.prompts(heardFrom),
    };
  }
}

function describe(e: Expectation): string {
  switch (e.kind) {
    case 'hangup':
      return 'hangup';
    case 'outcome':
      return `outcome ${e.outcome}`;
    case 'log':
      return `log ${e.field} = ${JSON.stringify(e.value)}`;
    case 'transfer':
      return `transfer to ${e.target} "${e.destination}"`;
    default:
      return e.kind;
  }
}
