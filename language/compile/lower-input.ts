/**
 * Lowering of the statements whose answer steers the flow: `menu`, `ask`, `question` and `queue`.
 *
 * Menu and ask share one shape:
 *
 *   [reset counter] -> P: collect ──answer──> R: menu/ask (dispatch on the answer)
 *                                              ├─ a key / valid digits ─> branch ─> after the statement
 *                                              └─ timeout/invalid ─> `on` handler, if any ─> ...
 *   Rep: repeat (counter + 1; more than `retries` failures -> `after retries`, else back to P)
 *
 * An unhandled timeout or invalid key goes to Rep. As the checker's path analysis assumes
 * (check/flow-paths.ts): a menu's `on` branches, event handlers included, go on after the menu when
 * they end (`repeat` re-prompts explicitly), and so does a menu without `after retries` once its
 * retries run out; an ask's handlers re-prompt when they end, and an ask whose retries run out
 * without `after retries` sends the call to the fallback (its variable would be unset).
 *
 * `retries N` allows N re-prompts after the first attempt, so the caller hears the prompt at most
 * N + 1 times.
 */
import type { AskStmt, MenuChoice, MenuStmt, QuestionStmt, QueueStmt } from '../ast.ts';
import type { BlockBuilder, LowerBody, LowerContext } from './block-builder.ts';
import { END, FALLBACK, type Label } from './ir.ts';

export const DEFAULT_RETRIES = 3;
export const DEFAULT_FIRST_TIMEOUT_MS = 5000;
export const DEFAULT_INTER_DIGIT_TIMEOUT_MS = 3000;

const EVENTS = new Set(['timeout', 'invalid']);

/** Counter key of a statement: readable in the state, unique per statement. */
export function counterKey(
  kind: string,
  name: string,
  at: { start: { line: number; column: number } },
): string {
  return `${kind} ${name}@${at.start.line}:${at.start.column}`;
}

interface Reprompt {
  key: string;
  prompt: Label;
  repeat: Label;
  after: Label;
  next: Label;
}

/** Opens the prompt block and lays out the labels a menu or ask needs. */
function beginReprompt(
  b: BlockBuilder,
  stmt: MenuStmt | AskStmt,
  key: string,
  ctx: LowerContext,
  lowerBody: LowerBody,
): Reprompt {
  b.ops(ctx).push({ op: 'reset', key, at: stmt.range });
  const prompt = b.label(ctx);
  b.close({ t: 'goto', to: prompt, at: stmt.range }, ctx);
  const next = b.label(ctx);
  const repeat = b.label(ctx);
  const retries = stmt.retries?.value ?? DEFAULT_RETRIES;
  // `repeat` inside `after retries` belongs to an enclosing menu, if any.
  const after = stmt.afterRetries
    ? b.branch(stmt.afterRetries.body, ctx, next, stmt.afterRetries.range, lowerBody)
    : stmt.kind === 'Menu'
      ? next
      : FALLBACK;
  b.addBlock(repeat, { t: 'repeat', key, retries, prompt, after, at: stmt.range }, ctx);
  b.open(prompt, ctx);
  return { key, prompt, repeat, after, next };
}

/** Lowers the `on` branches (ending at `end`); returns the block per key or event. */
function lowerChoices(
  b: BlockBuilder,
  choices: MenuChoice[],
  flow: Reprompt,
  end: Label,
  ctx: LowerContext,
  lowerBody: LowerBody,
): Map<string, Label> {
  const inner: LowerContext = { ...ctx, repeat: flow.repeat };
  const targets = new Map<string, Label>();
  for (const choice of choices) {
    const entry = b.branch(choice.body.body, inner, end, choice.body.range, lowerBody);
    for (const key of choice.keys) if (!targets.has(key.key)) targets.set(key.key, entry);
  }
  return targets;
}

export function lowerMenu(b: BlockBuilder, stmt: MenuStmt, ctx: LowerContext, lowerBody: LowerBody): void {
  const flow = beginReprompt(b, stmt, counterKey('menu', stmt.name.text, stmt.range), ctx, lowerBody);
  const timeoutMs = stmt.timeout?.ms ?? DEFAULT_FIRST_TIMEOUT_MS;
  const keys = [
    ...new Set(stmt.choices.flatMap((c) => c.keys.map((k) => k.key)).filter((k) => !EVENTS.has(k))),
  ];
  const resume = b.command(
    {
      type: 'collect',
      prompt: stmt.prompts,
      min: 1,
      max: 1,
      terminator: null,
      firstTimeoutMs: timeoutMs,
      interDigitTimeoutMs: timeoutMs,
      pattern: null,
      secret: false,
      validKeys: keys,
    },
    stmt.range,
    ctx,
  );
  const targets = lowerChoices(b, stmt.choices, flow, flow.next, ctx, lowerBody);
  const choices: Record<string, Label> = {};
  for (const key of keys) choices[key] = targets.get(key)!;
  b.addBlock(
    resume,
    {
      t: 'menu',
      key: flow.key,
      choices,
      timeout: targets.get('timeout') ?? flow.repeat,
      invalid: targets.get('invalid') ?? flow.repeat,
      at: stmt.range,
    },
    ctx,
  );
  b.open(flow.next, ctx);
}

export function lowerAsk(b: BlockBuilder, stmt: AskStmt, ctx: LowerContext, lowerBody: LowerBody): void {
  const flow = beginReprompt(b, stmt, counterKey('ask', stmt.target.text, stmt.range), ctx, lowerBody);
  const min = stmt.min.value;
  const max = stmt.max.value;
  const resume = b.command(
    {
      type: 'collect',
      prompt: stmt.prompts,
      min,
      max,
      terminator: stmt.terminator?.value ?? null,
      firstTimeoutMs: stmt.timeout?.ms ?? DEFAULT_FIRST_TIMEOUT_MS,
      interDigitTimeoutMs: stmt.interdigit?.ms ?? DEFAULT_INTER_DIGIT_TIMEOUT_MS,
      pattern: stmt.pattern?.value ?? null,
      secret: stmt.secret,
      validKeys: null,
    },
    stmt.range,
    ctx,
  );
  const targets = lowerChoices(b, stmt.handlers, flow, flow.repeat, ctx, lowerBody);
  b.addBlock(
    resume,
    {
      t: 'ask',
      key: flow.key,
      target: stmt.target.text,
      secret: stmt.secret,
      min,
      max,
      next: flow.next,
      timeout: targets.get('timeout') ?? flow.repeat,
      invalid: targets.get('invalid') ?? flow.repeat,
      at: stmt.range,
    },
    ctx,
  );
  b.open(flow.next, ctx);
}

export function lowerQuestion(
  b: BlockBuilder,
  stmt: QuestionStmt,
  ctx: LowerContext,
  lowerBody: LowerBody,
): void {
  const resume = b.command(
    {
      type: 'question',
      name: stmt.name.text,
      text: stmt.text,
      answerType: stmt.answerType,
      min: stmt.min?.value ?? null,
      max: stmt.max?.value ?? null,
      options: stmt.options.map((o) => ({ key: o.key.key, label: o.label.value })),
    },
    stmt.range,
    ctx,
  );
  const next = b.label(ctx);
  const branches: Record<string, Label> = {};
  for (const branch of stmt.branches) {
    if (branch.answer.key in branches) continue;
    branches[branch.answer.key] = b.branch(branch.body.body, ctx, next, branch.body.range, lowerBody);
  }
  b.addBlock(
    resume,
    { t: 'answer', name: stmt.name.text, answerType: stmt.answerType, branches, next, at: stmt.range },
    ctx,
  );
  b.open(next, ctx);
}

/**
 * A queue ends the flow when an operator answers. Without `on overflow` the host applies the
 * queue's configured overflow, so whatever it answers ends the call here too (the checker treats
 * statements after such a queue as unreachable).
 */
export function lowerQueue(b: BlockBuilder, stmt: QueueStmt, ctx: LowerContext, lowerBody: LowerBody): void {
  const onOverflow = stmt.onOverflow;
  const resume = b.command(
    {
      type: 'queue',
      queue: stmt.queue.value,
      priority: stmt.priority,
      skills: stmt.skills.map((s) => s.value),
      maxWaitMs: stmt.maxWait?.ms ?? null,
      announce: stmt.announce,
      announceEveryMs: stmt.announceEvery?.ms ?? null,
      music: stmt.music?.value ?? null,
      handlesOverflow: stmt.onOverflow !== null,
    },
    stmt.range,
    ctx,
    onOverflow ? undefined : END,
  );
  if (!onOverflow) return;
  const next = b.label(ctx);
  const overflow = b.branch(onOverflow.body, ctx, next, onOverflow.range, lowerBody);
  b.addBlock(resume, { t: 'queue', overflow, at: stmt.range }, ctx);
  b.open(next, ctx);
}
