import type { SourceRange } from './source-range.ts';

export type Severity = 'error' | 'warning' | 'info';

/**
 * One shape for every problem the toolchain reports: lexer, parser, checker and runtime.
 * `code` is stable and documented in docs/diagnostics.md; `message` is already localized;
 * `args` are the values substituted into the message template, kept so a client can re-localize.
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: SourceRange;
  args?: Record<string, string | number>;
}

export type Locale = 'en' | 'ru';
