/**
 * Blocks to the script text. Each block becomes `blocks["id"] = function (s, input) {...}` with one
 * generated line per operation and terminator, each mapped to its flow statement; `s` is the
 * step's working copy of the state, `input` the host's answer (with the clock).
 */
import type { FlowMeta } from '../compiled-format.ts';
import { CodeWriter } from './code-writer.ts';
import { constantSpeech, isConstantCommand, writeConstantSpeech } from './constant-speech.ts';
import { type ExprContext, emitExpr, emitSpeech, exprContext } from './emit-expr.ts';
import { emitJsStatement } from './emit-js.ts';
import type { Block, CommandIR, Op, Terminator } from './ir.ts';
import { jsLoc, jsString, jsValue } from './js-literal.ts';
import { PRELUDE_SOURCE, type PreludeConfig } from './prelude.ts';
import type { Mapping } from './source-map.ts';

export interface EmitInput {
  meta: FlowMeta;
  blocks: Block[];
  config: PreludeConfig;
  /** Shown in the header comment. */
  sourceName: string;
}

export function emitScript(input: EmitInput): { code: string; mappings: Mapping[] } {
  const w = new CodeWriter();
  const id = jsString(input.meta.id);
  w.plainLine(
    `// ${input.meta.flavor} ${jsString(input.meta.name)} compiled by callflow from ${jsString(input.sourceName)}.`,
  );
  w.plainLine(
    '// Generated code: do not edit. Defines globalThis.__flows[meta.id] = { meta, start, step, fallback }.',
  );
  w.plainLine('globalThis.__flows = globalThis.__flows || {};');
  w.plainLine(`globalThis.__flows[${id}] = (function () {`);
  w.plainLine("'use strict';");
  for (const line of PRELUDE_SOURCE.split('\n')) w.plainLine(line);
  w.plainLine(`var $ = $prelude(${jsValue(input.config)});`);
  w.plainLine(`var meta = ${jsValue(input.meta)};`);
  w.plainLine('var blocks = {};');
  const contexts = new Map<Block['scope'], ExprContext>();
  const emit: Emitting = { w, config: input.config, constants: 0 };
  for (const block of input.blocks) {
    let ctx = contexts.get(block.scope);
    if (!ctx) contexts.set(block.scope, (ctx = exprContext(block.scope)));
    emitBlock(emit, block, ctx);
  }
  w.plainLine('return $.flow(meta, blocks);');
  w.plainLine('})();');
  return { code: w.toString(), mappings: w.mappings };
}

/** What the block emitters share: the writer, the prelude's config, constants emitted so far. */
interface Emitting {
  w: CodeWriter;
  config: PreludeConfig;
  constants: number;
}

function emitBlock(emit: Emitting, block: Block, ctx: ExprContext): void {
  const { w, config } = emit;
  const term = block.term;
  // A command that needs nothing from the call is built once, when the script loads, frozen, and
  // returned by every step that reaches it.
  let constant: string | null = null;
  if (term.t === 'command' && isConstantCommand(term.command, ctx, config)) {
    constant = `$k${++emit.constants}`;
    w.write(`var ${constant} = $.constant(`);
    emitCommand(w, term.command, ctx, config);
    w.write(`, loc: ${jsLoc(term.at.start)} });`);
    w.newline();
  }
  // A menu's key → block table is made once, not on every key pressed.
  let choices: string | null = null;
  if (term.t === 'menu') {
    choices = `$c${++emit.constants}`;
    w.plainLine(`var ${choices} = ${labels(term.choices)};`);
  }
  w.plainLine(`blocks[${jsString(block.id)}] = function (s, input) {`);
  for (const op of block.ops) {
    w.write('  ');
    emitOp(w, op, ctx);
    w.newline();
  }
  w.write('  ');
  if (term.t === 'command' && constant !== null) {
    w.write(`s.pc = ${jsString(term.resume)}; return ${constant};`, term.at.start);
  } else {
    emitTerminator(w, term, ctx, config, choices);
  }
  w.newline();
  w.plainLine('};');
}

function emitOp(w: CodeWriter, op: Op, ctx: ExprContext): void {
  switch (op.op) {
    case 'assign':
      w.write(`$.set(s, ${jsString(op.name)}, `, op.at.start);
      emitExpr(w, op.value, ctx);
      w.write(');');
      return;
    case 'js':
      emitJsStatement(w, op.node, ctx.scope);
      return;
    case 'reset':
      w.write(`delete s.counters[${jsString(op.key)}];`, op.at.start);
      return;
    case 'enterStep':
      w.write(`s.step = ${jsString(op.step)};`, op.at.start);
      return;
    case 'unwind':
      w.write('$.unwind(s);', op.at.start);
      return;
  }
}

function labels(record: Record<string, string>): string {
  const entries = Object.entries(record).map(([k, v]) => `${jsString(k)}: ${jsString(v)}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

function emitTerminator(
  w: CodeWriter,
  term: Terminator,
  ctx: ExprContext,
  config: PreludeConfig,
  choices: string | null,
): void {
  const at = term.at.start;
  const str = jsString;
  switch (term.t) {
    case 'goto':
      w.write(`s.pc = ${str(term.to)}; return null;`, at);
      return;
    case 'if':
      w.write('s.pc = ', at);
      emitExpr(w, term.cond, ctx);
      w.write(` ? ${str(term.ifTrue)} : ${str(term.ifFalse)}; return null;`);
      return;
    case 'retry':
      w.write(
        `return $.retry(s, ${str(term.key)}, ${term.times}, ${str(term.to)}, ${str(term.otherwise)});`,
        at,
      );
      return;
    case 'repeat':
      w.write(
        `return $.repeat(s, ${str(term.key)}, ${term.retries}, ${str(term.prompt)}, ${str(term.after)});`,
        at,
      );
      return;
    case 'command':
      // The pc is set first: a command that throws fails the step, and its state is dropped.
      w.write(`s.pc = ${str(term.resume)}; return `, at);
      emitCommand(w, term.command, ctx, config);
      w.write(`, loc: ${jsLoc(at)} };`);
      return;
    case 'menu':
      w.write(
        `return $.menu(s, input, ${str(term.key)}, ${choices ?? labels(term.choices)}, ${str(term.timeout)}, ${str(term.invalid)});`,
        at,
      );
      return;
    case 'ask':
      w.write(
        `return $.ask(s, input, ${str(term.key)}, ${str(term.target)}, ${term.secret}, ${term.min}, ${term.max}, ` +
          `${str(term.next)}, ${str(term.timeout)}, ${str(term.invalid)});`,
        at,
      );
      return;
    case 'data':
      w.write(
        `return $.data(s, input, ${term.target === null ? 'null' : str(term.target)}, ${str(term.ok)}, ${str(term.error)});`,
        at,
      );
      return;
    case 'queue':
      w.write(`return $.queue(s, input, ${str(term.overflow)});`, at);
      return;
    case 'answer':
      w.write(
        `return $.answer(s, input, ${str(term.name)}, ${str(term.answerType)}, ${labels(term.branches)}, ${str(term.next)});`,
        at,
      );
      return;
    case 'call':
      w.write(`return $.call(s, ${str(term.entry)}, ${jsValue(term.params)}, [`, at);
      term.args.forEach((arg, i) => {
        if (i > 0) w.write(', ');
        emitExpr(w, arg, ctx);
      });
      w.write(`], ${term.target === null ? 'null' : str(term.target)}, ${str(term.returnTo)});`);
      return;
    case 'return':
      w.write('return $.ret(s, ', at);
      if (term.value) emitExpr(w, term.value, ctx);
      else w.write('null');
      w.write(');');
      return;
    case 'fail':
      w.write(`throw $.error(${str(term.code)}, ${str(term.message)}, ${jsLoc(at)});`, at);
      return;
  }
}

/** The command object literal without its closing `loc: ... }` (the terminator adds it). */
function emitCommand(w: CodeWriter, command: CommandIR, ctx: ExprContext, config: PreludeConfig): void {
  const str = jsString;
  // Speech known at compile time is written as its parts; the rest is spoken at run time.
  const speech = (sources: Parameters<typeof emitSpeech>[1], spoken: ExprContext) => {
    const parts = constantSpeech(sources, spoken, config);
    if (parts) writeConstantSpeech(w, parts);
    else emitSpeech(w, sources, spoken);
  };
  switch (command.type) {
    case 'say':
      w.write('{ type: "say", parts: ');
      speech(command.parts, ctx);
      w.write(', bargeIn: false');
      return;
    case 'collect':
      w.write('{ type: "collect", prompt: ');
      speech(command.prompt, ctx);
      w.write(
        `, min: ${command.min}, max: ${command.max}, terminator: ${jsValue(command.terminator)}, ` +
          `firstTimeoutMs: ${command.firstTimeoutMs}, interDigitTimeoutMs: ${command.interDigitTimeoutMs}, ` +
          `pattern: ${jsValue(command.pattern)}, secret: ${command.secret}, validKeys: ${jsValue(command.validKeys)}`,
      );
      return;
    case 'data':
      w.write(
        `{ type: "data", source: ${str(command.source)}, operation: ${str(command.operation)}, args: [`,
      );
      command.args.forEach((arg, i) => {
        if (i > 0) w.write(', ');
        emitExpr(w, arg, ctx);
      });
      w.write(']');
      return;
    case 'queue':
      w.write(`{ type: "queue", queue: ${str(command.queue)}, priority: `);
      if (command.priority) {
        w.write('$.priority(');
        emitExpr(w, command.priority, ctx);
        w.write(')');
      } else {
        w.write('0');
      }
      w.write(`, skills: ${jsValue(command.skills)}, maxWaitMs: ${jsValue(command.maxWaitMs)}, announce: `);
      if (command.announce) speech([command.announce], { ...ctx, announce: true });
      else w.write('null');
      w.write(
        `, announceEveryMs: ${jsValue(command.announceEveryMs)}, music: ${jsValue(command.music)}, ` +
          `handlesOverflow: ${command.handlesOverflow}`,
      );
      return;
    case 'transfer':
      w.write(`{ type: "transfer", target: ${str(command.target)}, destination: $.destination(`);
      emitExpr(w, command.destination, ctx);
      w.write(')');
      return;
    case 'record':
      w.write('{ type: "record"');
      return;
    case 'log':
      w.write(`{ type: "log", fields: $.fields(${str(command.field)}, `);
      emitExpr(w, command.value, ctx);
      w.write(')');
      return;
    case 'question':
      w.write(`{ type: "question", name: ${str(command.name)}, text: `);
      speech([command.text], ctx);
      w.write(
        `, answerType: ${str(command.answerType)}, min: ${jsValue(command.min)}, max: ${jsValue(command.max)}, ` +
          `options: ${jsValue(command.options)}`,
      );
      return;
    case 'hangup':
      w.write('{ type: "hangup"');
      return;
  }
}
