/**
 * Hand-written scanners for the two literals a regular expression cannot delimit: strings (whose
 * `{expr}` parts may hold nested strings: `"{money(x, "UAH")}"`) and `js { … }` blocks (balanced
 * braces, skipping over JavaScript strings and comments). Used by custom token patterns in tokens.ts.
 */

export interface StringScan {
  /** Offset just past the string (past the closing quote, or at the end of the line). */
  end: number;
  terminated: boolean;
}

const NL = 10;
const CR = 13;
const BACKSLASH = 92;
const QUOTE = 34;
const LBRACE = 123;
const RBRACE = 125;

/** Scans a string starting at the `"` at `offset`. */
export function scanString(text: string, offset: number): StringScan {
  const scan = scanQuoted(text, offset, true);
  // `"a { b"`: an unescaped `{` that never closes. Reading braces literally keeps the string intact;
  // the lexer pass then reports the unclosed interpolation instead of an unterminated string.
  if (!scan.terminated) {
    const flat = scanQuoted(text, offset, false);
    if (flat.terminated) return flat;
  }
  return scan;
}

function scanQuoted(text: string, start: number, braces: boolean): StringScan {
  let i = start + 1;
  let depth = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === NL || c === CR) return { end: i, terminated: false };
    if (c === BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      i += next === NL || next === CR || Number.isNaN(next) ? 1 : 2;
      continue;
    }
    if (depth === 0) {
      if (c === QUOTE) return { end: i + 1, terminated: true };
      if (braces && c === LBRACE) depth = 1;
    } else if (c === LBRACE) {
      depth++;
    } else if (c === RBRACE) {
      depth--;
    } else if (c === QUOTE) {
      const inner = scanQuoted(text, i, true);
      if (!inner.terminated) return inner;
      i = inner.end;
      continue;
    }
    i++;
  }
  return { end: text.length, terminated: false };
}

export interface JsScan {
  end: number;
  /** False when the braces never balance; `end` is then the end of the first line. */
  closed: boolean;
}

const isIdentChar = (c: number): boolean =>
  (c >= 48 && c <= 57) ||
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  c === 95 ||
  (c >= 0x400 && c <= 0x4ff);

/** Scans `js {…}` at `offset` (which holds `js`); null when `js` is not followed by `{` on its line. */
export function scanJsBlock(text: string, offset: number): JsScan | null {
  let i = offset + 2;
  if (i < text.length && isIdentChar(text.charCodeAt(i))) return null;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text.charCodeAt(i) !== LBRACE) return null;
  const end = skipBalanced(text, i);
  if (end !== null) return { end, closed: true };
  let eol = i;
  while (eol < text.length && text.charCodeAt(eol) !== NL && text.charCodeAt(eol) !== CR) eol++;
  return { end: eol, closed: false };
}

/** From a `{`, the offset past its matching `}`, or null if the input ends first. */
function skipBalanced(text: string, open: number): number | null {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === '"' || c === "'" || c === '`') {
      i = skipJsString(text, i, c);
      continue;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return null;
      i = close + 2;
      continue;
    }
    i++;
  }
  return null;
}

function skipJsString(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) return i + 1;
    // An unclosed '…' or "…" ends at the line end, as in JavaScript; template literals may span lines.
    if (c === '\n' && quote !== '`') return i;
    i++;
  }
  return i;
}
