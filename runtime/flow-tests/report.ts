/** Flow-test results as text: a line per case, and for a failure the test line, the flow line and what was heard. */

import type { TestLocale } from './parse-flowtest.ts';
import type { FileResult } from './run-flowtest.ts';

const TEXT = {
  en: {
    atFlow: (file: string, line: number) => `the call was at ${file}:${line}`,
    heard: 'heard since the last expectation met:',
    nothing: '(nothing)',
    summary: (passed: number, failed: number, files: number) =>
      `${passed} passed, ${failed} failed (${files} file${files === 1 ? '' : 's'})`,
  },
  ru: {
    atFlow: (file: string, line: number) => `звонок был на ${file}:${line}`,
    heard: 'прозвучало после последней выполненной проверки:',
    nothing: '(ничего)',
    summary: (passed: number, failed: number, files: number) =>
      `успешно: ${passed}, с ошибками: ${failed} (файлов: ${files})`,
  },
};

export function reportLines(result: FileResult, locale: TestLocale): string[] {
  const t = TEXT[locale];
  const lines = [result.file];
  for (const problem of result.problems) lines.push(`  ✗ ${problem}`);
  for (const c of result.cases) {
    lines.push(`  ${c.passed ? '✓' : '✗'} ${c.name}  (${(c.realMs / 1000).toFixed(1)}s)`);
    if (!c.failure) continue;
    const f = c.failure;
    lines.push(`      ${result.file}:${f.line}: ${f.message}`);
    if (f.flowLine !== null) lines.push(`      ${t.atFlow(result.flowFile, f.flowLine)}`);
    lines.push(`      ${t.heard} ${f.heard.length === 0 ? t.nothing : ''}`);
    for (const text of f.heard) lines.push(`        «${text}»`);
  }
  return lines;
}

export function summaryLine(results: FileResult[], locale: TestLocale): string {
  const passed = results.reduce((n, r) => n + r.cases.filter((c) => c.passed).length, 0);
  const failed = results.reduce(
    (n, r) => n + r.cases.filter((c) => !c.passed).length + (r.problems.length > 0 ? 1 : 0),
    0,
  );
  return TEXT[locale].summary(passed, failed, results.length);
}
