/**
 * `collect`: digits from the caller (menus and `ask`). The prompt plays with barge-in; keys typed
 * ahead count. Time runs on the injected clock: the first-digit timeout starts when the prompt ends,
 * the inter-digit timeout after each key. The host checks length, valid keys and the pattern, so a
 * secret never enters the sandbox: it goes into the call's vault and the step sees a `SecretRef`.
 */
import type { Command, InputResult } from '../../../language/compiled-format.ts';
import { nextKey, peekKey, TIMEOUT } from '../call-line.ts';
import type { Handler, HandlerContext } from '../handler-context.ts';
import { speak } from '../speaker.ts';

type Collect = Extract<Command, { type: 'collect' }>;
/** What a collection needs once its prompt has played (a waiting call keeps only this). */
type Rules = Omit<Collect, 'type' | 'prompt' | 'loc'>;

export const collect: Handler<'collect'> = async (command, ctx) => {
  const { type: _type, prompt, loc: _loc, ...rules } = command;
  await speak(ctx, prompt, { bargeIn: true });
  ctx.emit({ type: 'waiting', for: 'keys' });
  const { digits, terminated, pressed } = await readDigits(rules, ctx);
  const result = judge(rules, digits, terminated, ctx);
  const shown = ctx.cdr.keys(pressed, rules.secret, rules.terminator);
  ctx.emit({
    type: 'keys',
    keys: shown,
    result: result.type === 'digits' ? 'digits' : result.type === 'timeout' ? 'timeout' : 'invalid',
  });
  return result;
};

async function readDigits(rules: Rules, ctx: HandlerContext) {
  const { line } = ctx;
  let digits = '';
  let pressed = '';
  let terminated = false;
  for (;;) {
    // Keys typed ahead are taken at once (no wait, no timer); otherwise wait for the next one.
    const key =
      line.takeKey() ??
      (await line.wait(nextKey, null, digits === '' ? rules.firstTimeoutMs : rules.interDigitTimeoutMs));
    if (key === TIMEOUT) break;
    pressed += key;
    if (key === rules.terminator) {
      terminated = true;
      break;
    }
    digits += key;
    if (digits.length >= rules.max) {
      // The caller will likely still press the terminator: take it now so it is not left over as
      // type-ahead for the next question. Any other key stays buffered.
      if (rules.terminator !== null) {
        const end = await line.wait(peekKey, null, rules.interDigitTimeoutMs);
        if (end === rules.terminator) {
          line.takeKey();
          pressed += end;
          terminated = true;
        }
      }
      break;
    }
  }
  return { digits, terminated, pressed };
}

function judge(rules: Rules, digits: string, terminated: boolean, ctx: HandlerContext): InputResult {
  if (digits === '' && !terminated) return { type: 'timeout' };
  const shown = rules.secret ? '' : digits;
  if (digits.length < rules.min || digits.length > rules.max) return { type: 'invalid', digits: shown };
  if (rules.validKeys && !rules.validKeys.includes(digits)) return { type: 'invalid', digits: shown };
  if (rules.pattern !== null && !matches(rules.pattern, digits)) return { type: 'invalid', digits: shown };
  if (rules.secret) return { type: 'digits', digits: '', secret: ctx.vault.put(digits), terminated };
  return { type: 'digits', digits, terminated };
}

function matches(pattern: string, digits: string): boolean {
  try {
    return new RegExp(pattern).test(digits);
  } catch {
    return false; // the checker rejects bad patterns; a bad one here never lets digits through
  }
}
