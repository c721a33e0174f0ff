/**
 * Operator precedence for the expression parser: it reads `not`s, operands, binary operators and
 * `is [not] none` as one flat list, and buildChain turns the list into a tree by precedence climbing.
 */
import type { IToken } from 'chevrotain';
import type { BinaryOp, Expr } from './ast.ts';
import { tokenRange } from './lexer.ts';
import { spanRanges } from './source-range.ts';

/** An operand, an operator or `not` token, or an `is [not] none` suffix. */
export type ChainItem = Expr | IToken | { negated: boolean; none: IToken };

// Binding strength; `not` binds looser than comparisons and tighter than `and`.
const PRECEDENCE: Record<string, number> = {
  or: 1,
  and: 2,
  '==': 4,
  '!=': 4,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  in: 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};
const NOT_OPERAND = 4;
const IS_NONE = 4;

const isExpr = (item: ChainItem): item is Expr => 'kind' in item;
const isToken = (item: ChainItem): item is IToken => 'image' in item;

/** Precedence climbing over the flat chain: `not a == b and c` → `(not (a == b)) and c`. */
export function buildChain(items: ChainItem[]): Expr {
  let pos = 0;
  const climb = (minPrecedence: number): Expr => {
    let left: Expr;
    const first = items[pos++]!;
    if (isExpr(first)) {
      left = first;
    } else {
      const operand = climb(NOT_OPERAND);
      left = {
        kind: 'Unary',
        op: 'not',
        operand,
        range: spanRanges(tokenRange(first as IToken), operand.range),
      };
    }
    while (pos < items.length) {
      const item = items[pos]!;
      if (isExpr(item)) break; // cannot happen in a well-formed chain
      if (!isToken(item)) {
        if (IS_NONE < minPrecedence) break;
        pos++;
        left = {
          kind: 'IsNone',
          operand: left,
          negated: item.negated,
          range: spanRanges(left.range, tokenRange(item.none)),
        };
        continue;
      }
      const precedence = PRECEDENCE[item.image] ?? 0;
      if (precedence < minPrecedence) break;
      pos++;
      const right = climb(precedence + 1);
      left = {
        kind: 'Binary',
        op: item.image as BinaryOp,
        left,
        right,
        range: spanRanges(left.range, right.range),
      };
    }
    return left;
  };
  return climb(0);
}
