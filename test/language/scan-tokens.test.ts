/**
 * The hand-written scanner (scan-tokens.ts) against the reference it replaces: Chevrotain's lexer
 * built from the token patterns in tokens.ts. Same tokens (type, image, every position), same
 * comments, same error runs, for random text made of the characters that matter to the patterns,
 * for mutated example flows, and for arbitrary Unicode.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type IToken, Lexer } from 'chevrotain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanTokens } from '../../language/scan-tokens.ts';
import { lexerTokens } from '../../language/tokens.ts';

const reference = new Lexer(lexerTokens, { positionTracking: 'full', ensureOptimizations: true });

const shape = (t: IToken) => [
  t.tokenType.name,
  t.image,
  t.startOffset,
  t.endOffset,
  t.startLine,
  t.endLine,
  t.startColumn,
  t.endColumn,
];

function expectSameAsReference(text: string): void {
  const expected = reference.tokenize(text);
  const actual = scanTokens(text);
  expect(actual.tokens.map(shape), JSON.stringify(text)).toEqual(expected.tokens.map(shape));
  expect(actual.comments.map(shape), JSON.stringify(text)).toEqual(
    (expected.groups.comments ?? []).map(shape),
  );
  expect(actual.errors, JSON.stringify(text)).toEqual(
    expected.errors.map(({ offset, line, column, length }) => ({ offset, line, column, length })),
  );
}

// Every character some pattern looks at, several times over, plus a few it never matches.
const PIECES = [
  ...' \t\f\v\u00a0\ufeff\n\r"\\{}()[].,:?=!<>+-*/%#_0123456789msh§@$^&|~`\'яЖї€😀\u2028',
  'js',
  'js {',
  '}',
  '//',
  '->',
  '..',
  '==',
  '!=',
  '<=',
  '>=',
  '5s',
  '10ms',
  '1.5m',
  '2.h',
  '\r\n',
  'say',
  'matching',
  'on',
];

describe('scanTokens gives what Chevrotain’s lexer gives', () => {
  it('on random text over the characters the patterns look at (20,000 cases)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        expectSameAsReference(pieces.join(''));
      }),
      { numRuns: 20_000, seed: 4_242 },
    );
  });

  it('on js blocks spanning lines, whatever the line breaks (3,000 cases)', () => {
    const inside = fc.constantFrom('\n', '\r\n', '\r', ' a ', '{', '}', '"x"', "'", '// c\n', '/* */', 'я');
    fc.assert(
      fc.property(
        fc.array(inside, { maxLength: 12 }),
        fc.constantFrom('', ' say "x"', '\n  hangup'),
        (body, after) => {
          expectSameAsReference(`say 1\n  js {${body.join('')}}${after}`);
        },
      ),
      { numRuns: 3_000, seed: 11 },
    );
  });

  it('on arbitrary Unicode text (3,000 cases)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: 'binary' }), (text) => expectSameAsReference(text)),
      { numRuns: 3_000, seed: 7 },
    );
  });

  it('on the example flows and mutations of them (2,000 cases)', () => {
    const root = resolve(import.meta.dirname, '../..');
    const flows = ['examples/abc-internet', 'examples/routing', 'test/language/compile/flows'].flatMap(
      (dir) =>
        readdirSync(join(root, dir))
          .filter((f) => f.endsWith('.flow'))
          .map((f) => readFileSync(join(root, dir, f), 'utf8')),
    );
    for (const flow of flows) expectSameAsReference(flow);
    fc.assert(
      fc.property(
        fc.nat(flows.length - 1),
        fc.nat(),
        fc.nat(8),
        fc.constantFrom(...PIECES),
        (i, at, cut, piece) => {
          const flow = flows[i]!;
          const p = at % (flow.length + 1);
          expectSameAsReference(flow.slice(0, p) + piece + flow.slice(p + cut));
        },
      ),
      { numRuns: 2_000, seed: 99 },
    );
  });
});
