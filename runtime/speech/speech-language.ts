/**
 * Shared vocabulary of the speech modules: the languages a flow speaks, grammatical gender, the
 * noun forms agreement chooses between, and the two rendering styles.
 */

export type SpeechLang = 'ru' | 'uk' | 'en';

/** Gender of the noun a Russian/Ukrainian numeral agrees with (одна гривна / один доллар / одно…). */
export type Gender = 'masc' | 'fem' | 'neut';

/**
 * `display`: what a human reads in a transcript (digits + agreed noun: «50 гривен»).
 * `spoken`: what the synthesizer reads (everything in words: «пятьдесят гривен»).
 */
export type SpeechStyle = 'display' | 'spoken';

/**
 * Forms of a noun after a number. Slavic nouns need four: 1, 21 → `one`; 2–4, 22–24 → `few`;
 * 0, 5–20, 25 → `many`; fractions (1,5 / 0,5) → `fraction` (genitive singular, which differs from
 * `few` in Ukrainian: 2 долари but 1,5 долара). English uses `one` and `few` = `many` = `fraction`.
 */
export interface NounForms {
  one: string;
  few: string;
  many: string;
  fraction: string;
  gender: Gender;
}

/** Largest integer spoken in words: just under a quadrillion (the scale words end at trillions). */
export const MAX_SPOKEN_INTEGER = 999_999_999_999_999;

export type PluralCategory = 'one' | 'few' | 'many' | 'fraction';

/** An English noun: singular for exactly 1, plural otherwise (0 minutes, 1.5 minutes). */
export function englishNoun(singular: string, plural: string): NounForms {
  return { one: singular, few: plural, many: plural, fraction: plural, gender: 'masc' };
}

/** A Russian/Ukrainian noun; `fraction` defaults to `few` (right for every Russian noun used here). */
export function slavicNoun(
  gender: Gender,
  one: string,
  few: string,
  many: string,
  fraction: string = few,
): NounForms {
  return { one, few, many, fraction, gender };
}

/** Which noun form a quantity takes in `lang`. Negative numbers agree like their absolute value. */
export function pluralCategory(lang: SpeechLang, n: number): PluralCategory {
  const abs = Math.abs(n);
  if (lang === 'en') return abs === 1 ? 'one' : 'many';
  if (!Number.isInteger(abs)) return 'fraction';
  const lastTwo = abs % 100;
  const last = abs % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return 'many';
  if (last === 1) return 'one';
  if (last >= 2 && last <= 4) return 'few';
  return 'many';
}

/** The form of `noun` that agrees with `n`. */
export function agree(lang: SpeechLang, n: number, noun: NounForms): string {
  return noun[pluralCategory(lang, n)];
}
