/**
 * The callflow AST: what the parser produces and the checker, compiler, formatter and editor
 * services consume. Every node carries its source range. Names that refer to something (a step,
 * a queue, a variable) are `Name` nodes so diagnostics and go-to-definition can point at them exactly.
 *
 * Syntax summary (see docs/language.md for the full reference):
 *
 *   flow "Поддержка"                    | survey "Опрос"          | subflow greet(name)
 *     answers "0800300400"              header clauses (flow/survey only)
 *     language ru
 *     ...statements...                  the entry body
 *     step balance                      named steps (flow/survey only), each its own body
 *       ...statements...
 */
import type { SourceRange } from './source-range.ts';

export interface NodeBase {
  range: SourceRange;
}

export interface Name extends NodeBase {
  kind: 'Name';
  text: string;
}

// ---------------------------------------------------------------------------------------------
// Documents

export interface Document extends NodeBase {
  kind: 'Document';
  /** Top-level declarations in source order. A file usually holds one flow or survey plus subflows. */
  declarations: Declaration[];
  /** Comments (`// ...` to end of line) in source order; the formatter re-attaches them by line. */
  comments: Comment[];
}

export interface Comment extends NodeBase {
  kind: 'Comment';
  text: string;
}

export type Declaration = FlowDecl | SubflowDecl;

/** `flow "Name"` or `survey "Name"`: one entry body plus named steps. */
export interface FlowDecl extends NodeBase {
  kind: 'Flow';
  flavor: 'flow' | 'survey';
  name: StringLit;
  header: HeaderClause[];
  body: Statement[];
  steps: StepDecl[];
}

export type HeaderClause = AnswersClause | LanguageClause | FallbackClause | GroupClause | TimezoneClause;

/** `answers "0800300400", "+380441234567"`: dialled numbers (DNIS) bound to this flow. */
export interface AnswersClause extends NodeBase {
  kind: 'Answers';
  numbers: StringLit[];
}

/** `language ru` (ru | uk | en): the language prompts are spoken in. */
export interface LanguageClause extends NodeBase {
  kind: 'Language';
  language: Name;
}

/** `fallback -> queue "general"`: where a call goes when the script fails. */
export interface FallbackClause extends NodeBase {
  kind: 'Fallback';
  action: Statement;
}

/** `group "survey-team"`: the operator group that runs a survey as a script. */
export interface GroupClause extends NodeBase {
  kind: 'Group';
  group: StringLit;
}

/** `timezone "Europe/Kyiv"`: the zone `now` is read in (default: the workspace's). */
export interface TimezoneClause extends NodeBase {
  kind: 'Timezone';
  zone: StringLit;
}

/** `step name` block inside a flow. Steps never fall through into the next step. */
export interface StepDecl extends NodeBase {
  kind: 'Step';
  name: Name;
  body: Statement[];
}

/** `subflow name(a, b)` — a reusable piece with parameters; `return [expr]` ends it. */
export interface SubflowDecl extends NodeBase {
  kind: 'Subflow';
  name: Name;
  params: Name[];
  body: Statement[];
}

// ---------------------------------------------------------------------------------------------
// Statements

export type Statement =
  | SayStmt
  | PlayStmt
  | MenuStmt
  | AskStmt
  | QuestionStmt
  | LetStmt
  | SetStmt
  | IfStmt
  | GotoStmt
  | RetryStmt
  | RepeatStmt
  | QueueStmt
  | TransferStmt
  | RecordStmt
  | HangupStmt
  | LogStmt
  | CallStmt
  | ReturnStmt
  | DataStmt
  | JsStmt;

/** `say "text {expr} more"` — synthesized speech; several comma-separated parts are spoken in turn. */
export interface SayStmt extends NodeBase {
  kind: 'Say';
  parts: Expr[];
}

/** `play "prompt-name"` — a recorded prompt declared in the workspace. */
export interface PlayStmt extends NodeBase {
  kind: 'Play';
  prompt: StringLit;
}

/** A prompt inside a menu/ask/question: spoken text or a recorded prompt. */
export type Prompt = SayStmt | PlayStmt;

/**
 * ```
 * menu main retries 3 timeout 5s
 *   prompt "Нажмите 1 ..."
 *   on 1 -> queue "tech"          (or an indented block)
 *   on timeout, invalid -> repeat
 *   after retries -> queue "general"
 * ```
 */
export interface MenuStmt extends NodeBase {
  kind: 'Menu';
  name: Name;
  retries: NumberLit | null;
  timeout: DurationLit | null;
  prompts: Prompt[];
  choices: MenuChoice[];
  /** `after retries -> ...`; null when absent (the checker may require it). */
  afterRetries: Branch | null;
}

/** Keys are '0'-'9', '*', '#', or the events 'timeout' / 'invalid'. */
export interface MenuChoice extends NodeBase {
  kind: 'Choice';
  keys: ChoiceKey[];
  body: Branch;
}

export interface ChoiceKey extends NodeBase {
  kind: 'ChoiceKey';
  key: string;
}

/** Either `-> statement` on the same line or an indented block. */
export interface Branch extends NodeBase {
  kind: 'Branch';
  arrow: boolean;
  body: Statement[];
}

/**
 * ```
 * ask secret pin = digits 4..4 until "#" timeout 7s interdigit 3s matching "^[0-9]+$" retries 3
 *   prompt "Введите PIN ..."
 *   on invalid -> say "..."
 *   after retries -> queue "general"
 * ```
 */
export interface AskStmt extends NodeBase {
  kind: 'Ask';
  secret: boolean;
  target: Name;
  min: NumberLit;
  max: NumberLit;
  terminator: StringLit | null;
  timeout: DurationLit | null;
  interdigit: DurationLit | null;
  pattern: StringLit | null;
  retries: NumberLit | null;
  prompts: Prompt[];
  /** `on invalid` / `on timeout` handlers, run before re-prompting. */
  handlers: MenuChoice[];
  afterRetries: Branch | null;
}

/**
 * A survey question; stored with the call and the customer. Runs as an operator script (the operator
 * records the answer) or as a keypad survey (yes = 1, no = 2, choices by their key, numbers as digits).
 * ```
 * question satisfied "Удовлетворены ли Вы ...?" yesno
 *   on yes -> question services "Какими сервисами ...?" text
 *   on no  -> question complaint "Что именно ...?" text
 * question score "Оцените от 1 до 5" number 1..5
 * question source "Откуда узнали?" choice
 *   option 1 "Реклама"
 *   option 2 "Друзья"
 * ```
 */
export interface QuestionStmt extends NodeBase {
  kind: 'Question';
  name: Name;
  text: Expr;
  answerType: 'yesno' | 'choice' | 'number' | 'text';
  min: NumberLit | null;
  max: NumberLit | null;
  options: QuestionOption[];
  /** `on yes`, `on no`, `on 1` (an option key) branches. */
  branches: QuestionBranch[];
}

export interface QuestionOption extends NodeBase {
  kind: 'Option';
  key: ChoiceKey;
  label: StringLit;
}

export interface QuestionBranch extends NodeBase {
  kind: 'QuestionBranch';
  /** 'yes' | 'no' | an option key. */
  answer: ChoiceKey;
  body: Branch;
}

/** `let x = expr` declares; a data operation on the right makes it a wait point (see DataStmt). */
export interface LetStmt extends NodeBase {
  kind: 'Let';
  target: Name;
  value: Expr;
  /** `on error -> ...` after a data-operation call; null otherwise. */
  onError: Branch | null;
}

/** `set x = expr` assigns an already declared variable. */
export interface SetStmt extends NodeBase {
  kind: 'Set';
  target: Name;
  value: Expr;
  onError: Branch | null;
}

export interface IfStmt extends NodeBase {
  kind: 'If';
  condition: Expr;
  then: Statement[];
  /** `else if` chains are nested IfStmt in a one-element else block. */
  otherwise: Statement[] | null;
}

/** `goto step` */
export interface GotoStmt extends NodeBase {
  kind: 'Goto';
  target: Name;
}

/** `retry balance at most 3 times, then queue "general"`: a bounded goto. */
export interface RetryStmt extends NodeBase {
  kind: 'Retry';
  target: Name;
  times: NumberLit;
  otherwise: Statement;
}

/** `repeat` — re-prompt the enclosing menu/ask (counts against its retries). */
export interface RepeatStmt extends NodeBase {
  kind: 'Repeat';
}

/**
 * ```
 * queue "tech-support" priority (customer.vip ? 10 : 0) skills "internet", "ru" max wait 10m
 *   announce "Все операторы на линии заняты. Приблизительное время ожидания {ewt} мин." every 60s
 *   music "default"
 *   on overflow -> queue "general"
 * ```
 * A queue ends the flow when an operator answers. Without `on overflow`, overflow follows the
 * queue's configured target.
 */
export interface QueueStmt extends NodeBase {
  kind: 'Queue';
  queue: StringLit;
  priority: Expr | null;
  skills: StringLit[];
  maxWait: DurationLit | null;
  announce: Expr | null;
  announceEvery: DurationLit | null;
  music: StringLit | null;
  onOverflow: Branch | null;
}

/** `transfer to extension "1001"` | `transfer to queue "general"` | `transfer to number "+380..."` */
export interface TransferStmt extends NodeBase {
  kind: 'Transfer';
  target: 'extension' | 'queue' | 'number';
  destination: Expr;
}

/** `record call` starts recording the whole call (announce it first, the checker warns otherwise). */
export interface RecordStmt extends NodeBase {
  kind: 'Record';
}

export interface HangupStmt extends NodeBase {
  kind: 'Hangup';
}

/** `log reason = "vip"` — a custom field on the call log. */
export interface LogStmt extends NodeBase {
  kind: 'Log';
  field: Name;
  value: Expr;
}

/** `call greet("Иван")` — run a subflow; `let x = call f(..)` is a LetStmt with a CallExpr value. */
export interface CallStmt extends NodeBase {
  kind: 'CallStmt';
  call: CallExpr;
}

export interface ReturnStmt extends NodeBase {
  kind: 'Return';
  value: Expr | null;
}

/** A data operation used as a statement (no result): `crm.logContact(caller.number)` + `on error`. */
export interface DataStmt extends NodeBase {
  kind: 'Data';
  call: CallExpr;
  onError: Branch | null;
}

/** `js { ...statements... }` — sandboxed synchronous JavaScript; sees variables read-only. */
export interface JsStmt extends NodeBase {
  kind: 'Js';
  code: string;
  /** Range of the code between the braces, for mapping errors inside it. */
  codeRange: SourceRange;
}

// ---------------------------------------------------------------------------------------------
// Expressions

export type Expr =
  | NumberLit
  | StringLit
  | TemplateLit
  | BoolLit
  | NoneLit
  | DurationLit
  | ListLit
  | Ident
  | Member
  | CallExpr
  | Unary
  | Binary
  | Conditional
  | IsNone
  | Within
  | JsExpr
  | Paren;

export interface NumberLit extends NodeBase {
  kind: 'Number';
  value: number;
}

/** A plain string with no `{...}` interpolation. `value` is unescaped. */
export interface StringLit extends NodeBase {
  kind: 'String';
  value: string;
}

/** `"На счету {money(a.balance, a.currency)}."` — alternating text and expressions. */
export interface TemplateLit extends NodeBase {
  kind: 'Template';
  parts: (string | Expr)[];
}

export interface BoolLit extends NodeBase {
  kind: 'Bool';
  value: boolean;
}

export interface NoneLit extends NodeBase {
  kind: 'None';
}

/** `5s`, `2m`, `1h`, `500ms`; value in milliseconds. */
export interface DurationLit extends NodeBase {
  kind: 'Duration';
  ms: number;
  text: string;
}

export interface ListLit extends NodeBase {
  kind: 'List';
  items: Expr[];
}

export interface Ident extends NodeBase {
  kind: 'Ident';
  name: string;
}

export interface Member extends NodeBase {
  kind: 'Member';
  object: Expr;
  property: Name;
}

/**
 * `f(a, b)`: a builtin (`length(s)`), a speech format (`money(x, "UAH")`), a data operation
 * (`billing.balance(c, p)` — callee is a Member on the source name), or `call sub(..)`.
 */
export interface CallExpr extends NodeBase {
  kind: 'Call';
  callee: Ident | Member;
  args: Expr[];
  /** True for `call name(...)` (a subflow call). */
  subflow: boolean;
}

export interface Unary extends NodeBase {
  kind: 'Unary';
  op: 'not' | '-';
  operand: Expr;
}

export type BinaryOp =
  | 'or'
  | 'and'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'in'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

export interface Binary extends NodeBase {
  kind: 'Binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
}

/** `cond ? a : b` */
export interface Conditional extends NodeBase {
  kind: 'Conditional';
  test: Expr;
  then: Expr;
  otherwise: Expr;
}

/** `x is none` / `x is not none` */
export interface IsNone extends NodeBase {
  kind: 'IsNone';
  operand: Expr;
  negated: boolean;
}

/** `within "business-hours"` — true when the calendar is open now. */
export interface Within extends NodeBase {
  kind: 'Within';
  calendar: StringLit;
}

/** `js { expression }` in expression position. */
export interface JsExpr extends NodeBase {
  kind: 'JsExpr';
  code: string;
  codeRange: SourceRange;
}

/** Kept so the formatter preserves the author's parentheses. */
export interface Paren extends NodeBase {
  kind: 'Paren';
  inner: Expr;
}

export type AnyNode =
  | Document
  | Declaration
  | HeaderClause
  | StepDecl
  | Statement
  | MenuChoice
  | ChoiceKey
  | Branch
  | QuestionOption
  | QuestionBranch
  | Expr
  | Name
  | Comment;
