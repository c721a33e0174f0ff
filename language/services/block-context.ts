/**
 * Which block a line belongs to, read from indentation alone: the lines above with less indentation
 * are its enclosing constructs (`menu`, `on 1`, `step`, `flow` …). This works on text the parser
 * cannot make sense of yet, which is exactly the text being typed.
 */
import { lineTokens } from './line-tokens.ts';
import { indentOf, type SourceText } from './source-text.ts';

export interface LineHead {
  line: number;
  indent: number;
  /** First word of the line (`menu`, `on`, `step`, a data source name …); '' for punctuation. */
  word: string;
  /**
   * What the line's indented block belongs to: the statement after its last `->` when there is one
   * (`on 1 -> queue "x"` takes queue clauses), otherwise the first word.
   */
  owner: string;
  /** `let x = src.op(…)` / `src.op(…)`: a data operation that takes `on error`. */
  dataCall: boolean;
}

export interface BlockContext {
  /** Enclosing lines, innermost first; empty at the top level. */
  ancestors: LineHead[];
  /** Lines at the cursor's indentation between the enclosing line and the cursor, in order. */
  siblingsBefore: LineHead[];
}

const FIRST_WORD = /^[ \t]*([A-Za-z_\u0400-\u04FF][A-Za-z0-9_\u0400-\u04FF]*)/;

/** The block the cursor's `line`, indented by `indent`, sits in. */
export function blockAt(text: SourceText, line: number, indent: number): BlockContext {
  const ancestors: LineHead[] = [];
  const siblingsBefore: LineHead[] = [];
  let limit = indent;
  for (let n = line - 1; n >= 1 && limit > 0; n--) {
    const lineText = text.lineText(n);
    const trimmed = lineText.trim();
    if (trimmed === '' || trimmed.startsWith('//')) continue;
    const width = indentOf(lineText);
    if (width < limit) {
      ancestors.push(headOf(text, n, lineText, width));
      limit = width;
    } else if (width === indent && ancestors.length === 0) {
      siblingsBefore.push(quickHead(n, lineText, width));
    }
  }
  siblingsBefore.reverse();
  return { ancestors, siblingsBefore };
}

function quickHead(line: number, lineText: string, indent: number): LineHead {
  const word = FIRST_WORD.exec(lineText)?.[1] ?? '';
  return { line, indent, word, owner: word, dataCall: false };
}

/** Ancestors are few, so they are lexed to find a `->` outside strings. */
function headOf(text: SourceText, line: number, lineText: string, indent: number): LineHead {
  const head = quickHead(line, lineText, indent);
  const { tokens } = lineTokens(text, line);
  let ownerIndex = 0;
  tokens.forEach((t, i) => {
    if (t.image === '->') ownerIndex = i + 1;
  });
  const owner = tokens[ownerIndex]?.image ?? head.word;
  // `let x = billing.balance(…)` or `crm.log(…)`: a `.` followed by `(` marks a data operation.
  const dataCall = tokens.some((t, i) => t.image === '.' && tokens[i + 2]?.image === '(');
  return { ...head, owner, dataCall };
}

/** Whether any enclosing line starts with one of `words` (e.g. inside a menu, inside a subflow). */
export function insideOf(block: BlockContext, ...words: string[]): boolean {
  return block.ancestors.some((a) => words.includes(a.owner) || words.includes(a.word));
}

/** The outermost enclosing line: `flow`, `survey`, `subflow`, or undefined at the top level. */
export function outermost(block: BlockContext): LineHead | undefined {
  return block.ancestors.at(-1);
}
