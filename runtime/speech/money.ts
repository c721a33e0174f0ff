/**
 * Money with grammatical agreement and minor units: «1 гривна», «2 гривны», «5 гривен»,
 * «21 гривна», «50 гривен 50 копеек», «один доллар», «две гривны», «two dollars and five cents».
 * Numbers are rendered by number-words.ts: digits for display, words for speech.
 */
import { renderNumber } from './number-words.ts';
import { SpeechError } from './speech-error.ts';
import {
  agree,
  englishNoun,
  type NounForms,
  type SpeechLang,
  type SpeechStyle,
  slavicNoun,
} from './speech-language.ts';

interface CurrencyNames {
  major: NounForms;
  minor: NounForms;
}

const KOPECK_RU = slavicNoun('fem', 'копейка', 'копейки', 'копеек');
const KOPECK_UK = slavicNoun('fem', 'копійка', 'копійки', 'копійок', 'копійки');
const CENT_RU = slavicNoun('masc', 'цент', 'цента', 'центов');
const CENT_UK = slavicNoun('masc', 'цент', 'центи', 'центів', 'цента');
const CENT_EN = englishNoun('cent', 'cents');

/** Currencies spoken with their names; any other code is read as the code itself («50 PLN»). */
export const CURRENCIES: Record<string, Record<SpeechLang, CurrencyNames>> = {
  UAH: {
    ru: { major: slavicNoun('fem', 'гривна', 'гривны', 'гривен'), minor: KOPECK_RU },
    uk: { major: slavicNoun('fem', 'гривня', 'гривні', 'гривень', 'гривні'), minor: KOPECK_UK },
    en: { major: englishNoun('hryvnia', 'hryvnias'), minor: englishNoun('kopiyka', 'kopiykas') },
  },
  RUB: {
    ru: { major: slavicNoun('masc', 'рубль', 'рубля', 'рублей'), minor: KOPECK_RU },
    uk: { major: slavicNoun('masc', 'рубль', 'рублі', 'рублів', 'рубля'), minor: KOPECK_UK },
    en: { major: englishNoun('ruble', 'rubles'), minor: englishNoun('kopeck', 'kopecks') },
  },
  USD: {
    ru: { major: slavicNoun('masc', 'доллар', 'доллара', 'долларов'), minor: CENT_RU },
    uk: { major: slavicNoun('masc', 'долар', 'долари', 'доларів', 'долара'), minor: CENT_UK },
    en: { major: englishNoun('dollar', 'dollars'), minor: CENT_EN },
  },
  // «Евро»/«євро» do not decline; dictionaries give them masculine gender: «один евро».
  EUR: {
    ru: { major: slavicNoun('masc', 'евро', 'евро', 'евро'), minor: CENT_RU },
    uk: { major: slavicNoun('masc', 'євро', 'євро', 'євро'), minor: CENT_UK },
    en: { major: englishNoun('euro', 'euros'), minor: CENT_EN },
  },
};

/** Signs and local abbreviations an analyst or a data source may use instead of the ISO code. */
const CURRENCY_ALIASES: Record<string, string> = {
  '₴': 'UAH',
  ГРН: 'UAH',
  $: 'USD',
  '€': 'EUR',
  '₽': 'RUB',
  РУБ: 'RUB',
  RUR: 'RUB',
};

/** Spoken for a minus sign in front of an amount. */
const MINUS: Record<SpeechLang, string> = { ru: 'минус', uk: 'мінус', en: 'minus' };

/**
 * `amount` in major units (50.5 = 50 hryvnias 50 kopiykas), rounded to the minor unit. Zero minor
 * units are not spoken; an amount below one major unit is spoken in minor units only («50 копеек»).
 */
export function renderMoney(amount: number, currency: string, lang: SpeechLang, style: SpeechStyle): string {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    throw new SpeechError(`cannot speak the amount ${amount} ${currency}`);
  }
  const written = typeof currency === 'string' ? currency.trim().toUpperCase() : '';
  const code = CURRENCY_ALIASES[written] ?? written;
  if (!/^[A-Z]{3}$/.test(code)) {
    throw new SpeechError(`cannot speak the currency ${JSON.stringify(currency)}`);
  }
  const names = CURRENCIES[code]?.[lang];
  // toPrecision first: 1.005 * 100 is 100.49999999999999 in binary, and should round to 101.
  const minorTotal = Math.round(Number((Math.abs(amount) * 100).toPrecision(12)));
  const major = Math.floor(minorTotal / 100);
  const minor = minorTotal % 100;
  const sign = amount < 0 && minorTotal > 0 ? (style === 'spoken' ? `${MINUS[lang]} ` : '-') : '';
  if (!names) return `${sign}${renderNumber(minorTotal / 100, lang, style)} ${code}`;

  const majorText = `${renderNumber(major, lang, style, names.major.gender)} ${agree(lang, major, names.major)}`;
  if (minor === 0) return sign + majorText;
  const minorText = `${renderNumber(minor, lang, style, names.minor.gender)} ${agree(lang, minor, names.minor)}`;
  if (major === 0) return sign + minorText;
  return sign + majorText + (lang === 'en' ? ' and ' : ' ') + minorText;
}
