/**
 * 11,000 random and mutated sources through parse and format (see support/fuzz-harness.ts): nothing
 * throws or hangs, every diagnostic and every AST node has a range inside the source, and when the
 * formatter accepts a source its output is a fixed point with the same meaning. To fuzz a longer
 * pipeline (parse → check → compile), add it to `pipelines` or call describeFuzz with your own.
 */
import { expect } from 'vitest';
import type { AnyNode } from '../../language/ast.ts';
import { format } from '../../language/format.ts';
import { parse } from '../../language/parse.ts';
import { walk } from '../../language/walk.ts';
import { describeFuzz, expectValidRange, type Pipeline } from './support/fuzz-harness.ts';
import { withoutRanges } from './support/without-ranges.ts';

const pipelines: Record<string, Pipeline> = {
  parse: (source) => {
    const { document, diagnostics } = parse(source);
    walk(document, (node: AnyNode) => {
      expectValidRange(source, node.range, node.kind);
      return true;
    });
    return diagnostics;
  },
  format: (source) => {
    const { text, diagnostics } = format(source);
    if (text !== null) {
      const again = format(text);
      expect(again.text, `format is not idempotent for:\n${source}`).toBe(text);
      expect(meaning(text)).toEqual(meaning(source));
    }
    return diagnostics;
  },
};

/** The document without ranges; comments as a sorted list (the formatter may move a clause and its comment). */
function meaning(source: string): unknown {
  const { document } = parse(source);
  return {
    declarations: withoutRanges(document.declarations),
    comments: document.comments.map((c) => c.text).sort(),
  };
}

describeFuzz('parse and format never fail on bad input', pipelines);
