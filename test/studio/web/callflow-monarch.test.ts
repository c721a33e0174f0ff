import { describe, expect, it } from 'vitest';
import { keywords } from '../../../language/tokens.ts';
import { HARD_KEYWORDS, SOFT_KEYWORDS } from '../../../studio/web/src/editor/callflow-monarch.ts';

describe('Monarch highlighting keywords', () => {
  it('are exactly the lexer keywords (the editor colours what the parser reads as a keyword)', () => {
    expect([...HARD_KEYWORDS, ...SOFT_KEYWORDS].sort()).toEqual(Object.keys(keywords).sort());
  });
});
