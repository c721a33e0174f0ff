/**
 * Speech and commands that need nothing from the call: worked out here, at compile time, instead of
 * by `$.speak` on every step. Most prompts are fixed text, and a step that rebuilt them each time
 * spent its time making the same strings. A command with no run-time input at all is emitted once
 * per script, frozen, and handed out by reference (`$.constant` in prelude.ts, emit.ts).
 *
 * The parts must be exactly what the prelude's `speak` makes of the same pieces (adjacent text
 * joined, empty text dropped, `none` skipped, yes/no in the flow's language), so anything this
 * module is not sure of is left to run time (null). Each piece keeps the flow position the
 * run-time code was mapped to, so the source map still reaches every prompt line.
 */
import type { Expr } from '../ast.ts';
import { builtinValue } from '../builtins.ts';
import type { SpeechPart } from '../compiled-format.ts';
import type { Position } from '../source-range.ts';
import type { CodeWriter } from './code-writer.ts';
import type { ExprContext } from './emit-expr.ts';
import type { CommandIR, SpeechSource } from './ir.ts';
import { jsString, jsValue } from './js-literal.ts';
import type { PreludeConfig } from './prelude.ts';

/** Words for yes/no, as the prelude's `YES_NO` speaks them. */
const YES_NO: Record<string, [string, string]> = { ru: ['да', 'нет'], uk: ['так', 'ні'], en: ['yes', 'no'] };

type Value = string | number | boolean | null | SpeechPart;
interface Piece {
  value: Value;
  at: Position | null;
}

/** A spoken part known at compile time; text keeps its pieces (joined when the script loads). */
export type ConstantPart =
  | { kind: 'text'; pieces: { text: string; at: Position | null }[] }
  | { kind: 'part'; part: SpeechPart; at: Position | null };

/** What `$.speak` would receive, in order, or null when some piece needs the call. */
function constantPieces(sources: readonly (SpeechSource | Expr)[], ctx: ExprContext): Piece[] | null {
  const pieces: Piece[] = [];
  const addValue = (expr: Expr): boolean => {
    const at = expr.range.start;
    switch (expr.kind) {
      case 'String':
        pieces.push({ value: expr.value, at });
        return true;
      case 'Number':
        // Emitted as `null` when not finite, which speaks as nothing.
        pieces.push({ value: Number.isFinite(expr.value) ? expr.value : null, at });
        return true;
      case 'Bool':
        pieces.push({ value: expr.value, at });
        return true;
      case 'None':
        pieces.push({ value: null, at });
        return true;
      case 'Ident': {
        if (!ctx.announce || ctx.declared.has(expr.name)) return false;
        const kind = builtinValue(expr.name)?.speechPart;
        if (kind !== 'ewt' && kind !== 'position') return false;
        pieces.push({ value: { kind }, at });
        return true;
      }
      default:
        return false;
    }
  };
  const addExpr = (expr: Expr): boolean => {
    if (expr.kind !== 'Template') return addValue(expr);
    for (const part of expr.parts) {
      if (typeof part === 'string') pieces.push({ value: part, at: null });
      else if (!addValue(part)) return false;
    }
    return true;
  };
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i];
    if (i > 0 && source.kind === 'Say' && sources[i - 1].kind === 'Say')
      pieces.push({ value: ' ', at: null });
    if (source.kind === 'Say') {
      if (!source.parts.every(addExpr)) return null;
    } else if (source.kind === 'Play') {
      pieces.push({ value: { kind: 'prompt', name: source.prompt.value }, at: source.range.start });
    } else if (!addExpr(source)) {
      return null;
    }
  }
  return pieces;
}

/** The parts `$.speak` makes of these sources, or null when they depend on the call. */
export function constantSpeech(
  sources: readonly (SpeechSource | Expr)[],
  ctx: ExprContext,
  config: PreludeConfig,
): ConstantPart[] | null {
  const pieces = constantPieces(sources, ctx);
  if (!pieces) return null;
  const out: ConstantPart[] = [];
  const pushText = (text: string, at: Position | null) => {
    if (text === '') return;
    const last = out[out.length - 1];
    if (last && last.kind === 'text') last.pieces.push({ text, at });
    else out.push({ kind: 'text', pieces: [{ text, at }] });
  };
  for (const { value, at } of pieces) {
    if (value === null) continue;
    if (typeof value === 'string') pushText(value, at);
    else if (typeof value === 'number') out.push({ kind: 'part', part: { kind: 'number', value }, at });
    else if (typeof value === 'boolean') pushText((YES_NO[config.language] ?? YES_NO.en)[value ? 0 : 1], at);
    else out.push({ kind: 'part', part: value, at });
  }
  return out;
}

/** Writes constant parts as an array literal, each piece marked with its flow position. */
export function writeConstantSpeech(w: CodeWriter, parts: readonly ConstantPart[]): void {
  w.write('[');
  parts.forEach((part, i) => {
    if (i > 0) w.write(', ');
    if (part.kind === 'part') {
      const fields = Object.entries(part.part).map(([key, value]) => `${key}: ${jsValue(value)}`);
      w.write(`{ ${fields.join(', ')} }`, part.at ?? undefined);
      return;
    }
    w.write('{ kind: "text", text: ');
    part.pieces.forEach((piece, j) => {
      if (j > 0) w.write(' + ');
      w.write(jsString(piece.text), piece.at ?? undefined);
    });
    w.write(' }');
  });
  w.write(']');
}

/** Speech of a command, when it is constant. */
function commandSpeech(command: CommandIR, ctx: ExprContext, config: PreludeConfig) {
  switch (command.type) {
    case 'say':
      return constantSpeech(command.parts, ctx, config);
    case 'collect':
      return constantSpeech(command.prompt, ctx, config);
    case 'queue':
      return command.announce ? constantSpeech([command.announce], { ...ctx, announce: true }, config) : [];
    case 'question':
      return constantSpeech([command.text], ctx, config);
    default:
      return null;
  }
}

/** True when the command needs nothing from the call: it can be built once when the script loads. */
export function isConstantCommand(command: CommandIR, ctx: ExprContext, config: PreludeConfig): boolean {
  switch (command.type) {
    case 'record':
    case 'hangup':
      return true;
    case 'queue':
      // A literal priority is evaluated once, when the script loads (`$.priority` of a number).
      return (
        (!command.priority || command.priority.kind === 'Number') &&
        commandSpeech(command, ctx, config) !== null
      );
    case 'say':
    case 'collect':
    case 'question':
      return commandSpeech(command, ctx, config) !== null;
    default:
      return false;
  }
}
