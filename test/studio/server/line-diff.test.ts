import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines } from '../../../studio/server/flows/line-diff.ts';

/** Longest common subsequence length, the size of a minimal diff's equal part. */
function lcs(a: string[], b: string[]): number {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++)
      t[i][j] = a[i - 1] === b[j - 1] ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
  }
  return t[a.length][b.length];
}

describe('line diff', () => {
  it('shows a changed line and an added one as a unified hunk', () => {
    const diff = diffLines('a\nb\nc\nd\n', 'a\nx\nc\nd\ne\n', { old: 'flow@1', new: 'flow@2' });
    expect(diff.unified).toBe('--- flow@1\n+++ flow@2\n@@ -1,4 +1,5 @@\n a\n-b\n+x\n c\n d\n+e\n');
    expect([diff.added, diff.removed]).toEqual([2, 1]);
  });

  it('is empty for equal texts and all-added against nothing', () => {
    expect(diffLines('same\n', 'same\n').unified).toBe('');
    expect(diffLines('', 'one\ntwo\n').lines.map((l) => l.op)).toEqual(['add', 'add']);
  });

  it('rebuilds both texts and keeps as many lines equal as possible (any input)', () => {
    const lines = fc.array(fc.constantFrom('say', 'menu', 'hangup', 'queue', ''), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const diff = diffLines(a.join('\n'), b.join('\n'));
        // A text's lines: a final newline ends the last line rather than starting an empty one.
        const split = (x: string[]) => {
          const text = x.join('\n');
          const parts = text === '' ? [] : text.split('\n');
          if (parts.at(-1) === '') parts.pop();
          return parts;
        };
        expect(diff.lines.filter((l) => l.op !== 'add').map((l) => l.text)).toEqual(split(a));
        expect(diff.lines.filter((l) => l.op !== 'remove').map((l) => l.text)).toEqual(split(b));
        expect(diff.lines.filter((l) => l.op === 'equal').length).toBe(lcs(split(a), split(b)));
      }),
      { numRuns: 500 },
    );
  });
});
