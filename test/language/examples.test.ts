/**
 * The example flows and the language reference stay true: every example parses, is already in
 * canonical layout and passes the checker against its workspace; every ```callflow block of
 * docs/language.md parses (blocks that do not start a flow are read as the body of one).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../language/analyze.ts';
import type { AnyNode } from '../../language/ast.ts';
import { format } from '../../language/format.ts';
import { parse } from '../../language/parse.ts';
import { walk } from '../../language/walk.ts';
import { parseWorkspace } from '../../language/workspace.ts';

const root = resolve(import.meta.dirname, '../..');
const examples = readdirSync(join(root, 'examples'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.flow'))
  .map((e) => join(e.parentPath, e.name));

function workspaceFor(flowPath: string) {
  const path = join(dirname(flowPath), 'callflow.workspace.json');
  const result = parseWorkspace(JSON.parse(readFileSync(path, 'utf8')));
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.workspace;
}

/** Every text the flow speaks or shows, from strings and templates. */
function texts(source: string): string[] {
  const out: string[] = [];
  for (const declaration of parse(source).document.declarations) {
    walk(declaration, (node: AnyNode) => {
      if (node.kind === 'String') out.push(node.value);
      if (node.kind === 'Template')
        out.push(node.parts.map((p) => (typeof p === 'string' ? p : '{…}')).join(''));
      return true;
    });
  }
  return out;
}

describe('examples', () => {
  it('there are the three example flows', () => {
    expect(examples.map((p) => p.slice(root.length + 1)).sort()).toEqual([
      'examples/abc-internet/support.flow',
      'examples/abc-internet/survey.flow',
      'examples/routing/vip-and-hours.flow',
    ]);
  });

  it.each(examples.map((p) => [p.slice(root.length + 1), p]))(
    '%s parses, is canonical and checks clean',
    (_, path) => {
      const source = readFileSync(path as string, 'utf8');
      expect(parse(source).diagnostics).toEqual([]);
      expect(format(source).text).toBe(source);
      const errors = analyze(source, workspaceFor(path as string)).diagnostics.filter(
        (d) => d.severity === 'error',
      );
      expect(errors.map((d) => `${d.code} ${d.range.start.line}: ${d.message}`)).toEqual([]);
    },
  );

  it('the support line speaks the seed prompts word for word', () => {
    const spoken = texts(readFileSync(join(root, 'examples/abc-internet/support.flow'), 'utf8'));
    for (const prompt of [
      'Добрый день, компания “АВС Интернет”, спасибо за звонок.',
      'Сделайте свой выбор, пожалуйста.',
      'Обратите внимание, для повышения качества обслуживания Ваш разговор будет записан. Дождитесь соединения с оператором.',
      'Все операторы на линии заняты. Приблизительное время ожидания для соединения {…} мин.',
      'Наберите, пожалуйста, цифровой номер вашего договора и нажмите клавишу «#».',
      'Введите свой личный PIN код и нажмите клавишу «#».',
      'Номер договора или PIN код указаны неверно.',
      'На вашем личном счету {…}.',
    ]) {
      expect(spoken).toContain(prompt);
    }
  });

  it('the survey asks the seed questions word for word', () => {
    const spoken = texts(readFileSync(join(root, 'examples/abc-internet/survey.flow'), 'utf8'));
    for (const prompt of [
      'Добрый день, Вас беспокоит компания “АВС Интернет”.',
      'Скажите, пожалуйста, удовлетворены ли Вы сервисом предоставления услуг Интернета?',
      'Какими сервисами Вы б хотели пользоваться в будущем?',
      'Что именно Вас не удовлетворяет в нашем сервисе?',
      'survey-team',
    ]) {
      expect(spoken).toContain(prompt);
    }
  });

  it('the abc-internet workspace declares what the scenario needs', () => {
    const ws = workspaceFor(join(root, 'examples/abc-internet/support.flow'));
    expect([ws.tenant, ws.language, ws.timezone, ws.currency, ws.defaultQueue]).toEqual([
      'abc-internet',
      'ru',
      'Europe/Kyiv',
      'UAH',
      'general',
    ]);
    expect(Object.keys(ws.queues).sort()).toEqual(['general', 'tech-support']);
    expect([ws.queues['tech-support']!.announceEvery, ws.queues['tech-support']!.wrapUp]).toEqual([
      '30s',
      '30s',
    ]);
    expect(ws.groups['survey-team']).toBeDefined();
    const balance = ws.dataSources.billing!.operations.balance!;
    expect(balance.params).toEqual([
      { name: 'contract', type: 'string', secret: false },
      { name: 'pin', type: 'string', secret: true },
    ]);
    expect([balance.result, balance.optional]).toEqual([
      { record: { balance: 'number', currency: 'string' } },
      true,
    ]);
    expect(ws.dataSources.customers!.operations.byPhone!.result).toEqual({
      record: { name: 'string', vip: 'boolean' },
    });
  });

  it('the demo data holds the seed customer and account', () => {
    const data = JSON.parse(readFileSync(join(root, 'examples/abc-internet/demo-data.json'), 'utf8'));
    expect(data.customers).toEqual([{ phone: '+380501234567', name: 'Иван Петренко', vip: true }]);
    expect(data.accounts).toEqual([
      { contract: '123456', pin: '1111', balance: 50, currency: 'UAH', phone: '+380501234567' },
    ]);
  });

  it('every example folder has a valid workspace', () => {
    for (const path of examples) expect(() => workspaceFor(path)).not.toThrow();
  });
});

describe('docs/language.md', () => {
  const path = join(root, 'docs/language.md');
  const blocks = existsSync(path)
    ? [...readFileSync(path, 'utf8').matchAll(/```callflow\n([\s\S]*?)```/g)].map((m) => m[1]!)
    : [];

  /** A block that does not start a flow, survey or subflow is the body of one. */
  function asFile(block: string): string {
    const first = block.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('//')) ?? '';
    if (/^(flow|survey|subflow) /.test(first)) return block;
    return `flow "doc"\n${block
      .split('\n')
      .map((l) => (l === '' ? l : `  ${l}`))
      .join('\n')}`;
  }

  it('has examples', () => {
    expect(blocks.length).toBeGreaterThan(20);
  });

  it.each(blocks.map((b, i) => [i + 1, b]))(
    'block %i parses without diagnostics and formats to itself',
    (_, block) => {
      const source = asFile(block as string);
      expect(parse(source).diagnostics.map((d) => `${d.code} ${d.range.start.line}: ${d.message}`)).toEqual(
        [],
      );
      const once = format(source).text!;
      expect(format(once).text).toBe(once);
    },
  );

  it('shows the reference scenario exactly as examples/abc-internet/support.flow', () => {
    const support = readFileSync(join(root, 'examples/abc-internet/support.flow'), 'utf8');
    expect(blocks).toContain(support);
  });
});
