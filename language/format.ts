/**
 * The canonical layout of a flow: 2-space indentation, one statement per line, normalized spacing
 * and quotes, at most one blank line, a blank line before each `step` and `subflow`. Every comment
 * stays: a comment after code stays on that code's line, a comment on its own line stays above the
 * line that followed it. Refuses (text: null) when the source has syntax errors.
 */
import type {
  Branch,
  Declaration,
  FlowDecl,
  HeaderClause,
  MenuChoice,
  Prompt,
  QueueStmt,
  Statement,
} from './ast.ts';
import type { Diagnostic, Locale } from './diagnostic.ts';
import { ExprPrinter, quote, quotePattern } from './format-expr.ts';
import { type ParsedComment, PrintBuffer } from './format-layout.ts';
import { parse } from './parse.ts';

export interface FormatResult {
  text: string | null;
  diagnostics: Diagnostic[];
}

export function format(source: string, options: { locale?: Locale } = {}): FormatResult {
  const { document, diagnostics } = parse(source, options);
  if (diagnostics.some((d) => d.severity === 'error')) return { text: null, diagnostics };
  const comments: ParsedComment[] = document.comments.map((c) => ({
    line: c.range.start.line,
    column: c.range.start.column,
    text: c.text,
  }));
  const printer = new FlowPrinter(source, new PrintBuffer(source, comments));
  for (const [i, declaration] of document.declarations.entries()) printer.declaration(declaration, i > 0);
  return { text: printer.out.finish(), diagnostics };
}

class FlowPrinter {
  private readonly expr: ExprPrinter;

  constructor(
    private readonly source: string,
    readonly out: PrintBuffer,
  ) {
    this.expr = new ExprPrinter(source);
  }

  declaration(d: Declaration, blankBefore: boolean): void {
    if (d.kind === 'Subflow') {
      const params = d.params.map((p) => p.text).join(', ');
      this.out.line(0, `subflow ${d.name.text}(${params})`, d.range, blankBefore);
      this.statements(d.body, 1);
      return;
    }
    this.flow(d, blankBefore);
  }

  private flow(d: FlowDecl, blankBefore: boolean): void {
    this.out.line(0, `${d.flavor} ${quote(d.name.value)}`, d.name.range, blankBefore);
    for (const clause of d.header) this.header(clause);
    this.statements(d.body, 1);
    for (const step of d.steps) {
      this.out.line(1, `step ${step.name.text}`, step.range, true);
      this.statements(step.body, 2);
    }
  }

  private header(c: HeaderClause): void {
    switch (c.kind) {
      case 'Answers':
        this.out.line(1, `answers ${c.numbers.map((n) => quote(n.value)).join(', ')}`, c.range);
        return;
      case 'Language':
        this.out.line(1, `language ${c.language.text}`, c.range);
        return;
      case 'Group':
        this.out.line(1, `group ${quote(c.group.value)}`, c.range);
        return;
      case 'Timezone':
        this.out.line(1, `timezone ${quote(c.zone.value)}`, c.range);
        return;
      case 'Fallback':
        this.out.line(1, `fallback -> ${this.head(c.action)}`, c.range);
        this.children(c.action, 2);
        return;
    }
  }

  private statements(list: Statement[], indent: number): void {
    for (const s of list) this.statement(s, indent);
  }

  private statement(s: Statement, indent: number): void {
    this.out.line(indent, this.head(s), s.range);
    this.children(s, indent + 1);
  }

  /** The statement's own line, without its indented children. */
  private head(s: Statement): string {
    const e = (x: Parameters<ExprPrinter['print']>[0]) => this.expr.print(x);
    switch (s.kind) {
      case 'Say':
        return `say ${this.expr.list(s.parts)}`;
      case 'Play':
        return `play ${quote(s.prompt.value)}`;
      case 'Menu':
        return `menu ${s.name.text}${s.retries ? ` retries ${e(s.retries)}` : ''}${s.timeout ? ` timeout ${s.timeout.text}` : ''}`;
      case 'Ask': {
        const sameRange = s.min.range.start.offset === s.max.range.start.offset;
        const digits = sameRange ? e(s.min) : `${e(s.min)}..${e(s.max)}`;
        let text = `ask ${s.secret ? 'secret ' : ''}${s.target.text} = digits ${digits}`;
        if (s.terminator) text += ` until ${quote(s.terminator.value)}`;
        if (s.timeout) text += ` timeout ${s.timeout.text}`;
        if (s.interdigit) text += ` interdigit ${s.interdigit.text}`;
        if (s.pattern) text += ` matching ${quotePattern(s.pattern)}`;
        if (s.retries) text += ` retries ${e(s.retries)}`;
        return text;
      }
      case 'Question': {
        const range = s.min && s.max ? ` ${e(s.min)}..${e(s.max)}` : '';
        return `question ${s.name.text} ${e(s.text)} ${s.answerType}${range}`;
      }
      case 'Let':
        return `let ${s.target.text} = ${e(s.value)}`;
      case 'Set':
        return `set ${s.target.text} = ${e(s.value)}`;
      case 'If':
        return `if ${e(s.condition)}`;
      case 'Goto':
        return `goto ${s.target.text}`;
      case 'Retry':
        return `retry ${s.target.text} at most ${e(s.times)} times, then ${this.head(s.otherwise)}`;
      case 'Repeat':
        return 'repeat';
      case 'Queue': {
        let text = `queue ${quote(s.queue.value)}`;
        if (s.priority) text += ` priority ${e(s.priority)}`;
        if (s.skills.length > 0) text += ` skills ${s.skills.map((k) => quote(k.value)).join(', ')}`;
        if (s.maxWait) text += ` max wait ${s.maxWait.text}`;
        return text;
      }
      case 'Transfer':
        return `transfer to ${s.target} ${e(s.destination)}`;
      case 'Record':
        return 'record call';
      case 'Hangup':
        return 'hangup';
      case 'Log':
        return `log ${s.field.text} = ${e(s.value)}`;
      case 'CallStmt':
        return this.expr.call(s.call);
      case 'Return':
        return s.value ? `return ${e(s.value)}` : 'return';
      case 'Data':
        return this.expr.call(s.call);
      case 'Js':
        return `js {${s.code}}`;
    }
  }

  /** The lines indented under a statement (prompts, branches, `on error`, queue options, `else`). */
  private children(s: Statement, indent: number): void {
    switch (s.kind) {
      case 'Menu':
      case 'Ask':
        for (const p of s.prompts) this.prompt(p, indent);
        for (const choice of s.kind === 'Menu' ? s.choices : s.handlers) this.choice(choice, indent);
        if (s.afterRetries) this.branch('after retries', s.afterRetries, indent, null);
        return;
      case 'Question':
        for (const o of s.options) {
          this.out.line(indent, `option ${o.key.key} ${quote(o.label.value)}`, o.range);
        }
        for (const b of s.branches) this.branch(`on ${b.answer.key}`, b.body, indent, b.range);
        return;
      case 'Let':
      case 'Set':
      case 'Data':
        if (s.onError) this.branch('on error', s.onError, indent, null);
        return;
      case 'Queue':
        this.queueChildren(s, indent);
        return;
      case 'If':
        this.statements(s.then, indent);
        this.otherwise(s, indent - 1);
        return;
      default:
        return;
    }
  }

  private otherwise(s: Extract<Statement, { kind: 'If' }>, indent: number): void {
    const other = s.otherwise;
    if (other === null) return;
    const only = other.length === 1 ? other[0]! : null;
    // `else if` chains are nested ifs whose range starts at the `else` keyword.
    if (only?.kind === 'If' && this.source.startsWith('else', only.range.start.offset)) {
      this.out.line(indent, `else if ${this.expr.print(only.condition)}`, only.range);
      this.statements(only.then, indent + 1);
      this.otherwise(only, indent);
      return;
    }
    this.out.lineBefore(indent, 'else', other[0]?.range ?? null);
    this.statements(other, indent + 1);
  }

  private queueChildren(s: QueueStmt, indent: number): void {
    if (s.announce) {
      const every = s.announceEvery ? ` every ${s.announceEvery.text}` : '';
      this.out.line(indent, `announce ${this.expr.print(s.announce)}${every}`, s.announce.range);
    }
    if (s.music) this.out.line(indent, `music ${quote(s.music.value)}`, s.music.range);
    if (s.onOverflow) this.branch('on overflow', s.onOverflow, indent, null);
  }

  private prompt(p: Prompt, indent: number): void {
    const text = p.kind === 'Play' ? `play ${quote(p.prompt.value)}` : this.expr.list(p.parts);
    this.out.line(indent, `prompt ${text}`, p.range);
  }

  private choice(c: MenuChoice, indent: number): void {
    this.branch(`on ${c.keys.map((k) => k.key).join(', ')}`, c.body, indent, c.range);
  }

  /**
   * `label -> statement` or `label` + block. `lineRange` is the label's line when known; otherwise
   * the line is placed just before the branch's own code.
   */
  private branch(
    label: string,
    b: Branch,
    indent: number,
    lineRange: Parameters<PrintBuffer['line']>[2] | null,
  ): void {
    const first = b.body[0];
    if (b.arrow && first !== undefined) {
      this.out.line(indent, `${label} -> ${this.head(first)}`, lineRange ?? b.range);
      this.children(first, indent + 1);
      return;
    }
    if (lineRange) this.out.line(indent, label, lineRange);
    else this.out.lineBefore(indent, label, first?.range ?? null);
    this.statements(b.body, indent + 1);
  }
}
