/**
 * Flow tests, as analysts write them in a `.flowtest` file next to a flow:
 *
 *   flow "support.flow"                                  (optional: default is the same name)
 *   given billing.balance("123456", any) returns {balance: 50, currency: "UAH"}
 *   operator "PJSIP/2001" answers after 3s
 *
 *   case "Баланс"
 *     caller "+380501234567" calls "0800300400" at "Mon 10:00"
 *     press 3
 *     enter "123456#"
 *     enter "1111#"
 *     expect hear "На вашем личном счету 50 гривен"
 *     expect hangup
 *
 * Lines before the first `case` apply to every case; `#` and `//` start comments.
 */
import type { Json } from '../../language/compiled-format.ts';
import type { CallOutcome } from '../call-log.ts';

/** An argument pattern in `given`: a value, or `any`. */
export type ArgPattern = { any: true } | { value: Json };

export type GivenResult = { returns: Json } | { fails: true } | { timesOut: true };

export interface Given {
  line: number;
  source: string;
  operation: string;
  args: ArgPattern[];
  result: GivenResult;
}

export type OperatorSetup =
  | { type: 'answer-after'; delayMs: number }
  | { type: 'never' }
  | { type: 'busy' }
  | { type: 'congestion' };

export interface Operator {
  line: number;
  endpoint: string;
  behaviour: OperatorSetup;
}

export type Expectation =
  | { kind: 'hear'; text: string; negated: boolean }
  | { kind: 'step'; step: string }
  | { kind: 'queue'; queue: string; priority: number | null }
  | { kind: 'connected'; operator: string | null }
  | { kind: 'data'; source: string; operation: string; result: 'ok' | 'failed' | 'timeout' }
  | { kind: 'log'; field: string; value: Json }
  | { kind: 'hangup' }
  | { kind: 'outcome'; outcome: CallOutcome }
  | { kind: 'transfer'; target: 'extension' | 'number' | 'queue'; destination: string }
  | { kind: 'error'; line: number | null };

export type Action =
  | { kind: 'press'; keys: string }
  | { kind: 'wait'; ms: number }
  | { kind: 'hangup' }
  | { kind: 'expect'; expectation: Expectation };

export interface CaseStep {
  line: number;
  /** The line as written, for reports. */
  text: string;
  action: Action;
}

export interface FlowTestCase {
  name: string;
  line: number;
  caller: string | null;
  dialled: string | null;
  at: string | null;
  givens: Given[];
  operators: Operator[];
  steps: CaseStep[];
}

export interface FlowTestFile {
  /** The flow file named by `flow "..."`, relative to the test file; null: same name, `.flow`. */
  flow: string | null;
  givens: Given[];
  operators: Operator[];
  cases: FlowTestCase[];
  /** Syntax problems: `line: message`. */
  problems: { line: number; message: string }[];
}
