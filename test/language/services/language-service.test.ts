import { describe, expect, it } from 'vitest';
import { LanguageService } from '../../../language/services/index.ts';
import { lines } from './cursor-marker.ts';
import { workspace } from './fixture-workspace.ts';
import { referenceFlow } from './sample-flow.ts';

const uri = 'file:///support.callflow';

describe('LanguageService', () => {
  it('parses a version once for completion, hover, symbols, definitions and diagnostics', () => {
    const service = new LanguageService({ workspace });
    service.update(uri, 1, referenceFlow);
    const offset = referenceFlow.indexOf('goto balance') + 'goto '.length;
    expect(service.complete(uri, offset).map((i) => i.label)).toEqual(['balance']);
    expect(service.hover(uri, offset)?.contents).toContain('step balance');
    expect(service.documentSymbols(uri).map((s) => s.name)).toEqual(['Поддержка АВС Интернет', 'goodbye']);
    expect(service.definition(uri, offset)?.start.line).toBe(18);
    expect(service.references(uri, offset)).toHaveLength(3);
    expect(service.diagnostics(uri).filter((d) => d.severity === 'error')).toEqual([]);
    expect(service.parseCount).toBe(1);
  });

  it('re-parses on new text, but not when a new version has the same text', () => {
    const service = new LanguageService({ workspace });
    service.update(uri, 1, 'flow "x"\n  hangup');
    service.documentSymbols(uri);
    service.update(uri, 2, 'flow "x"\n  hangup');
    service.documentSymbols(uri);
    expect(service.parseCount).toBe(1);
    service.update(uri, 3, 'flow "y"\n  hangup');
    expect(service.documentSymbols(uri)[0].name).toBe('y');
    expect(service.parseCount).toBe(2);
    expect(service.version(uri)).toBe(3);
  });

  it('ignores a late update for an older version', () => {
    const service = new LanguageService({ workspace });
    service.update(uri, 5, 'flow "new"\n  hangup');
    service.update(uri, 4, 'flow "old"\n  hangup');
    expect(service.documentSymbols(uri)[0].name).toBe('new');
  });

  it('gives checker and syntax diagnostics in the chosen language, and re-checks for a new workspace', () => {
    const source = lines('flow "x"', '  answers "100"', '  say (', '  queue "nowhere"');
    const service = new LanguageService({ workspace, locale: 'ru' });
    service.update(uri, 1, source);
    const errors = () => service.diagnostics(uri).filter((d) => d.severity === 'error');
    expect(errors().map((d) => [d.code, d.range.start.line])).toEqual([
      ['CF101', 3],
      ['CF202', 4],
    ]);
    expect(errors()[1].message).toContain('«nowhere»');
    expect(errors().every((d) => /[а-я]/.test(d.message))).toBe(true);
    service.setWorkspace({
      ...workspace,
      queues: { ...workspace.queues, nowhere: workspace.queues.general },
    });
    expect(errors().map((d) => d.code)).toEqual(['CF101']);
    expect(service.parseCount).toBe(1);
  });

  it('answers hover and completion in the service’s locale', () => {
    const service = new LanguageService({ workspace, locale: 'ru' });
    service.update(uri, 1, lines('flow "x"', '  hangup'));
    expect(service.hover(uri, 12)?.contents).toContain('Завершает звонок.');
    service.setLocale('en');
    expect(service.hover(uri, 12)?.contents).toContain('Ends the call.');
  });

  it('answers empty for documents it does not know', () => {
    const service = new LanguageService();
    expect(service.complete('file:///none', 0)).toEqual([]);
    expect(service.hover('file:///none', 0)).toBeNull();
    expect(service.documentSymbols('file:///none')).toEqual([]);
    expect(service.definition('file:///none', 0)).toBeNull();
    expect(service.diagnostics('file:///none')).toEqual([]);
    service.update(uri, 1, 'flow "x"');
    service.close(uri);
    expect(service.version(uri)).toBeNull();
  });
});
