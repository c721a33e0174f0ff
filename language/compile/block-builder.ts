/**
 * Builds the block list while lowering walks the AST: one block is open at a time; a wait point or
 * jump closes it with a terminator and (for a wait) opens its continuation.
 */
import type { Statement } from '../ast.ts';
import type { SourceRange } from '../source-range.ts';
import type { Block, CommandIR, Label, Op, Scope, Terminator } from './ir.ts';

export interface LowerContext {
  scope: Scope;
  /** Prefix of this body's block ids (`main`, `step balance`, `sub greet`, `$fallback`). */
  prefix: string;
  /** The block a `repeat` jumps to: the innermost enclosing menu/ask's re-prompt. */
  repeat: Label | null;
  inSubflow: boolean;
}

export type LowerBody = (statements: Statement[], ctx: LowerContext) => void;

export class BlockBuilder {
  readonly blocks: Block[] = [];
  private readonly counters = new Map<string, number>();
  private current: { id: Label; scope: Scope; ops: Op[] } | null = null;

  /** A fresh block id under the context's prefix: `main#3`. */
  label(ctx: LowerContext): Label {
    const n = (this.counters.get(ctx.prefix) ?? 0) + 1;
    this.counters.set(ctx.prefix, n);
    return `${ctx.prefix}#${n}`;
  }

  open(id: Label, ctx: LowerContext): void {
    this.current = { id, scope: ctx.scope, ops: [] };
  }

  get isOpen(): boolean {
    return this.current !== null;
  }

  /**
   * The open block's operations. Code after a jump (dead code the checker warns about) still gets
   * a block, so lowering never has to special-case it; `simplify` drops it afterwards.
   */
  ops(ctx: LowerContext): Op[] {
    if (!this.current) this.open(this.label(ctx), ctx);
    return this.current!.ops;
  }

  close(term: Terminator, ctx: LowerContext): void {
    this.ops(ctx);
    const { id, scope, ops } = this.current!;
    this.blocks.push({ id, scope, ops, term });
    this.current = null;
  }

  /** Adds a block with no operations, only a terminator (a resume or a re-prompt counter). */
  addBlock(id: Label, term: Terminator, ctx: LowerContext): void {
    this.blocks.push({ id, scope: ctx.scope, ops: [], term });
  }

  /** Ends the open block with a command; returns the block the host's answer resumes. */
  command(command: CommandIR, at: SourceRange, ctx: LowerContext, resume = this.label(ctx)): Label {
    this.close({ t: 'command', command, resume, at }, ctx);
    return resume;
  }

  /** A command whose answer carries nothing: the flow simply continues after it. */
  wait(command: CommandIR, at: SourceRange, ctx: LowerContext): void {
    const next = this.command(command, at, ctx);
    this.open(next, ctx);
  }

  /**
   * Lowers a nested statement list (a branch) into its own chain of blocks that continues at
   * `next` when it falls off its end. Returns the chain's first block. The open block is kept.
   */
  branch(
    statements: Statement[],
    ctx: LowerContext,
    next: Label,
    at: SourceRange,
    lowerBody: LowerBody,
  ): Label {
    const saved = this.current;
    const entry = this.label(ctx);
    this.open(entry, ctx);
    lowerBody(statements, ctx);
    if (this.current) this.close({ t: 'goto', to: next, at }, ctx);
    this.current = saved;
    return entry;
  }
}
