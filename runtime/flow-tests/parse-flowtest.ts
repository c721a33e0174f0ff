/**
 * `.flowtest` text → cases (flowtest-syntax.ts). One statement per line; indentation is free.
 * Never throws: a line it cannot read becomes a problem with its line number, in English or Russian.
 */
import type { Json } from '../../language/compiled-format.ts';
import { durationMs } from '../../language/workspace.ts';
import type { CallOutcome } from '../call-log.ts';
import type {
  Action,
  ArgPattern,
  Expectation,
  FlowTestCase,
  FlowTestFile,
  Given,
  GivenResult,
  Operator,
  OperatorSetup,
} from './flowtest-syntax.ts';
import { ANY, ValueReader } from './value-literal.ts';

export type TestLocale = 'en' | 'ru';

const MESSAGES = {
  en: {
    unknown: (text: string) => `cannot read "${text}"`,
    outsideCase: 'this belongs inside a `case`',
    duration: (text: string) => `"${text}" is not a duration (like 5s, 2m, 500ms)`,
    outcome: (text: string) =>
      `unknown outcome "${text}" (completed, abandoned, transferred, failed, queued)`,
    noCases: 'no `case` in this file',
  },
  ru: {
    unknown: (text: string) => `не удалось разобрать «${text}»`,
    outsideCase: 'это должно быть внутри `case`',
    duration: (text: string) => `«${text}» — не длительность (например 5s, 2m, 500ms)`,
    outcome: (text: string) =>
      `неизвестный исход «${text}» (completed, abandoned, transferred, failed, queued)`,
    noCases: 'в файле нет ни одного `case`',
  },
};

const STR = '"((?:[^"\\\\]|\\\\.)*)"';
const OUTCOMES: CallOutcome[] = ['completed', 'abandoned', 'transferred', 'failed', 'queued'];

class LineError extends Error {}

export function parseFlowTest(text: string, locale: TestLocale = 'en'): FlowTestFile {
  const m = MESSAGES[locale];
  const file: FlowTestFile = { flow: null, givens: [], operators: [], cases: [], problems: [] };
  let current: FlowTestCase | null = null;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = stripComment(raw).trim();
    if (content === '') return;
    try {
      let match: RegExpExecArray | null;
      if ((match = new RegExp(`^case\\s+${STR}$`).exec(content))) {
        current = {
          name: unquote(match[1]),
          line,
          caller: null,
          dialled: null,
          at: null,
          givens: [],
          operators: [],
          steps: [],
        };
        file.cases.push(current);
      } else if ((match = new RegExp(`^flow\\s+${STR}$`).exec(content))) {
        file.flow = unquote(match[1]);
      } else if (content.startsWith('given ')) {
        (current ?? file).givens.push(parseGiven(content, line));
      } else if (content.startsWith('operator ')) {
        (current ?? file).operators.push(parseOperator(content, line, m));
      } else if (
        (match = new RegExp(`^caller\\s+${STR}(?:\\s+calls\\s+${STR})?(?:\\s+at\\s+${STR})?$`).exec(content))
      ) {
        if (!current) throw new LineError(m.outsideCase);
        const c: FlowTestCase = current;
        c.caller = unquote(match[1]);
        c.dialled = match[2] === undefined ? null : unquote(match[2]);
        c.at = match[3] === undefined ? null : unquote(match[3]);
      } else {
        if (!current) throw new LineError(m.outsideCase);
        const c: FlowTestCase = current;
        c.steps.push({ line, text: content, action: parseAction(content, m) });
      }
    } catch (error) {
      file.problems.push({
        line,
        message:
          error instanceof LineError ? error.message : `${m.unknown(content)}: ${(error as Error).message}`,
      });
    }
  });
  if (file.cases.length === 0 && file.problems.length === 0)
    file.problems.push({ line: 1, message: m.noCases });
  return file;
}

function parseAction(content: string, m: (typeof MESSAGES)['en']): Action {
  let match: RegExpExecArray | null;
  if ((match = /^press\s+([0-9*#]+)$/.exec(content))) return { kind: 'press', keys: match[1] };
  if ((match = new RegExp(`^(?:press|enter)\\s+${STR}$`).exec(content))) {
    const keys = unquote(match[1]);
    if (!/^[0-9*#]+$/.test(keys)) throw new LineError(m.unknown(content));
    return { kind: 'press', keys };
  }
  if ((match = /^wait\s+(\S+)$/.exec(content))) return { kind: 'wait', ms: duration(match[1], m) };
  if (/^hang\s*up$/.test(content)) return { kind: 'hangup' };
  if ((match = /^expect\s+(.+)$/.exec(content)))
    return { kind: 'expect', expectation: parseExpectation(match[1], m) };
  throw new LineError(m.unknown(content));
}

function parseExpectation(text: string, m: (typeof MESSAGES)['en']): Expectation {
  let match: RegExpExecArray | null;
  if ((match = new RegExp(`^(not\\s+)?hear\\s+${STR}$`).exec(text))) {
    return { kind: 'hear', text: unquote(match[2]), negated: match[1] !== undefined };
  }
  if ((match = /^step\s+([\p{L}_][\p{L}\p{N}_]*)$/u.exec(text))) return { kind: 'step', step: match[1] };
  if ((match = new RegExp(`^queue\\s+${STR}(?:\\s+priority\\s+(-?\\d+))?$`).exec(text))) {
    return {
      kind: 'queue',
      queue: unquote(match[1]),
      priority: match[2] === undefined ? null : Number(match[2]),
    };
  }
  if ((match = new RegExp(`^connected(?:\\s+to\\s+${STR})?$`).exec(text))) {
    return { kind: 'connected', operator: match[1] === undefined ? null : unquote(match[1]) };
  }
  if ((match = /^data\s+(\w+)\.(\w+)\s+(ok|failed|timeout)$/.exec(text))) {
    return {
      kind: 'data',
      source: match[1],
      operation: match[2],
      result: match[3] as 'ok' | 'failed' | 'timeout',
    };
  }
  if ((match = /^log\s+([\p{L}_][\p{L}\p{N}_]*)\s*=\s*(.+)$/u.exec(text))) {
    return { kind: 'log', field: match[1], value: readValue(match[2]) };
  }
  if (/^hang\s*up$/.test(text)) return { kind: 'hangup' };
  if ((match = /^outcome\s+(\w+)$/.exec(text))) {
    if (!OUTCOMES.includes(match[1] as CallOutcome)) throw new LineError(m.outcome(match[1]));
    return { kind: 'outcome', outcome: match[1] as CallOutcome };
  }
  if ((match = new RegExp(`^transfer\\s+to\\s+(extension|number|queue)\\s+${STR}$`).exec(text))) {
    return {
      kind: 'transfer',
      target: match[1] as 'extension' | 'number' | 'queue',
      destination: unquote(match[2]),
    };
  }
  if ((match = /^error(?:\s+at\s+line\s+(\d+))?$/.exec(text))) {
    return { kind: 'error', line: match[1] === undefined ? null : Number(match[1]) };
  }
  throw new LineError(m.unknown(`expect ${text}`));
}

/** `given source.op(arg, any, ...) returns VALUE | fails | times out` */
function parseGiven(content: string, line: number): Given {
  const head = /^given\s+(\w+)\.(\w+)\s*\(/.exec(content);
  if (!head) throw new Error('expected `given source.operation(...)`');
  const reader = new ValueReader(content.slice(head[0].length));
  const args: ArgPattern[] = [];
  if (!reader.eat(')')) {
    do {
      const value = reader.read(true);
      args.push(value === ANY ? { any: true } : { value: value as Json });
    } while (reader.eat(','));
    reader.expect(')');
  }
  let result: GivenResult;
  if (reader.eat('returns')) result = { returns: reader.read(false) as Json };
  else if (reader.eat('fails')) result = { fails: true };
  else if (reader.eat('times out')) result = { timesOut: true };
  else throw new Error('expected `returns VALUE`, `fails` or `times out`');
  if (!reader.done) throw new Error(`unexpected "${reader.rest.trim()}"`);
  return { line, source: head[1], operation: head[2], args, result };
}

/** `operator "PJSIP/2001" answers after 3s | answers | never answers | is busy | is congested` */
function parseOperator(content: string, line: number, m: (typeof MESSAGES)['en']): Operator {
  const match = new RegExp(`^operator\\s+${STR}\\s+(.+)$`).exec(content);
  if (!match) throw new LineError(m.unknown(content));
  const what = match[2].trim();
  let behaviour: OperatorSetup;
  let after: RegExpExecArray | null;
  if ((after = /^answers\s+after\s+(\S+)$/.exec(what)))
    behaviour = { type: 'answer-after', delayMs: duration(after[1], m) };
  else if (what === 'answers') behaviour = { type: 'answer-after', delayMs: 1_000 };
  else if (what === 'never answers') behaviour = { type: 'never' };
  else if (what === 'is busy') behaviour = { type: 'busy' };
  else if (what === 'is congested') behaviour = { type: 'congestion' };
  else throw new LineError(m.unknown(content));
  return { line, endpoint: unquote(match[1]), behaviour };
}

function readValue(text: string): Json {
  const reader = new ValueReader(text);
  const value = reader.read(false) as Json;
  if (!reader.done) throw new Error(`unexpected "${reader.rest.trim()}"`);
  return value;
}

function duration(text: string, m: (typeof MESSAGES)['en']): number {
  if (!/^\d+(\.\d+)?(ms|s|m|h)$/.test(text)) throw new LineError(m.duration(text));
  return durationMs(text);
}

function unquote(inner: string): string {
  return JSON.parse(`"${inner}"`) as string;
}

/** Drops a `#` or `//` comment that is not inside quotes (keys like "123#" stay). */
function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '#' || (c === '/' && line[i + 1] === '/'))) {
      // `press 123#` keeps its '#': a comment starts a line or follows a space.
      if (c === '#' && i > 0 && line[i - 1] !== ' ' && line[i - 1] !== '\t') continue;
      if (c === '#' && /^\s*press\s+[0-9*#]*$/.test(line.slice(0, i + 1))) continue;
      return line.slice(0, i);
    }
  }
  return line;
}
