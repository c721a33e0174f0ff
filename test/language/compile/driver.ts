/**
 * A tiny host for compiler tests: compiles flow source, evaluates the script in a fresh QuickJS
 * context (as the runtime does) and steps it with scripted inputs, keeping the state outside the
 * sandbox as JSON text between steps.
 */
import { readFileSync } from 'node:fs';
import { getQuickJS, type QuickJSContext } from 'quickjs-emscripten';
import { analyze } from '../../../language/analyze.ts';
import { compileAll } from '../../../language/compile.ts';
import type {
  CallInfo,
  Clock,
  CompiledFlow,
  FlowState,
  InputResult,
  StepResult,
} from '../../../language/compiled-format.ts';
import { parseWorkspace, type Workspace } from '../../../language/workspace.ts';

/** The workspace of the test flows (flows/callflow.workspace.json). */
export const TEST_WORKSPACE: Workspace = workspaceFrom(
  JSON.parse(readFileSync(new URL('./flows/callflow.workspace.json', import.meta.url), 'utf8')),
);

export function workspaceFrom(json: unknown): Workspace {
  const parsed = parseWorkspace(json);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.workspace;
}

export const CALL: CallInfo = {
  id: 'call-1',
  caller: { number: '+380501112233', name: null },
  dialled: '0800300400',
  tenant: 'default',
};

/** Monday 10:30 in Kyiv, business hours open. */
export const CLOCK: Clock = {
  epochMs: Date.UTC(2025, 0, 6, 8, 30),
  local: { year: 2025, month: 1, day: 6, hour: 10, minute: 30, weekday: 1, iso: '2025-01-06T10:30:00+02:00' },
  open: { 'business-hours': true },
};

/** Compiles source that must have no errors (warnings are allowed). */
export function compileChecked(source: string, workspace: Workspace = TEST_WORKSPACE): CompiledFlow[] {
  const analysis = analyze(source, workspace);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new Error(
      errors.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`).join('\n'),
    );
  }
  return compileAll(analysis.document, workspace, { fileName: 'test.flow', source });
}

export interface ThrownError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  loc?: { line: number; column: number } | null;
}

export class FlowRunner {
  /** The state between steps, as the host keeps it: JSON text. */
  stateJson = '';
  clock: Clock = CLOCK;

  private constructor(
    readonly flow: CompiledFlow,
    private readonly ctx: QuickJSContext,
  ) {}

  static async load(flow: CompiledFlow): Promise<FlowRunner> {
    const quickjs = await getQuickJS();
    const ctx = quickjs.newContext();
    const result = ctx.evalCode(flow.code, flow.sourceMap.file);
    if (result.error) {
      const error = ctx.dump(result.error);
      result.error.dispose();
      ctx.dispose();
      throw new Error(`script failed to load: ${JSON.stringify(error)}`);
    }
    result.value.dispose();
    return new FlowRunner(flow, ctx);
  }

  static async compile(source: string, workspace?: Workspace): Promise<FlowRunner> {
    return FlowRunner.load(compileChecked(source, workspace)[0]);
  }

  get state(): FlowState {
    return JSON.parse(this.stateJson);
  }

  /** Calls `__flows[id][name](...args)` inside the sandbox; arguments and result cross as JSON. */
  invoke(name: 'start' | 'step' | 'fallback', ...args: unknown[]): StepResult {
    const argText = args.map((a) => `JSON.parse(${JSON.stringify(JSON.stringify(a))})`).join(', ');
    const code = `JSON.stringify(globalThis.__flows[${JSON.stringify(this.flow.meta.id)}].${name}(${argText}))`;
    const result = this.ctx.evalCode(code, 'host.js');
    if (result.error) {
      const error = this.ctx.dump(result.error) as ThrownError;
      result.error.dispose();
      throw Object.assign(new Error(error.message), { thrown: error });
    }
    const text = this.ctx.getString(result.value);
    result.value.dispose();
    const out = JSON.parse(text) as StepResult;
    this.stateJson = JSON.stringify(out.state);
    return out;
  }

  start(call: CallInfo = CALL): StepResult {
    return this.invoke('start', { call, clock: this.clock });
  }

  step(input: InputResult): StepResult {
    return this.invoke('step', JSON.parse(this.stateJson), { ...input, clock: this.clock });
  }

  fallback(error: unknown = { kind: 'threw', message: 'boom' }): StepResult {
    return this.invoke('fallback', JSON.parse(this.stateJson), error);
  }

  /** The error a step throws inside the sandbox (fails the test when it does not throw). */
  stepError(input: InputResult): ThrownError {
    try {
      this.step(input);
    } catch (error) {
      const thrown = (error as { thrown?: ThrownError }).thrown;
      if (thrown) return thrown;
      throw error;
    }
    throw new Error('the step did not throw');
  }

  dispose(): void {
    if (this.ctx.alive) this.ctx.dispose();
  }
}

/** Shorthands for host answers. */
export const played: InputResult = { type: 'played' };
export const ok: InputResult = { type: 'ok' };
export const timeout: InputResult = { type: 'timeout' };
export const digits = (d: string): InputResult => ({ type: 'digits', digits: d, terminated: false });
export const invalid = (d = '9'): InputResult => ({ type: 'invalid', digits: d });
export const dataOk = (value: unknown): InputResult => ({ type: 'data', ok: true, value: value as never });
export const dataFailed: InputResult = { type: 'data', ok: false, error: 'failed', message: 'down' };

/** Flow source written indented inside a test: drops the first line break and the common indent. */
export function flowSource(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '')
    .split('\n');
  const indent = Math.min(
    ...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length),
  );
  return `${lines.map((l) => l.slice(indent)).join('\n')}\n`;
}
