/**
 * What the parser hands to the assembler: the file as a tree of lines. Each line is a statement or
 * a clause (`prompt`, `on 1 -> …`, `step x`, `announce …`), with the lines indented under it as
 * children. The grammar stays uniform (a block is a list of lines) so a syntax error never spreads
 * past its line; which line may stand under which is decided by assemble.ts, with clear messages.
 */
import type {
  AnswersClause,
  ChoiceKey,
  DurationLit,
  Expr,
  FallbackClause,
  GroupClause,
  LanguageClause,
  Name,
  Prompt,
  Statement,
  StringLit,
  TimezoneClause,
} from './ast.ts';
import type { SourceRange } from './source-range.ts';

export interface Line {
  head: LineHead;
  /** Lines indented under this one; null when none. */
  children: Line[] | null;
}

export type LineHead =
  | Statement
  | AnswersClause
  | LanguageClause
  | FallbackClause
  | GroupClause
  | TimezoneClause
  | FlowLine
  | SubflowLine
  | StepLine
  | PromptLine
  | OnLine
  | AfterRetriesLine
  | OptionLine
  | AnnounceLine
  | MusicLine
  | ElseLine
  | ErrorLine;

export interface FlowLine {
  kind: 'FlowLine';
  flavor: 'flow' | 'survey';
  name: StringLit;
  range: SourceRange;
}

export interface SubflowLine {
  kind: 'SubflowLine';
  name: Name;
  params: Name[];
  range: SourceRange;
}

export interface StepLine {
  kind: 'StepLine';
  name: Name;
  range: SourceRange;
}

export interface PromptLine {
  kind: 'PromptLine';
  prompt: Prompt;
  range: SourceRange;
}

/** `on 1, 2 -> stmt` or `on timeout` (block below). */
export interface OnLine {
  kind: 'OnLine';
  keys: ChoiceKey[];
  /** The statement after `->`; null without an arrow. */
  action: Statement | null;
  /** From `->` to the end of the line, when there is an arrow. */
  arrowRange: SourceRange | null;
  range: SourceRange;
}

export interface AfterRetriesLine {
  kind: 'AfterRetriesLine';
  action: Statement | null;
  arrowRange: SourceRange | null;
  range: SourceRange;
}

export interface OptionLine {
  kind: 'OptionLine';
  key: ChoiceKey;
  label: StringLit;
  range: SourceRange;
}

export interface AnnounceLine {
  kind: 'AnnounceLine';
  text: Expr;
  every: DurationLit | null;
  range: SourceRange;
}

export interface MusicLine {
  kind: 'MusicLine';
  music: StringLit;
  range: SourceRange;
}

/** `else` or `else if cond`. */
export interface ElseLine {
  kind: 'ElseLine';
  condition: Expr | null;
  range: SourceRange;
}

/** A line the parser could not read; its diagnostic is already reported. */
export interface ErrorLine {
  kind: 'ErrorLine';
  range: SourceRange;
}
