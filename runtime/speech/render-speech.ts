/**
 * Renders the speech parts a flow emits (language/compiled-format.ts `SpeechPart[]`) into text.
 *
 * Two styles, because two audiences:
 * - `spoken` (the default) is what the synthesizer reads. Every number is spelled out in words.
 *   espeak-ng can read digits itself, but it reads them without agreement («1 гривна» comes out as
 *   «один гривна», «21 минута» as «двадцать один минута») and reads «0.5» as «ноль точка пять»,
 *   so the host, which knows the noun, writes the agreed words: «пятьдесят гривен»,
 *   «одна гривна», «полминуты», «полторы минуты», «двадцать третье ноября …».
 * - `display` is what a person reads in the studio's call transcript and the call log: digits
 *   with the agreed noun, «На вашем личном счету 50 гривен.», «0,5 минуты», «23 ноября 2026 года».
 *
 * Text parts pass through untouched (an analyst's «нажмите 1» is read fine by the synthesizer).
 * `{ewt}` absorbs a unit the analyst wrote after it («{ewt} мин.» → «полминуты.»), because the
 * rendering already carries the agreed noun. `{position}` is a cardinal («три»), masculine.
 *
 * A value that cannot be spoken (NaN, a malformed date, `{ewt}` without an estimate) throws
 * SpeechError; see speech-error.ts for why that is better than speaking around the hole.
 */
import type { SpeechPart } from '../../language/compiled-format.ts';
import { renderDate } from './date-words.ts';
import { renderDigits } from './digits.ts';
import { renderMoney } from './money.ts';
import { renderNumber } from './number-words.ts';
import { SpeechError } from './speech-error.ts';
import type { SpeechLang, SpeechStyle } from './speech-language.ts';
import { renderTime } from './time-words.ts';
import { renderWaitTime } from './wait-time.ts';

export interface SpeechContext {
  /** Default 'spoken'. */
  style?: SpeechStyle;
  /** The ACD's estimated wait, for `{ewt}` parts. */
  ewtMinutes?: number;
  /** The caller's place in the queue (1 = next), for `{position}` parts. */
  position?: number;
  /** The text of a workspace prompt; undefined when it has only a recording (or is unknown). */
  promptText?: (name: string) => string | undefined;
}

/** A unit word right after `{ewt}` («мин.», «минут», «хв.», «min»), with the dot when a sentence goes on. */
const UNIT_AFTER_EWT =
  /^[ \t]*(?:мин|минут[аы]?|хв|хвилин[аи]?|mins?|minutes?)(?!\p{L})(?:\.(?=\s+\p{Ll}))?/iu;

export function renderSpeech(
  parts: readonly SpeechPart[],
  lang: SpeechLang,
  ctx: SpeechContext = {},
): string {
  let out = '';
  let afterPrompt = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    let piece =
      part.kind === 'text' && parts[i - 1]?.kind === 'ewt'
        ? part.text.replace(UNIT_AFTER_EWT, '')
        : renderPart(part, lang, ctx);
    // A prompt is a sentence of its own: keep it apart from its neighbours («…гривен. До свидания.»).
    const isPrompt = part.kind === 'prompt';
    const touching = piece !== '' && /\S$/.test(out) && /^[^\s.,!?;:]/.test(piece);
    if ((isPrompt || afterPrompt) && touching) piece = ` ${piece}`;
    out += piece;
    if (piece !== '' || !isPrompt) afterPrompt = isPrompt;
  }
  return out.replace(/[ \t]{2,}/g, ' ').trim();
}

/** One part on its own (no neighbours: `{ewt}` does not absorb a following unit here). */
export function renderPart(part: SpeechPart, lang: SpeechLang, ctx: SpeechContext = {}): string {
  const style = ctx.style ?? 'spoken';
  switch (part.kind) {
    case 'text':
      return part.text;
    case 'number':
      return renderNumber(requireNumber(part.value, 'number'), lang, style);
    case 'money':
      return renderMoney(requireNumber(part.amount, 'amount'), part.currency, lang, style);
    case 'digits':
      return renderDigits(part.value, lang, style);
    case 'date':
      return renderDate(part.value, lang, style);
    case 'time':
      return renderTime(part.value, lang, style);
    case 'ewt':
      return renderWaitTime(requireNumber(ctx.ewtMinutes, 'ewt (the estimated wait)'), lang, style);
    case 'position':
      return renderNumber(requireNumber(ctx.position, 'position (the place in the queue)'), lang, style);
    case 'prompt': {
      const text = ctx.promptText?.(part.name);
      if (text !== undefined) return text;
      // A recording without text: nothing to synthesize; the transcript names it.
      return style === 'display' ? `[${part.name}]` : '';
    }
    default:
      throw new SpeechError(`unknown speech part ${JSON.stringify(part)}`);
  }
}

/**
 * A finite number, or a decimal string such as PostgreSQL's `numeric` arrives in through a data
 * source («50.00»): a balance read from a database must not fail for being text.
 */
function requireNumber(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  throw new SpeechError(`cannot speak ${what}: ${value === undefined ? 'no value' : JSON.stringify(value)}`);
}
