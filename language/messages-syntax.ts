/**
 * Messages of the syntax diagnostics (CF100–CF105), in English and Russian. Keys are codes, or
 * `code.variant` when one code has several wordings; `{name}` placeholders take the diagnostic's args.
 * `syntaxPhrases` holds the localized fragments that fill `{expected}` and `{found}`.
 */
import type { Diagnostic, Locale } from './diagnostic.ts';
import type { SourceRange } from './source-range.ts';

export const syntaxMessages: Record<string, { en: string; ru: string }> = {
  CF100: { en: "unexpected character '{char}'", ru: 'неожиданный символ «{char}»' },
  CF101: {
    en: "expected {expected} after '{after}', found {found}",
    ru: 'после «{after}» ожидается {expected}, найдено: {found}',
  },
  'CF101.start': { en: 'expected {expected}, found {found}', ru: 'ожидается {expected}, найдено: {found}' },
  'CF101.misplaced': { en: "'{line}' is not allowed {where}", ru: '«{line}» нельзя писать {where}' },
  'CF101.noBlock': {
    en: "'{line}' does not take an indented block",
    ru: 'после «{line}» не может быть вложенного блока',
  },
  'CF101.needsBlock': {
    en: "'{line}' needs '-> …' or an indented block",
    ru: 'после «{line}» нужно «-> …» или вложенный блок',
  },
  'CF101.elseWithoutIf': { en: "'else' without a matching 'if'", ru: '«else» без соответствующего «if»' },
  'CF101.duplicate': { en: "'{clause}' is given twice", ru: '«{clause}» указано дважды' },
  'CF101.interpolation': {
    en: "unclosed '{' in a string (write \\{ for a literal brace)",
    ru: 'незакрытая «{» в строке (для самой скобки пишите \\{)',
  },
  'CF101.key': {
    en: "'{key}' is not a key: use 0-9, * or #",
    ru: '«{key}» — не клавиша: используйте 0-9, * или #',
  },
  CF102: {
    en: 'inconsistent indentation: this line lines up with no enclosing block',
    ru: 'несогласованный отступ: строка не совпадает ни с одним внешним блоком',
  },
  'CF102.unexpected': { en: 'unexpected indentation', ru: 'лишний отступ' },
  CF103: {
    en: 'tab in indentation: indent with spaces',
    ru: 'табуляция в отступе: используйте пробелы',
  },
  CF104: { en: 'unterminated string: add the closing "', ru: 'незакрытая строка: добавьте закрывающую "' },
  CF199: { en: 'internal parser error: {error}', ru: 'внутренняя ошибка разбора: {error}' },
  CF105: {
    en: "unterminated 'js {' block: its braces never close",
    ru: 'незакрытый блок «js {»: фигурные скобки не закрыты',
  },
};

/** Fragments substituted into CF101 messages. */
export const syntaxPhrases: Record<string, { en: string; ru: string }> = {
  endOfLine: { en: 'end of line', ru: 'конец строки' },
  endOfFile: { en: 'end of file', ru: 'конец файла' },
  indentedBlock: { en: 'an indented block', ru: 'вложенный блок' },
  endOfBlock: { en: 'end of block', ru: 'конец блока' },
  or: { en: ' or ', ru: ' или ' },
  name: { en: 'a name', ru: 'имя' },
  string: { en: 'a string', ru: 'строка' },
  number: { en: 'a number', ru: 'число' },
  duration: { en: 'a duration (5s, 2m, 500ms)', ru: 'длительность (5s, 2m, 500ms)' },
  statement: { en: 'a statement', ru: 'оператор' },
  line: { en: 'a statement or clause', ru: 'оператор или предложение' },
  expression: { en: 'an expression', ru: 'выражение' },
  stepName: { en: 'a step name', ru: 'имя шага' },
  menuName: { en: 'a menu name', ru: 'имя меню' },
  variableName: { en: 'a variable name', ru: 'имя переменной' },
  questionName: { en: 'a question name', ru: 'имя вопроса' },
  subflowName: { en: 'a subflow name', ru: 'имя подпрограммы' },
  fieldName: { en: 'a field name', ru: 'имя поля' },
  languageName: { en: 'a language (ru, uk or en)', ru: 'язык (ru, uk или en)' },
  flowName: { en: 'the flow name in quotes', ru: 'название сценария в кавычках' },
  key: { en: 'a key (0-9, *, #, timeout, invalid …)', ru: 'клавиша (0-9, *, #, timeout, invalid …)' },
  answerType: {
    en: 'an answer type (yesno, text, choice, number)',
    ru: 'тип ответа (yesno, text, choice, number)',
  },
  transferTarget: { en: "'extension', 'queue' or 'number'", ru: '«extension», «queue» или «number»' },
  promptText: { en: 'spoken text or \'play "name"\'', ru: 'текст или «play "имя"»' },
  call: { en: "a call like 'name(…)'", ru: 'вызов вида «имя(…)»' },
  dataCall: { en: "a data operation like 'source.operation(…)'", ru: 'операция вида «источник.операция(…)»' },
  // Where a misplaced line was found (CF101.misplaced {where}).
  atTopLevel: {
    en: 'at the top level (start with flow, survey or subflow)',
    ru: 'на верхнем уровне (начните с flow, survey или subflow)',
  },
  inMenu: {
    en: 'inside a menu (use prompt, on, after retries)',
    ru: 'внутри menu (используйте prompt, on, after retries)',
  },
  inAsk: {
    en: 'inside ask (use prompt, on invalid, on timeout, after retries)',
    ru: 'внутри ask (используйте prompt, on invalid, on timeout, after retries)',
  },
  inQuestion: {
    en: 'inside a question (use prompt, option, on)',
    ru: 'внутри question (используйте prompt, option, on)',
  },
  inQueue: {
    en: 'inside a queue (use announce, music, on overflow)',
    ru: 'внутри queue (используйте announce, music, on overflow)',
  },
  afterData: {
    en: "here (only 'on error' may follow a data operation)",
    ru: 'здесь (после операции с данными допускается только «on error»)',
  },
  inBody: { en: 'among statements', ru: 'среди операторов' },
  afterStatements: {
    en: 'after statements (header clauses come right after flow)',
    ru: 'после операторов (заголовок идёт сразу после flow)',
  },
  afterSteps: {
    en: 'after a step at this level (indent it under the step)',
    ru: 'после шага на этом уровне (сделайте отступ внутри шага)',
  },
  inSubflow: { en: 'inside a subflow', ru: 'внутри subflow' },
  nested: {
    en: 'inside another block (flows, steps and subflows start at their own level)',
    ru: 'внутри другого блока',
  },
};

export function phrase(key: string, locale: Locale): string {
  return syntaxPhrases[key]?.[locale] ?? key;
}

export function formatMessage(key: string, locale: Locale, args: Record<string, string | number>): string {
  const template = syntaxMessages[key]?.[locale] ?? syntaxMessages[key]?.en ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}

/** A syntax diagnostic (always an error); the code is the key's part before the dot. */
export function syntaxDiagnostic(
  key: string,
  range: SourceRange,
  locale: Locale,
  args: Record<string, string | number> = {},
): Diagnostic {
  const code = key.split('.')[0]!;
  const diagnostic: Diagnostic = {
    code,
    severity: 'error',
    message: formatMessage(key, locale, args),
    range,
  };
  if (Object.keys(args).length > 0) diagnostic.args = args;
  return diagnostic;
}
