import { describe, expect, it } from 'vitest';
import type { SpeechPart } from '../../../language/compiled-format.ts';
import { renderSpeech } from '../../../runtime/speech/render-speech.ts';
import { SpeechError } from '../../../runtime/speech/speech-error.ts';

const text = (t: string): SpeechPart => ({ kind: 'text', text: t });
const EWT: SpeechPart = { kind: 'ewt' };

describe('renderSpeech: the reference scenario', () => {
  const balance: SpeechPart[] = [
    text('На вашем личном счету '),
    { kind: 'money', amount: 50, currency: 'UAH' },
    text('.'),
  ];

  it('shows the balance with digits and the agreed noun', () => {
    expect(renderSpeech(balance, 'ru', { style: 'display' })).toBe('На вашем личном счету 50 гривен.');
  });

  it('speaks the balance in words', () => {
    expect(renderSpeech(balance, 'ru', { style: 'spoken' })).toBe('На вашем личном счету пятьдесят гривен.');
  });

  it('speaks by default', () => {
    expect(renderSpeech(balance, 'ru')).toBe('На вашем личном счету пятьдесят гривен.');
  });

  const announcement: SpeechPart[] = [
    text('Все операторы на линии заняты. Приблизительное время ожидания для соединения '),
    EWT,
    text(' мин.'),
  ];

  it("announces half a minute, absorbing the analyst's «мин.»", () => {
    expect(renderSpeech(announcement, 'ru', { ewtMinutes: 0.5 })).toBe(
      'Все операторы на линии заняты. Приблизительное время ожидания для соединения полминуты.',
    );
    expect(renderSpeech(announcement, 'ru', { ewtMinutes: 0.5, style: 'display' })).toBe(
      'Все операторы на линии заняты. Приблизительное время ожидания для соединения 0,5 минуты.',
    );
  });

  it('announces one and a half minutes', () => {
    expect(renderSpeech(announcement, 'ru', { ewtMinutes: 1.4 })).toBe(
      'Все операторы на линии заняты. Приблизительное время ожидания для соединения полторы минуты.',
    );
  });
});

describe('renderSpeech: units after {ewt}', () => {
  it('drops the abbreviation dot when the sentence goes on', () => {
    expect(renderSpeech([text('Ждать '), EWT, text(' мин. в среднем.')], 'ru', { ewtMinutes: 5 })).toBe(
      'Ждать пять минут в среднем.',
    );
  });

  it("absorbs full words and other languages' units", () => {
    expect(renderSpeech([EWT, text(' минут.')], 'ru', { ewtMinutes: 2 })).toBe('две минуты.');
    expect(renderSpeech([EWT, text(' хв.')], 'uk', { ewtMinutes: 0.5 })).toBe('пів хвилини.');
    expect(renderSpeech([EWT, text(' min.')], 'en', { ewtMinutes: 1.5 })).toBe('one and a half minutes.');
  });

  it('keeps text that is not a unit', () => {
    expect(renderSpeech([EWT, text(', минимум.')], 'ru', { ewtMinutes: 1 })).toBe('одна минута, минимум.');
    expect(renderSpeech([EWT, text(' минимум')], 'ru', { ewtMinutes: 1 })).toBe('одна минута минимум');
  });

  it('leaves units after other numbers alone', () => {
    expect(renderSpeech([{ kind: 'number', value: 5 }, text(' мин.')], 'ru', { style: 'display' })).toBe(
      '5 мин.',
    );
  });
});

describe('renderSpeech: prompts, position, spacing', () => {
  const prompts = (name: string) => ({ greeting: 'Добрый день.' })[name];

  it("inserts a prompt's text", () => {
    const parts: SpeechPart[] = [{ kind: 'prompt', name: 'greeting' }, text(' Слушаем вас.')];
    expect(renderSpeech(parts, 'ru', { promptText: prompts })).toBe('Добрый день. Слушаем вас.');
  });

  it('names a recording without text in the transcript and says nothing for it', () => {
    const parts: SpeechPart[] = [{ kind: 'prompt', name: 'jingle' }, text(' Добрый день.')];
    expect(renderSpeech(parts, 'ru', { promptText: prompts, style: 'display' })).toBe(
      '[jingle] Добрый день.',
    );
    expect(renderSpeech(parts, 'ru', { promptText: prompts, style: 'spoken' })).toBe('Добрый день.');
  });

  it('speaks the place in the queue', () => {
    const parts: SpeechPart[] = [text('Ваш номер в очереди: '), { kind: 'position' }, text('.')];
    expect(renderSpeech(parts, 'ru', { position: 3 })).toBe('Ваш номер в очереди: три.');
    expect(renderSpeech(parts, 'uk', { position: 3, style: 'display' })).toBe('Ваш номер в очереди: 3.');
  });

  it('keeps prompts apart from the text around them', () => {
    const more = (name: string) => ({ greeting: 'Добрый день.', menu: 'Нажмите 1.' })[name];
    const parts: SpeechPart[] = [
      { kind: 'prompt', name: 'greeting' },
      { kind: 'prompt', name: 'menu' },
      text('Спасибо.'),
    ];
    expect(renderSpeech(parts, 'ru', { promptText: more })).toBe('Добрый день. Нажмите 1. Спасибо.');
    expect(
      renderSpeech([text('Итак:'), { kind: 'prompt', name: 'menu' }, text('.')], 'ru', { promptText: more }),
    ).toBe('Итак: Нажмите 1..');
  });

  it('collapses the double spaces left by empty parts', () => {
    const parts: SpeechPart[] = [text('Раз '), { kind: 'prompt', name: 'jingle' }, text(' два')];
    expect(renderSpeech(parts, 'ru', { promptText: prompts })).toBe('Раз два');
  });
});

describe('renderSpeech: values as data sources deliver them', () => {
  it('takes a decimal string (PostgreSQL numeric) as a number', () => {
    const parts: SpeechPart[] = [{ kind: 'money', amount: '50.00' as unknown as number, currency: 'UAH' }];
    expect(renderSpeech(parts, 'ru')).toBe('пятьдесят гривен');
    expect(renderSpeech([{ kind: 'number', value: ' 21 ' as unknown as number }], 'ru')).toBe(
      'двадцать один',
    );
  });

  it('knows currency signs and local abbreviations', () => {
    const money = (currency: string): SpeechPart => ({ kind: 'money', amount: 2, currency });
    expect(renderSpeech([money('₴')], 'uk')).toBe('дві гривні');
    expect(renderSpeech([money('грн')], 'ru')).toBe('две гривны');
    expect(renderSpeech([money('$')], 'en', { style: 'display' })).toBe('2 dollars');
  });
});

describe('renderSpeech: values it cannot speak', () => {
  const cases: [string, SpeechPart, object][] = [
    ['NaN number', { kind: 'number', value: Number.NaN }, {}],
    ['null number (NaN through JSON)', { kind: 'number', value: null as unknown as number }, {}],
    ['NaN amount', { kind: 'money', amount: Number.NaN, currency: 'UAH' }, {}],
    ['text amount', { kind: 'money', amount: 'много' as unknown as number, currency: 'UAH' }, {}],
    ['no currency', { kind: 'money', amount: 5, currency: null as unknown as string }, {}],
    ['ewt without an estimate', EWT, {}],
    ['negative ewt', EWT, { ewtMinutes: -1 }],
    ['position without a place', { kind: 'position' }, {}],
    ['30 February', { kind: 'date', value: '2026-02-30' }, {}],
    ['date in another format', { kind: 'date', value: '23.11.2026' }, {}],
    ["25 o'clock", { kind: 'time', value: '25:00' }, {}],
    ['number beyond trillions', { kind: 'number', value: 1e18 }, {}],
    ['unknown part', { kind: 'song' } as unknown as SpeechPart, {}],
  ];
  it.each(cases)('%s throws SpeechError', (_name, part, ctx) => {
    expect(() => renderSpeech([part], 'ru', ctx)).toThrow(SpeechError);
  });
});
