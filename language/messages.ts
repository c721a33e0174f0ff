/**
 * The one table of diagnostic codes: every code's severity and its English and Russian message
 * templates. Codes are stable and documented in docs/diagnostics.md. Keys are codes, or
 * `code.variant` when one code has several wordings; `{name}` placeholders take the diagnostic's args.
 *
 *   CF1xx syntax (language/messages-syntax.ts)   CF4xx control flow
 *   CF2xx names                                  CF5xx secrets
 *   CF3xx types                                  CF6xx flow header and workspace
 */
import type { Diagnostic, Locale, Severity } from './diagnostic.ts';
import { syntaxMessages } from './messages-syntax.ts';
import type { SourceRange } from './source-range.ts';

export interface MessageTemplate {
  severity: Severity;
  en: string;
  ru: string;
}

type Args = Record<string, string | number>;

const e = (en: string, ru: string): MessageTemplate => ({ severity: 'error', en, ru });
const w = (en: string, ru: string): MessageTemplate => ({ severity: 'warning', en, ru });

const checkerMessages: Record<string, MessageTemplate> = {
  CF000: e(
    "internal error in the '{check}' check: {detail} (please report it)",
    "внутренняя ошибка проверки '{check}': {detail} (сообщите о ней)",
  ),

  // CF2xx — names
  CF201: e("unknown step '{name}'", 'неизвестный шаг «{name}»'),
  CF202: e("unknown queue '{name}'", 'неизвестная очередь «{name}»'),
  CF203: e("unknown prompt '{name}'", 'неизвестное сообщение «{name}»'),
  CF204: e("unknown data source '{name}'", 'неизвестный источник данных «{name}»'),
  CF205: e(
    "data source '{source}' has no operation '{name}'",
    'у источника данных «{source}» нет операции «{name}»',
  ),
  CF206: e("unknown variable '{name}'", 'неизвестная переменная «{name}»'),
  'CF206.builtin': e(
    "'{name}' is built in and cannot be changed",
    '«{name}» — встроенное значение, его нельзя изменить',
  ),
  CF207: e("unknown calendar '{name}'", 'неизвестный календарь «{name}»'),
  CF208: e("unknown skill '{name}'", 'неизвестный навык «{name}»'),
  CF209: e("unknown operator group '{name}'", 'неизвестная группа операторов «{name}»'),
  CF210: e("unknown subflow '{name}'", 'неизвестная подпрограмма «{name}»'),
  CF211: e("unknown function '{name}'", 'неизвестная функция «{name}»'),
  'CF211.subflow': e(
    "'{name}' is a subflow: run it with 'call {name}(…)'",
    '«{name}» — подпрограмма: вызывайте её через «call {name}(…)»',
  ),
  CF212: e("step '{name}' is already defined at line {line}", 'шаг «{name}» уже определён в строке {line}'),
  CF213: e("'{name}' is already declared at line {line}", '«{name}» уже объявлено в строке {line}'),
  'CF213.variable': e(
    "variable '{name}' is already declared at line {line}; use 'set' to change it",
    'переменная «{name}» уже объявлена в строке {line}; чтобы изменить её, используйте «set»',
  ),
  'CF213.builtin': e(
    "'{name}' is a built-in name; choose another name",
    '«{name}» — встроенное имя; выберите другое',
  ),
  CF214: e(
    "'{name}' takes {expected} argument(s), but {count} given",
    '«{name}» принимает аргументов: {expected}, а передано: {count}',
  ),

  // CF3xx — types
  CF301: e(
    "operator '{op}' cannot be applied to {left} and {right}",
    'оператор «{op}» нельзя применить к {left} и {right}',
  ),
  'CF301.unary': e(
    "operator '{op}' cannot be applied to {operand}",
    'оператор «{op}» нельзя применить к {operand}',
  ),
  CF302: e(
    'a condition must be boolean, but this is {type}',
    'условие должно быть логическим, а здесь {type}',
  ),
  CF303: e(
    "argument '{param}' of '{name}' must be {expected}, but this is {type}",
    'аргумент «{param}» функции «{name}» должен быть {expected}, а здесь {type}',
  ),
  CF304: e(
    'queue priority must be a number, but this is {type}',
    'приоритет очереди должен быть числом, а здесь {type}',
  ),
  CF305: e(
    "'{name}(…)' can only be used in spoken text (say, prompt, question, announce)",
    '«{name}(…)» можно использовать только в произносимом тексте (say, prompt, question, announce)',
  ),
  CF306: e(
    "'{name}' is only known inside a queue's announce text",
    '«{name}» доступно только в тексте announce очереди',
  ),
  CF307: e(
    "{type} has no fields: cannot read '.{name}'",
    'у значения типа {type} нет полей: нельзя прочитать «.{name}»',
  ),
  CF308: e("{type} has no field '{name}'", 'у {type} нет поля «{name}»'),
  CF309: e(
    "'{name}' holds {expected}; cannot assign {type}",
    '«{name}» хранит {expected}; нельзя присвоить {type}',
  ),
  CF310: e(
    'a transfer destination must be text, but this is {type}',
    'адрес перевода должен быть текстом, а здесь {type}',
  ),
  CF311: e(
    'a {type} value cannot be spoken or put in text',
    'значение типа {type} нельзя произнести или вставить в текст',
  ),
  CF312: e(
    'the range {min}..{max} is empty: the minimum is greater than the maximum',
    'диапазон {min}..{max} пуст: минимум больше максимума',
  ),

  // CF4xx — control flow
  CF401: w("step '{name}' is never reached", 'шаг «{name}» недостижим'),
  CF402: w('this statement is never reached', 'этот оператор никогда не выполняется'),
  CF403: e(
    "the call can reach the end of step '{name}' without hangup, transfer, queue or goto",
    'звонок может дойти до конца шага «{name}» без hangup, transfer, queue или goto',
  ),
  'CF403.flow': e(
    "the call can reach the end of the flow's entry without hangup, transfer, queue or goto",
    'звонок может дойти до конца начальной части сценария без hangup, transfer, queue или goto',
  ),
  CF404: e(
    "menu '{name}' has no exit: no key choice leads anywhere",
    'у меню «{name}» нет выхода: ни одна клавиша никуда не ведёт',
  ),
  CF405: e(
    "menu '{name}' has no 'after retries': say where the call goes when its retries run out",
    "у меню «{name}» нет 'after retries': укажите, куда пойдёт звонок, когда попытки закончатся",
  ),
  CF406: e("key '{key}' is already handled at line {line}", 'клавиша «{key}» уже обработана в строке {line}'),
  CF407: e(
    "this goto can loop forever without waiting for the caller ({cycle}); add a prompt or use 'retry … at most'",
    "этот goto может зациклиться без ожидания звонящего ({cycle}); добавьте сообщение или используйте 'retry … at most'",
  ),
  'CF407.call': e(
    'this call can recurse forever without waiting for the caller ({cycle})',
    'этот вызов может бесконечно вызывать сам себя без ожидания звонящего ({cycle})',
  ),
  CF408: e("'repeat' is only allowed inside a menu or ask", "'repeat' допустим только внутри menu или ask"),
  'CF408.afterRetries': e(
    "'repeat' in 'after retries' has no retries left and no enclosing menu to repeat; go somewhere else",
    "'repeat' в 'after retries': повторов не осталось, и нет внешнего меню; направьте звонок в другое место",
  ),
  CF409: e("'return' is only allowed inside a subflow", "'return' допустим только внутри subflow"),
  CF410: e("'{name}' is not a step", '«{name}» — не шаг'),
  'CF410.menu': e(
    "'{name}' is a menu, not a step: put the menu in a step to jump to it",
    '«{name}» — это меню, а не шаг: чтобы перейти к меню, поместите его в шаг',
  ),
  'CF410.variable': e("'{name}' is a variable, not a step", '«{name}» — это переменная, а не шаг'),
  'CF410.subflow': e(
    "'{name}' is a subflow, not a step: run it with 'call {name}(…)'",
    '«{name}» — это подпрограмма, а не шаг: вызывайте её через «call {name}(…)»',
  ),
  CF411: e(
    "'{name}(…)' waits for a result, so it must be the whole value of 'let'/'set' or a statement of its own",
    "«{name}(…)» ждёт результата, поэтому должно быть всем значением 'let'/'set' или отдельным оператором",
  ),
  CF412: e(
    "'{keyword}' cannot leave a subflow: subflows have no steps; use 'return'",
    "'{keyword}' не может выйти из подпрограммы: в подпрограмме нет шагов; используйте 'return'",
  ),

  // CF5xx — secrets
  CF501: e("secret '{name}' would be spoken", 'секрет «{name}» будет произнесён вслух'),
  CF502: e("secret '{name}' cannot be put in a text", 'секрет «{name}» нельзя вставлять в текст'),
  CF503: e("secret '{name}' would be written to the call log", 'секрет «{name}» попадёт в журнал звонка'),
  CF504: e(
    "secret '{name}' cannot be stored in '{target}', which is not secret",
    'секрет «{name}» нельзя сохранять в «{target}»: эта переменная не секретная',
  ),
  CF505: e(
    "secret '{name}' cannot be compared in the flow; pass it to a data operation that checks it",
    'секрет «{name}» нельзя сравнивать в сценарии; передайте его операции данных, которая его проверит',
  ),
  CF506: e(
    "secret '{name}' is passed to parameter '{param}' of '{operation}', which is not declared secret",
    'секрет «{name}» передаётся в параметр «{param}» операции «{operation}», не объявленный секретным',
  ),
  CF507: e("secret '{name}' cannot be used in js", 'секрет «{name}» нельзя использовать в js'),
  CF508: e(
    "secret '{name}' cannot be passed to subflow '{subflow}'",
    'секрет «{name}» нельзя передавать в подпрограмму «{subflow}»',
  ),
  CF509: e(
    "secret '{name}' cannot be used as a transfer destination",
    'секрет «{name}» нельзя использовать как адрес перевода',
  ),
  'CF509.priority': e(
    "secret '{name}' cannot be used as a queue priority",
    'секрет «{name}» нельзя использовать как приоритет очереди',
  ),
  'CF509.return': e(
    "secret '{name}' cannot be returned from a subflow",
    'секрет «{name}» нельзя возвращать из подпрограммы',
  ),

  // CF6xx — flow header and workspace
  CF600: e('invalid workspace config: {detail}', 'ошибка в настройках рабочего пространства: {detail}'),
  CF601: w(
    "flow '{name}' answers no number: add 'answers \"…\"' so calls can reach it",
    'сценарий «{name}» не привязан к номеру: добавьте \'answers "…"\', чтобы на него попадали звонки',
  ),
  CF602: e(
    "unknown language '{name}': use ru, uk or en",
    'неизвестный язык «{name}»: используйте ru, uk или en',
  ),
  CF603: w(
    "'record call' without a spoken notice just before it: tell the caller the call is recorded",
    "'record call' без предупреждения перед ним: сообщите звонящему, что разговор записывается",
  ),
  CF604: e(
    "number '{number}' is already answered by flow '{flow}' ({file})",
    'номер «{number}» уже обслуживается сценарием «{flow}» ({file})',
  ),
  'CF604.sameFile': e(
    "number '{number}' is already answered by flow '{flow}' at line {line}",
    'номер «{number}» уже обслуживается сценарием «{flow}» в строке {line}',
  ),
  CF605: e("unknown time zone '{name}'", 'неизвестный часовой пояс «{name}»'),
  CF606: e("survey '{name}' has no questions", 'в опросе «{name}» нет вопросов'),
  CF607: w(
    'no callflow.workspace.json found in this folder or its parents: queues, prompts and data sources are all unknown',
    'не найден callflow.workspace.json в этой папке и выше: очереди, сообщения и источники данных неизвестны',
  ),
};

/** Every code (and variant) → severity and templates. Syntax diagnostics are always errors. */
export const MESSAGES: Readonly<Record<string, MessageTemplate>> = {
  ...Object.fromEntries(
    Object.entries(syntaxMessages).map(([key, text]) => [key, { severity: 'error' as const, ...text }]),
  ),
  ...checkerMessages,
};

/** The localized message for a code (`CF201`) or a variant (`CF211.subflow`). */
export function message(key: string, args: Args = {}, locale: Locale = 'en'): string {
  const template = MESSAGES[key]?.[locale] ?? MESSAGES[key]?.en ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}

export function severityOf(key: string): Severity {
  return MESSAGES[key]?.severity ?? 'error';
}

/** A diagnostic for a code or variant key; the code is the key's part before the dot. */
export function diagnostic(
  key: string,
  range: SourceRange,
  args: Args = {},
  locale: Locale = 'en',
): Diagnostic {
  const result: Diagnostic = {
    code: key.split('.')[0]!,
    severity: severityOf(key),
    message: message(key, args, locale),
    range,
  };
  if (Object.keys(args).length > 0) result.args = args;
  return result;
}
