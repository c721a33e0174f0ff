/**
 * The lowered form of a flow: blocks of straight-line operations, each ending in one terminator.
 * `lower.ts` produces it from the AST, `emit.ts` turns each block into one JavaScript function.
 *
 * A block either ends in a *command* (the call waits for the outside world; `resume` is the block
 * the host's answer is fed to) or *jumps* to another block within the same step. Terminators that
 * read the host's answer (`menu`, `ask`, `data`, `queue`, `answer`) only ever start a step: they are
 * reached as the `resume` of a command, never by a jump.
 */
import type { Expr, JsStmt, Prompt, StringLit } from '../ast.ts';
import type { SourceRange } from '../source-range.ts';

export type Label = string;

/** Variables of one flow or subflow, for identifier resolution and `js` blocks. */
export interface Scope {
  kind: 'flow' | 'subflow';
  /** Declared names in source order (let, ask, question, params). */
  vars: string[];
  /** Variables that hold secret references (never copied into `js` blocks). */
  secrets: Set<string>;
}

export interface Block {
  id: Label;
  scope: Scope;
  ops: Op[];
  term: Terminator;
}

export type Op =
  | { op: 'assign'; name: string; value: Expr; at: SourceRange }
  | { op: 'js'; node: JsStmt }
  /** Forget a menu/ask's failed attempts when the statement is entered afresh. */
  | { op: 'reset'; key: string; at: SourceRange }
  | { op: 'enterStep'; step: string; at: SourceRange }
  /** Leave every subflow frame (a `goto` out of a subflow, the fallback). */
  | { op: 'unwind'; at: SourceRange };

export type SpeechSource = Prompt | StringLit;

export type CommandIR =
  | { type: 'say'; parts: SpeechSource[] }
  | {
      type: 'collect';
      prompt: SpeechSource[];
      min: number;
      max: number;
      terminator: string | null;
      firstTimeoutMs: number;
      interDigitTimeoutMs: number;
      pattern: string | null;
      secret: boolean;
      validKeys: string[] | null;
    }
  | { type: 'data'; source: string; operation: string; args: Expr[] }
  | {
      type: 'queue';
      queue: string;
      priority: Expr | null;
      skills: string[];
      maxWaitMs: number | null;
      announce: Expr | null;
      announceEveryMs: number | null;
      music: string | null;
      handlesOverflow: boolean;
    }
  | { type: 'transfer'; target: 'extension' | 'queue' | 'number'; destination: Expr }
  | { type: 'record' }
  | { type: 'log'; field: string; value: Expr }
  | {
      type: 'question';
      name: string;
      text: Expr;
      answerType: 'yesno' | 'choice' | 'number' | 'text';
      min: number | null;
      max: number | null;
      options: { key: string; label: string }[];
    }
  | { type: 'hangup' };

export type Terminator =
  | { t: 'goto'; to: Label; at: SourceRange }
  | { t: 'if'; cond: Expr; ifTrue: Label; ifFalse: Label; at: SourceRange }
  | { t: 'retry'; key: string; times: number; to: Label; otherwise: Label; at: SourceRange }
  | { t: 'repeat'; key: string; retries: number; prompt: Label; after: Label; at: SourceRange }
  | { t: 'command'; command: CommandIR; resume: Label; at: SourceRange }
  | {
      t: 'menu';
      key: string;
      choices: Record<string, Label>;
      timeout: Label;
      invalid: Label;
      at: SourceRange;
    }
  | {
      t: 'ask';
      key: string;
      target: string;
      secret: boolean;
      min: number;
      max: number;
      next: Label;
      timeout: Label;
      invalid: Label;
      at: SourceRange;
    }
  | { t: 'data'; target: string | null; ok: Label; error: Label; at: SourceRange }
  /** After a queue with `on overflow`: an outcome runs the branch; any other answer ends the call. */
  | { t: 'queue'; overflow: Label; at: SourceRange }
  | {
      t: 'answer';
      name: string;
      answerType: 'yesno' | 'choice' | 'number' | 'text';
      branches: Record<string, Label>;
      next: Label;
      at: SourceRange;
    }
  | {
      t: 'call';
      entry: Label;
      params: string[];
      args: Expr[];
      target: string | null;
      returnTo: Label;
      at: SourceRange;
    }
  | { t: 'return'; value: Expr | null; at: SourceRange }
  /** A construct the checker should have rejected: fails the step (the host runs the fallback). */
  | { t: 'fail'; code: string; message: string; at: SourceRange };

/** Well-known block ids. Named steps are `step <name>`, subflows `sub <name>`. */
export const ENTRY = 'main';
export const FALLBACK = '$fallback';
export const DEFAULT_FALLBACK = '$default';
export const END = '$end';

export const stepLabel = (name: string): Label => `step ${name}`;
export const subflowLabel = (name: string): Label => `sub ${name}`;

/** Every label a terminator may continue at. */
export function successors(term: Terminator): Label[] {
  switch (term.t) {
    case 'goto':
      return [term.to];
    case 'if':
      return [term.ifTrue, term.ifFalse];
    case 'retry':
      return [term.to, term.otherwise];
    case 'repeat':
      return [term.prompt, term.after];
    case 'command':
      return [term.resume];
    case 'menu':
      return [...Object.values(term.choices), term.timeout, term.invalid];
    case 'ask':
      return [term.next, term.timeout, term.invalid];
    case 'data':
      return [term.ok, term.error];
    case 'queue':
      return [term.overflow, END];
    case 'answer':
      return [...Object.values(term.branches), term.next];
    case 'call':
      return [term.entry, term.returnTo];
    case 'return':
    case 'fail':
      return [];
  }
}

/** The same terminator with every label passed through `f`. */
export function mapLabels(term: Terminator, f: (label: Label) => Label): Terminator {
  const mapRecord = (r: Record<string, Label>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, f(v)]));
  switch (term.t) {
    case 'goto':
      return { ...term, to: f(term.to) };
    case 'if':
      return { ...term, ifTrue: f(term.ifTrue), ifFalse: f(term.ifFalse) };
    case 'retry':
      return { ...term, to: f(term.to), otherwise: f(term.otherwise) };
    case 'repeat':
      return { ...term, prompt: f(term.prompt), after: f(term.after) };
    case 'command':
      return { ...term, resume: f(term.resume) };
    case 'menu':
      return {
        ...term,
        choices: mapRecord(term.choices),
        timeout: f(term.timeout),
        invalid: f(term.invalid),
      };
    case 'ask':
      return { ...term, next: f(term.next), timeout: f(term.timeout), invalid: f(term.invalid) };
    case 'data':
      return { ...term, ok: f(term.ok), error: f(term.error) };
    case 'queue':
      return { ...term, overflow: f(term.overflow) };
    case 'answer':
      return { ...term, branches: mapRecord(term.branches), next: f(term.next) };
    case 'call':
      return { ...term, entry: f(term.entry), returnTo: f(term.returnTo) };
    case 'return':
    case 'fail':
      return term;
  }
}
