import { describe, expect, it } from 'vitest';
import { analyze } from '../../../language/analyze.ts';
import { checkWorkspaceFlows } from '../../../language/check.ts';
import { dedent, expectDiagnostic, rangeText, workspace } from './fixtures.ts';

describe('flow headers (CF6xx)', () => {
  it('CF601 a flow answering no number is a warning', () => {
    const d = expectDiagnostic(
      `
      flow "Поддержка"
        hangup
      `,
      'CF601',
      '1:6-1:17',
    );
    expect(d.severity).toBe('warning');
  });

  it('CF602 unknown language', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        language de
        hangup
      `,
      'CF602',
      '3:12-3:14',
    );
  });

  it('CF603 record call without a notice before it is a warning', () => {
    const d = expectDiagnostic(
      `
      flow "T"
        answers "100"
        record call
        queue "general"
      `,
      'CF603',
      '3:3-3:14',
    );
    expect(d.severity).toBe('warning');
  });

  it('CF604 a number answered twice in one file', () => {
    expectDiagnostic(
      `
      flow "A"
        answers "0800 300 400"
        hangup
      flow "B"
        answers "0800300400"
        hangup
      `,
      'CF604',
      '5:11-5:23',
    );
  });

  it('CF605 unknown time zone', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        timezone "Europe/Kiev-Center"
        hangup
      `,
      'CF605',
      '3:12-3:32',
    );
  });

  it('CF606 a survey without questions', () => {
    expectDiagnostic(
      `
      survey "Опрос"
        say "Спасибо"
      `,
      'CF606',
      '1:8-1:15',
    );
  });
});

describe('checkWorkspaceFlows: numbers across the files of a workspace', () => {
  it('CF604 reports the later file, naming the first', () => {
    const a = analyze(dedent('flow "A"\n  answers "100", "200"\n  hangup\n'), workspace).document;
    const b = analyze(dedent('flow "B"\n  answers "300", "200"\n  hangup\n'), workspace).document;
    const result = checkWorkspaceFlows([
      { file: 'a.flow', document: a },
      { file: 'b.flow', document: b },
    ]);
    expect(result).toHaveLength(1);
    expect(result[0].file).toBe('b.flow');
    const [d] = result[0].diagnostics;
    expect([d.code, rangeText(d), d.message]).toEqual([
      'CF604',
      '2:18-2:23',
      "number '200' is already answered by flow 'A' (a.flow)",
    ]);
  });

  it('distinct numbers give nothing', () => {
    const a = analyze('flow "A"\n  answers "100"\n  hangup\n', workspace).document;
    const b = analyze('flow "B"\n  answers "101"\n  hangup\n', workspace).document;
    expect(
      checkWorkspaceFlows([
        { file: 'a.flow', document: a },
        { file: 'b.flow', document: b },
      ]),
    ).toEqual([]);
  });
});
