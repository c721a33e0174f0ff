/**
 * Fits the parser's line tree into the AST: clauses go to the statement they are indented under
 * (`prompt` and `on` under a menu, `on error` under a data operation, `announce` under a queue),
 * `else` lines join the `if` before them, steps and header clauses join their flow. A line in the
 * wrong place is a CF101 diagnostic naming what is allowed there.
 *
 * The line heads are never changed: a statement that gains children is a copy. The parser's heads
 * can then be kept between versions of a document (parse.ts) and shared by their documents.
 */
import type {
  Branch,
  Declaration,
  FlowDecl,
  HeaderClause,
  IfStmt,
  MenuChoice,
  NodeBase,
  QuestionBranch,
  Statement,
  StepDecl,
} from './ast.ts';
import type { Diagnostic, Locale } from './diagnostic.ts';
import type { AfterRetriesLine, Line, LineHead, OnLine } from './line-tree.ts';
import { phrase, syntaxDiagnostic } from './messages-syntax.ts';
import { type SourceRange, spanRanges } from './source-range.ts';

const HEADER_KINDS = new Set(['Answers', 'Language', 'Fallback', 'Group', 'Timezone']);

export function assemble(
  lines: Line[],
  locale: Locale,
): { declarations: Declaration[]; diagnostics: Diagnostic[] } {
  return new Assembler(locale).document(lines);
}

class Assembler {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly locale: Locale) {}

  document(lines: Line[]): { declarations: Declaration[]; diagnostics: Diagnostic[] } {
    const declarations: Declaration[] = [];
    for (const line of lines) {
      const head = line.head;
      if (head.kind === 'ErrorLine') continue;
      if (head.kind === 'FlowLine') declarations.push(this.flow(line, head));
      else if (head.kind === 'SubflowLine') {
        const body = this.statements(line.children ?? [], 'inSubflow');
        declarations.push({
          kind: 'Subflow',
          name: head.name,
          params: head.params,
          body,
          range: this.extent(head, line),
        });
      } else this.misplaced(head, 'atTopLevel');
    }
    return { declarations, diagnostics: this.diagnostics };
  }

  private flow(line: Line, head: Extract<LineHead, { kind: 'FlowLine' }>): FlowDecl {
    const header: HeaderClause[] = [];
    const steps: StepDecl[] = [];
    const bodyLines: Line[] = [];
    let phase: 'header' | 'body' | 'steps' = 'header';
    for (const child of line.children ?? []) {
      const h = child.head;
      if (h.kind === 'ErrorLine') continue;
      if (HEADER_KINDS.has(h.kind)) {
        if (phase !== 'header') this.misplaced(h, 'afterStatements');
        header.push(this.headerClause(h as HeaderClause, child));
      } else if (h.kind === 'StepLine') {
        phase = 'steps';
        const body = this.statements(child.children ?? [], 'inBody');
        steps.push({ kind: 'Step', name: h.name, body, range: this.extent(h, child) });
      } else if (phase === 'steps') {
        this.misplaced(h, 'afterSteps');
      } else {
        phase = 'body';
        bodyLines.push(child);
      }
    }
    const body = this.statements(bodyLines, 'inBody');
    return {
      kind: 'Flow',
      flavor: head.flavor,
      name: head.name,
      header,
      body,
      steps,
      range: this.extent(head, line),
    };
  }

  private headerClause(clause: HeaderClause, line: Line): HeaderClause {
    if (clause.kind === 'Fallback') {
      const action = this.withChildren(clause.action, line.children);
      return { ...clause, action, range: spanRanges(clause.range, action.range) };
    }
    this.noBlock(clause, line);
    return clause;
  }

  /** A statement list; `else` lines attach to the `if` before them. */
  statements(lines: Line[], where: string): Statement[] {
    const out: Statement[] = [];
    // The `if` and its `else if`s that a following `else` line would continue; each ends where it does.
    let chain: IfStmt[] = [];
    for (const line of lines) {
      const head = line.head;
      if (head.kind === 'ErrorLine') continue;
      if (head.kind === 'ElseLine') {
        const open = chain[chain.length - 1];
        if (open === undefined) {
          this.report('CF101.elseWithoutIf', head.range);
          continue;
        }
        if (line.children === null) this.report('CF101.needsBlock', head.range, { line: 'else' });
        const body = this.statements(line.children ?? [], where);
        const end = body.length > 0 ? body[body.length - 1]!.range : head.range;
        for (const node of chain) node.range = spanRanges(node.range, end);
        if (head.condition === null) {
          open.otherwise = body;
          chain = [];
        } else {
          const nested: IfStmt = {
            kind: 'If',
            condition: head.condition,
            then: body,
            otherwise: null,
            range: spanRanges(head.range, end),
          };
          open.otherwise = [nested];
          chain.push(nested);
        }
        continue;
      }
      chain = [];
      if (!isStatement(head)) {
        this.misplaced(head, where);
        continue;
      }
      const statement = this.withChildren(head, line.children);
      out.push(statement);
      if (statement.kind === 'If') chain = [statement];
    }
    return out;
  }

  /** Attaches the lines indented under a statement (to a copy of it). */
  withChildren(head: Statement, children: Line[] | null): Statement {
    if (children === null) {
      if (head.kind !== 'If') return head;
      this.report('CF101.needsBlock', head.range, { line: 'if' });
      return { ...head }; // an `else` line may still extend it
    }
    const range = this.childrenRange(head.range, children);
    switch (head.kind) {
      case 'If': {
        const node = { ...head, range };
        node.then = this.statements(children, 'inBody');
        return node;
      }
      case 'Menu':
      case 'Ask': {
        const node = { ...head, range, prompts: [...head.prompts] };
        if (node.kind === 'Menu') node.choices = [...node.choices];
        else node.handlers = [...node.handlers];
        for (const child of children) {
          const h = child.head;
          if (h.kind === 'ErrorLine') continue;
          if (h.kind === 'PromptLine') {
            this.noBlock(h, child);
            node.prompts.push(h.prompt);
          } else if (h.kind === 'OnLine') {
            const choice = this.choice(h, child);
            if (node.kind === 'Menu') node.choices.push(choice);
            else node.handlers.push(choice);
          } else if (h.kind === 'AfterRetriesLine') {
            if (node.afterRetries !== null)
              this.report('CF101.duplicate', h.range, { clause: 'after retries' });
            else node.afterRetries = this.branch(h, child);
          } else this.misplaced(h, node.kind === 'Menu' ? 'inMenu' : 'inAsk');
        }
        return node;
      }
      case 'Question': {
        const node = { ...head, range, options: [...head.options], branches: [...head.branches] };
        for (const child of children) {
          const h = child.head;
          if (h.kind === 'ErrorLine') continue;
          if (h.kind === 'OptionLine') {
            this.noBlock(h, child);
            node.options.push({ kind: 'Option', key: h.key, label: h.label, range: h.range });
          } else if (h.kind === 'OnLine') {
            const body = this.branch(h, child);
            for (const key of h.keys) {
              const branch: QuestionBranch = {
                kind: 'QuestionBranch',
                answer: key,
                body,
                range: spanRanges(h.range, body.range),
              };
              node.branches.push(branch);
            }
          } else this.misplaced(h, 'inQuestion');
        }
        return node;
      }
      case 'Let':
      case 'Set':
      case 'Data': {
        const node = { ...head, range };
        for (const child of children) {
          const h = child.head;
          if (h.kind === 'ErrorLine') continue;
          if (h.kind === 'OnLine' && h.keys.length === 1 && h.keys[0]!.key === 'error') {
            if (node.onError !== null) this.report('CF101.duplicate', h.range, { clause: 'on error' });
            else node.onError = this.branch(h, child);
          } else this.misplaced(h, 'afterData');
        }
        return node;
      }
      case 'Queue': {
        const node = { ...head, range };
        for (const child of children) {
          const h = child.head;
          if (h.kind === 'ErrorLine') continue;
          if (h.kind === 'AnnounceLine') {
            this.noBlock(h, child);
            if (node.announce !== null) this.report('CF101.duplicate', h.range, { clause: 'announce' });
            else {
              node.announce = h.text;
              node.announceEvery = h.every;
            }
          } else if (h.kind === 'MusicLine') {
            this.noBlock(h, child);
            if (node.music !== null) this.report('CF101.duplicate', h.range, { clause: 'music' });
            else node.music = h.music;
          } else if (h.kind === 'OnLine' && h.keys.length === 1 && h.keys[0]!.key === 'overflow') {
            if (node.onOverflow !== null) this.report('CF101.duplicate', h.range, { clause: 'on overflow' });
            else node.onOverflow = this.branch(h, child);
          } else this.misplaced(h, 'inQueue');
        }
        return node;
      }
      default:
        this.report('CF101.noBlock', head.range, { line: lineWord(head) });
        return head;
    }
  }

  private choice(head: OnLine, line: Line): MenuChoice {
    const body = this.branch(head, line);
    return { kind: 'Choice', keys: head.keys, body, range: spanRanges(head.range, body.range) };
  }

  /** `-> stmt` (children go to that statement) or an indented block. */
  private branch(head: OnLine | AfterRetriesLine, line: Line): Branch {
    if (head.action !== null) {
      const action = this.withChildren(head.action, line.children);
      return {
        kind: 'Branch',
        arrow: true,
        body: [action],
        range: spanRanges(head.arrowRange!, action.range),
      };
    }
    if (line.children === null) {
      this.report('CF101.needsBlock', head.range, { line: lineWord(head) });
      return { kind: 'Branch', arrow: false, body: [], range: head.range };
    }
    const body = this.statements(line.children, 'inBody');
    const range = body.length > 0 ? spanRanges(body[0]!.range, body[body.length - 1]!.range) : head.range;
    return { kind: 'Branch', arrow: false, body, range };
  }

  private noBlock(head: LineHead, line: Line): void {
    if (line.children !== null && line.children.length > 0) {
      this.report('CF101.noBlock', head.range, { line: lineWord(head) });
    }
  }

  private misplaced(head: LineHead, where: string): void {
    this.report('CF101.misplaced', head.range, { line: lineWord(head), where: phrase(where, this.locale) });
  }

  private report(key: string, range: SourceRange, args: Record<string, string | number> = {}): void {
    this.diagnostics.push(syntaxDiagnostic(key, range, this.locale, args));
  }

  /** A line's range with everything indented under it: the children come in order, so follow the last. */
  private extent(head: NodeBase, line: Line): SourceRange {
    let last: Line = line;
    while (last.children !== null && last.children.length > 0)
      last = last.children[last.children.length - 1]!;
    return last === line ? head.range : spanRanges(head.range, last.head.range);
  }

  private childrenRange(range: SourceRange, children: Line[]): SourceRange {
    const last = children[children.length - 1];
    return last === undefined ? range : spanRanges(range, this.extent(last.head, last));
  }
}

const STATEMENT_KINDS = new Set([
  'Say',
  'Play',
  'Menu',
  'Ask',
  'Question',
  'Let',
  'Set',
  'If',
  'Goto',
  'Retry',
  'Repeat',
  'Queue',
  'Transfer',
  'Record',
  'Hangup',
  'Log',
  'CallStmt',
  'Return',
  'Data',
  'Js',
]);

function isStatement(head: LineHead): head is Statement {
  return STATEMENT_KINDS.has(head.kind);
}

const LINE_WORDS: Record<string, string> = {
  FlowLine: 'flow',
  SubflowLine: 'subflow',
  StepLine: 'step',
  PromptLine: 'prompt',
  OnLine: 'on',
  AfterRetriesLine: 'after retries',
  OptionLine: 'option',
  AnnounceLine: 'announce',
  MusicLine: 'music',
  ElseLine: 'else',
  Answers: 'answers',
  Language: 'language',
  Fallback: 'fallback',
  Group: 'group',
  Timezone: 'timezone',
  Data: 'source.operation(…)',
  Js: 'js { … }',
  Record: 'record call',
  CallStmt: 'call',
};

/** The word a line starts with, for messages. */
function lineWord(head: LineHead): string {
  if (head.kind === 'OnLine') return `on ${head.keys.map((k) => k.key).join(', ')}`;
  if (head.kind === 'FlowLine') return head.flavor;
  return LINE_WORDS[head.kind] ?? head.kind.toLowerCase();
}
