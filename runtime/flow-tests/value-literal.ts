/**
 * Values in flow tests, written the way analysts write them: JSON, but object keys may go without
 * quotes (`{balance: 50, currency: "UAH"}`), and `any` matches any argument in `given`.
 */
import type { Json } from '../../language/compiled-format.ts';

export const ANY = Symbol('any');

export class ValueReader {
  private i = 0;

  constructor(private readonly text: string) {}

  get rest(): string {
    return this.text.slice(this.i);
  }

  get done(): boolean {
    this.space();
    return this.i >= this.text.length;
  }

  /** Reads one value (or `any` when allowed). Throws with a message on bad input. */
  read(allowAny = false): Json | typeof ANY {
    this.space();
    const c = this.text[this.i];
    if (c === '"') return this.string();
    if (c === '{') return this.object();
    if (c === '[') return this.list();
    const word = /^(-?\d+(?:\.\d+)?|true|false|null|none|any)/.exec(this.rest);
    if (!word) throw new Error(`expected a value at "${this.rest.slice(0, 20)}"`);
    this.i += word[0].length;
    if (word[0] === 'any') {
      if (!allowAny) throw new Error('`any` is only allowed as a `given` argument');
      return ANY;
    }
    if (word[0] === 'true' || word[0] === 'false') return word[0] === 'true';
    if (word[0] === 'null' || word[0] === 'none') return null;
    return Number(word[0]);
  }

  /** Consumes `token` if it comes next. */
  eat(token: string): boolean {
    this.space();
    if (!this.rest.startsWith(token)) return false;
    this.i += token.length;
    return true;
  }

  expect(token: string): void {
    if (!this.eat(token)) throw new Error(`expected "${token}" at "${this.rest.slice(0, 20)}"`);
  }

  private string(): string {
    const match = /^"(?:[^"\\]|\\.)*"/.exec(this.rest);
    if (!match) throw new Error('a text without its closing quote');
    this.i += match[0].length;
    return JSON.parse(match[0]) as string;
  }

  private object(): Json {
    this.expect('{');
    const out: Record<string, Json> = {};
    if (this.eat('}')) return out;
    do {
      this.space();
      const key = this.text[this.i] === '"' ? this.string() : this.identifier();
      this.expect(':');
      out[key] = this.plain();
    } while (this.eat(','));
    this.expect('}');
    return out;
  }

  private list(): Json {
    this.expect('[');
    const out: Json[] = [];
    if (this.eat(']')) return out;
    do out.push(this.plain());
    while (this.eat(','));
    this.expect(']');
    return out;
  }

  private plain(): Json {
    const value = this.read(false);
    return value as Json;
  }

  private identifier(): string {
    const match = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(this.rest);
    if (!match) throw new Error(`expected a field name at "${this.rest.slice(0, 20)}"`);
    this.i += match[0].length;
    return match[0];
  }

  private space(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i])) this.i++;
  }
}

/** Does a value equal an expected one (deep, JSON semantics)? */
export function sameValue(a: Json, b: Json): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

function normalize(value: Json): Json {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, normalize(value[k])]),
    );
  }
  return value;
}
