/**
 * Test helpers: "source in, diagnostics out". Ranges are written `line:col-line:col` (1-based, end
 * exclusive), as editors show them.
 */
import { expect } from 'vitest';
import { analyze } from '../../../language/analyze.ts';
import type { Diagnostic, Locale } from '../../../language/diagnostic.ts';
import { parseWorkspace, type Workspace } from '../../../language/workspace.ts';

/** A workspace with what the test flows refer to. */
export const workspace: Workspace = (() => {
  const result = parseWorkspace({
    queues: {
      'tech-support': { skills: ['internet'] },
      general: {},
    },
    skills: ['ru', 'internet'],
    groups: { 'survey-team': { queues: ['general'] } },
    prompts: { greeting: { text: 'Добрый день' } },
    calendars: { 'business-hours': { weekly: { mon: ['09:00-18:00'] } } },
    dataSources: {
      billing: {
        kind: 'builtin',
        operations: {
          balance: {
            params: [
              { name: 'contract', type: 'string' },
              { name: 'pin', type: 'string', secret: true },
            ],
            result: { record: { balance: 'number', currency: 'string' } },
            optional: true,
          },
        },
      },
      crm: {
        kind: 'http',
        url: 'http://crm.local',
        operations: {
          lookup: {
            params: [{ name: 'number', type: 'string' }],
            result: { record: { name: 'string', vip: 'boolean' } },
            optional: true,
          },
          note: {
            params: [
              { name: 'text', type: 'string' },
              { name: 'priority', type: 'number' },
            ],
          },
        },
      },
    },
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.workspace;
})();

export function rangeText(d: Diagnostic): string {
  const { start, end } = d.range;
  return `${start.line}:${start.column}-${end.line}:${end.column}`;
}

/** Removes the common indentation, and the first line break, so sources can be indented in tests. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '\n')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export function diagnosticsOf(source: string, options: { locale?: Locale; workspace?: Workspace } = {}) {
  return analyze(dedent(source), options.workspace ?? workspace, { locale: options.locale }).diagnostics;
}

/** `CODE line:col-line:col` for each diagnostic. */
export function summarize(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${rangeText(d)}`);
}

/** The source gives exactly these diagnostics (`'CF201 3:10-3:17'`), in source order. */
export function expectDiagnostics(
  source: string,
  expected: string[],
  options: { workspace?: Workspace } = {},
) {
  const found = diagnosticsOf(source, options);
  expect(summarize(found)).toEqual(expected);
  return found;
}

/** The source gives exactly one diagnostic: this code at this range. Returns it. */
export function expectDiagnostic(
  source: string,
  code: string,
  range: string,
  options: { workspace?: Workspace } = {},
) {
  return expectDiagnostics(source, [`${code} ${range}`], options)[0];
}

export function expectNoDiagnostics(source: string, options: { workspace?: Workspace } = {}) {
  expectDiagnostics(source, [], options);
}
