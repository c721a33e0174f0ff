/**
 * `question` as an automated keypad survey: yes = 1, no = 2, a choice by its key, a number as digits
 * ended by '#', free text as a short recording. The host adds the keypad hint in the flow's
 * language. No valid answer after three tries gives `null`. Answers go to the call's record.
 */
import type { Command, Json, SpeechPart } from '../../../language/compiled-format.ts';
import type { SpeechLang } from '../../speech/speech-language.ts';
import { nextKey, TIMEOUT } from '../call-line.ts';
import type { Handler, HandlerContext } from '../handler-context.ts';
import { speak } from '../speaker.ts';

type Question = Extract<Command, { type: 'question' }>;

const TRIES = 3;
const ANSWER_TIMEOUT_MS = 7_000;
const INTER_DIGIT_MS = 3_000;
const TEXT_ANSWER_SEC = 30;

const HINTS: Record<
  SpeechLang,
  { yesno: string; choice: (label: string, key: string) => string; number: string; text: string }
> = {
  ru: {
    yesno: 'Нажмите 1, если да, или 2, если нет.',
    choice: (label, key) => `${label} — нажмите ${key}.`,
    number: 'Введите число и нажмите решётку.',
    text: 'Говорите после сигнала, затем нажмите решётку.',
  },
  uk: {
    yesno: 'Натисніть 1, якщо так, або 2, якщо ні.',
    choice: (label, key) => `${label} — натисніть ${key}.`,
    number: 'Введіть число і натисніть решітку.',
    text: 'Говоріть після сигналу, потім натисніть решітку.',
  },
  en: {
    yesno: 'Press 1 for yes or 2 for no.',
    choice: (label, key) => `For ${label}, press ${key}.`,
    number: 'Enter the number, then press the hash key.',
    text: 'Speak after the tone, then press the hash key.',
  },
};

export const question: Handler<'question'> = async (command, ctx) => {
  const prompt = [...command.text, ...hint(command, ctx.lang)];
  let value: Json = null;
  for (let attempt = 0; attempt < TRIES && value === null; attempt++) {
    await speak(ctx, prompt, { bargeIn: true });
    value =
      command.answerType === 'text' ? await recordAnswer(command, ctx) : await keypadAnswer(command, ctx);
    if (command.answerType === 'text') break;
  }
  ctx.cdr.custom({ [command.name]: value });
  return { type: 'answer', value };
};

function hint(command: Question, lang: SpeechLang): SpeechPart[] {
  const hints = HINTS[lang];
  const text =
    command.answerType === 'choice'
      ? command.options.map((o) => hints.choice(o.label, o.key)).join(' ')
      : hints[command.answerType];
  return [{ kind: 'text', text: ` ${text}` }];
}

async function keypadAnswer(command: Question, ctx: HandlerContext): Promise<Json> {
  ctx.emit({ type: 'waiting', for: 'keys' });
  const { line } = ctx;
  if (command.answerType !== 'number') {
    const key = await line.wait(nextKey, null, ANSWER_TIMEOUT_MS);
    const pressed = key === TIMEOUT ? '' : key;
    ctx.cdr.keys(pressed, false, null);
    const answer =
      command.answerType === 'yesno'
        ? pressed === '1'
          ? 'yes'
          : pressed === '2'
            ? 'no'
            : null
        : command.options.some((o) => o.key === pressed)
          ? pressed
          : null;
    ctx.emit({
      type: 'keys',
      keys: pressed,
      result: answer !== null ? 'digits' : pressed === '' ? 'timeout' : 'invalid',
    });
    return answer;
  }
  let digits = '';
  const longest = String(Math.trunc(Math.abs(command.max ?? 9999))).length + 1;
  for (;;) {
    const key = await line.wait(nextKey, null, digits === '' ? ANSWER_TIMEOUT_MS : INTER_DIGIT_MS);
    if (key === TIMEOUT || key === '#') break;
    digits += key;
    if (digits.length >= longest) break;
  }
  ctx.cdr.keys(digits, false, null);
  const n = /^\d+$/.test(digits) ? Number(digits) : null;
  const valid =
    n !== null && (command.min === null || n >= command.min) && (command.max === null || n <= command.max);
  ctx.emit({ type: 'keys', keys: digits, result: valid ? 'digits' : digits === '' ? 'timeout' : 'invalid' });
  return valid ? n : null;
}

/** A spoken answer: recorded until '#' or the limit; the answer is the recording's name. */
async function recordAnswer(command: Question, ctx: HandlerContext): Promise<Json> {
  const name = `callflow-${ctx.call.id}-${command.name}`;
  // The caller speaks and ends with '#': for a driver this is a wait for keys like any other.
  ctx.emit({ type: 'waiting', for: 'keys' });
  try {
    await ctx.line.guard(
      ctx.pbx.record(ctx.line.channelId, {
        name,
        format: 'wav',
        maxDurationSec: TEXT_ANSWER_SEC,
        beep: true,
        terminateOn: '#',
      }),
    );
    await ctx.line.wait(
      (line, recording: string) => line.recordingEnded(recording),
      name,
      (TEXT_ANSWER_SEC + 5) * 1000,
    );
    // The '#' that ended the recording also arrives as a key: it is not an answer to what follows.
    if (ctx.line.peekKey() === '#') ctx.line.takeKey();
    return `recording:${name}`;
  } catch (error) {
    if (ctx.line.ended) throw ctx.line.ended;
    ctx.logger.log('warn', 'survey answer could not be recorded', {
      callId: ctx.call.id,
      error: (error as Error).message,
    });
    return null;
  }
}
