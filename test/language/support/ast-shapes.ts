/** Compact AST shapes (without ranges) for parser tests. */
export const str = (value: string) => ({ kind: 'String', value });
export const num = (value: number) => ({ kind: 'Number', value });
export const name = (text: string) => ({ kind: 'Name', text });
export const ident = (n: string) => ({ kind: 'Ident', name: n });
export const key = (k: string) => ({ kind: 'ChoiceKey', key: k });
export const dur = (text: string, ms: number) => ({ kind: 'Duration', ms, text });
export const arrow = (...body: unknown[]) => ({ kind: 'Branch', arrow: true, body });
export const block = (...body: unknown[]) => ({ kind: 'Branch', arrow: false, body });
export const queue = (q: string, extra: Record<string, unknown> = {}) => ({
  kind: 'Queue',
  queue: str(q),
  priority: null,
  skills: [],
  maxWait: null,
  announce: null,
  announceEvery: null,
  music: null,
  onOverflow: null,
  ...extra,
});
