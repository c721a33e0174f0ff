import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MESSAGES, message } from '../../../language/messages.ts';
import { diagnosticsOf } from './fixtures.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message table', () => {
  it('gives each code and variant an English and a Russian text with the same placeholders', () => {
    for (const [key, template] of Object.entries(MESSAGES)) {
      expect(template.en, key).not.toBe('');
      expect(template.ru, key).not.toBe('');
      expect(placeholders(template.ru), key).toEqual(placeholders(template.en));
    }
  });

  it('includes the syntax codes of the parser', () => {
    expect(Object.keys(MESSAGES)).toEqual(expect.arrayContaining(['CF100', 'CF101', 'CF104']));
  });

  it('documents every code in docs/diagnostics.md', () => {
    const doc = readFileSync(new URL('../../../docs/diagnostics.md', import.meta.url), 'utf8');
    const codes = new Set(Object.keys(MESSAGES).map((key) => key.split('.')[0]));
    for (const code of codes) expect(doc, code).toContain(`### ${code}`);
  });

  it('has a test for every checker code (each code appears in a test file)', () => {
    const dir = new URL('./', import.meta.url);
    const tests = readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .concat(readFileSync(new URL('../../runtime/workspace-files.test.ts', dir), 'utf8'))
      .join('\n');
    const codes = new Set(Object.keys(MESSAGES).map((key) => key.split('.')[0]));
    const checker = [...codes].filter((code) => !code.startsWith('CF1'));
    expect(checker.filter((code) => !tests.includes(`'${code}`))).toEqual([]);
  });

  it('fills placeholders', () => {
    expect(message('CF201', { name: 'balance' }, 'ru')).toBe('неизвестный шаг «balance»');
    expect(message('CF201', { name: 'balance' })).toBe("unknown step 'balance'");
  });
});

describe('Russian diagnostics', () => {
  it('localizes checker messages end to end', () => {
    const [d] = diagnosticsOf(
      `
      flow "T"
        answers "100"
        queue "продажи"
      `,
      { locale: 'ru' },
    );
    expect(d.code).toBe('CF202');
    expect(d.message).toBe('неизвестная очередь «продажи»');
    expect(d.args).toEqual({ name: 'продажи' });
  });
});
