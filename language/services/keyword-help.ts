/**
 * Short bilingual help for every keyword, shown in completion details and on hover. One table so
 * the two never disagree; the syntax line is the same in both languages because the language's
 * keywords are English.
 */
import type { Locale } from '../diagnostic.ts';

export interface KeywordHelp {
  syntax: string;
  en: string;
  ru: string;
}

const table: Record<string, KeywordHelp> = {
  flow: {
    syntax: 'flow "Name"',
    en: 'An inbound call flow: header clauses, the entry statements, then named steps.',
    ru: 'Сценарий входящего звонка: заголовок, начальные инструкции и именованные шаги.',
  },
  survey: {
    syntax: 'survey "Name"',
    en: 'A survey: questions with typed answers, run as an operator script or a keypad survey.',
    ru: 'Опрос: вопросы с типизированными ответами; работает как скрипт оператора или опрос с клавиатуры.',
  },
  subflow: {
    syntax: 'subflow name(param, …)',
    en: 'A reusable piece of a flow with parameters; run it with `call name(…)`.',
    ru: 'Переиспользуемая часть сценария с параметрами; запускается через `call name(…)`.',
  },
  step: {
    syntax: 'step name',
    en: 'A named step; reached only by `goto` or `retry`, never by falling through.',
    ru: 'Именованный шаг; в него попадают только через `goto` или `retry`, а не «проваливаясь».',
  },
  answers: {
    syntax: 'answers "0800300400", …',
    en: 'Dialled numbers (DNIS) that start this flow.',
    ru: 'Набираемые номера (DNIS), звонки на которые запускают этот сценарий.',
  },
  language: {
    syntax: 'language ru | uk | en',
    en: 'The language prompts are spoken in.',
    ru: 'Язык, на котором произносятся сообщения.',
  },
  fallback: {
    syntax: 'fallback -> statement',
    en: 'Where the call goes when the script fails (default: an apology and the default queue).',
    ru: 'Куда направить звонок при сбое сценария (по умолчанию — извинение и очередь по умолчанию).',
  },
  group: {
    syntax: 'group "operators"',
    en: 'The operator group that runs this survey as a script.',
    ru: 'Группа операторов, которая проводит этот опрос по скрипту.',
  },
  timezone: {
    syntax: 'timezone "Europe/Kyiv"',
    en: 'The time zone `now` and calendars are read in (default: the workspace’s).',
    ru: 'Часовой пояс для `now` и календарей (по умолчанию — из настроек рабочего пространства).',
  },
  say: {
    syntax: 'say "text {expression}"',
    en: 'Speaks text with speech synthesis; `{…}` parts are filled in from expressions.',
    ru: 'Произносит текст синтезом речи; части `{…}` подставляются из выражений.',
  },
  play: {
    syntax: 'play "prompt-name"',
    en: 'Plays a recorded prompt declared in the workspace.',
    ru: 'Проигрывает записанное сообщение из рабочего пространства.',
  },
  menu: {
    syntax: 'menu name retries 3 timeout 5s',
    en: 'A keypad menu: prompts, `on <key>` choices, timeout and invalid-key handling, `after retries`.',
    ru: 'Голосовое меню: сообщения, варианты `on <клавиша>`, обработка тайм-аута и неверной клавиши, `after retries`.',
  },
  prompt: {
    syntax: 'prompt "text" | prompt play "name"',
    en: 'What a menu, ask or question says before waiting for keys.',
    ru: 'Что произносят меню, ввод или вопрос перед ожиданием нажатий.',
  },
  on: {
    syntax: 'on 1 -> statement',
    en: 'A branch: a menu key, `timeout`, `invalid`, a queue `overflow`, a data `error`, a survey answer.',
    ru: 'Ветка: клавиша меню, `timeout`, `invalid`, переполнение очереди `overflow`, ошибка данных `error`, ответ опроса.',
  },
  after: {
    syntax: 'after retries -> statement',
    en: 'What happens when a menu or ask has used up its retries.',
    ru: 'Что делать, когда меню или ввод исчерпали попытки.',
  },
  retries: {
    syntax: 'retries 3',
    en: 'How many times a menu or ask re-prompts before `after retries`.',
    ru: 'Сколько раз меню или ввод повторяют запрос перед `after retries`.',
  },
  timeout: {
    syntax: 'timeout 5s',
    en: 'How long to wait for the first key; in `on timeout`, the branch taken when none comes.',
    ru: 'Сколько ждать первого нажатия; в `on timeout` — ветка, если нажатия не было.',
  },
  invalid: {
    syntax: 'on invalid -> statement',
    en: 'The branch taken on a key the menu does not offer, or input that fails validation.',
    ru: 'Ветка для клавиши, которой нет в меню, или ввода, не прошедшего проверку.',
  },
  ask: {
    syntax: 'ask [secret] name = digits 4..12 until "#"',
    en: 'Collects digits into a variable: length, terminator key, timeouts, a pattern, retries.',
    ru: 'Собирает цифры в переменную: длина, завершающая клавиша, тайм-ауты, шаблон, попытки.',
  },
  secret: {
    syntax: 'ask secret pin = digits 4',
    en: 'The value is never stored, logged, traced or spoken (PINs).',
    ru: 'Значение никогда не сохраняется, не пишется в журнал и не произносится (PIN-коды).',
  },
  digits: {
    syntax: 'digits 4..12',
    en: 'The minimum and maximum number of digits to collect.',
    ru: 'Минимальное и максимальное число цифр для ввода.',
  },
  until: {
    syntax: 'until "#"',
    en: 'The key that ends the input early.',
    ru: 'Клавиша, завершающая ввод досрочно.',
  },
  interdigit: {
    syntax: 'interdigit 3s',
    en: 'The longest pause allowed between two digits.',
    ru: 'Наибольшая пауза между двумя цифрами.',
  },
  matching: {
    syntax: 'matching "^[0-9]+$"',
    en: 'A regular expression the input must match, otherwise `on invalid`.',
    ru: 'Регулярное выражение, которому должен соответствовать ввод, иначе `on invalid`.',
  },
  question: {
    syntax: 'question name "text" yesno | choice | number 1..5 | text',
    en: 'A survey question; the answer is stored with the call and the customer.',
    ru: 'Вопрос опроса; ответ сохраняется со звонком и карточкой клиента.',
  },
  option: {
    syntax: 'option 1 "label"',
    en: 'One answer of a `choice` question, with its key.',
    ru: 'Вариант ответа на вопрос `choice` с его клавишей.',
  },
  let: {
    syntax: 'let name = expression',
    en: 'Declares a variable; a data operation on the right waits for its result (`on error -> …`).',
    ru: 'Объявляет переменную; операция с данными справа ждёт результата (`on error -> …`).',
  },
  set: {
    syntax: 'set name = expression',
    en: 'Assigns a new value to a declared variable.',
    ru: 'Присваивает новое значение объявленной переменной.',
  },
  if: {
    syntax: 'if condition',
    en: 'Runs the indented block when the condition holds; `else` / `else if` otherwise.',
    ru: 'Выполняет блок с отступом, если условие истинно; иначе `else` / `else if`.',
  },
  else: {
    syntax: 'else | else if condition',
    en: 'The block run when the `if` condition does not hold.',
    ru: 'Блок, выполняемый, если условие `if` ложно.',
  },
  goto: {
    syntax: 'goto step',
    en: 'Continues at a named step.',
    ru: 'Переходит к именованному шагу.',
  },
  retry: {
    syntax: 'retry step at most 3 times, then statement',
    en: 'Goes back to a step a bounded number of times, then does something else.',
    ru: 'Возвращается к шагу ограниченное число раз, затем выполняет другое действие.',
  },
  repeat: {
    syntax: 'repeat',
    en: 'Re-prompts the enclosing menu or ask (counts against its retries).',
    ru: 'Повторяет текущее меню или ввод (расходует попытку).',
  },
  queue: {
    syntax: 'queue "name" priority 10 skills "ru" max wait 10m',
    en: 'Puts the caller in a queue until an operator answers; announcements, music and overflow in the block.',
    ru: 'Ставит звонящего в очередь до ответа оператора; объявления, музыка и переполнение — в блоке.',
  },
  priority: {
    syntax: 'priority expression',
    en: 'Queue priority: higher numbers are served first (VIP callers).',
    ru: 'Приоритет в очереди: больший номер обслуживается раньше (VIP-клиенты).',
  },
  skills: {
    syntax: 'skills "internet", "ru"',
    en: 'Skills the answering operator must have.',
    ru: 'Навыки, которыми должен обладать ответивший оператор.',
  },
  max: {
    syntax: 'max wait 10m',
    en: 'The longest a caller waits before the queue overflows.',
    ru: 'Наибольшее время ожидания до переполнения очереди.',
  },
  wait: {
    syntax: 'max wait 10m',
    en: 'The longest a caller waits before the queue overflows.',
    ru: 'Наибольшее время ожидания до переполнения очереди.',
  },
  announce: {
    syntax: 'announce "… {ewt} min" every 60s',
    en: 'Repeated announcement while waiting; `ewt` and `position` are filled in by the queue.',
    ru: 'Повторяемое объявление во время ожидания; `ewt` и `position` подставляет очередь.',
  },
  every: {
    syntax: 'every 60s',
    en: 'How often the announcement repeats.',
    ru: 'Как часто повторяется объявление.',
  },
  music: {
    syntax: 'music "default"',
    en: 'The music-on-hold class played while waiting.',
    ru: 'Класс музыки на удержании во время ожидания.',
  },
  overflow: {
    syntax: 'on overflow -> statement',
    en: 'Where the caller goes when the maximum wait is reached.',
    ru: 'Куда направить звонящего, когда истекло максимальное ожидание.',
  },
  transfer: {
    syntax: 'transfer to extension "1001" | queue "general" | number "+380…"',
    en: 'Transfers the call to an extension, a queue or an external number.',
    ru: 'Переводит звонок на внутренний номер, в очередь или на внешний номер.',
  },
  record: {
    syntax: 'record call',
    en: 'Records the whole call from here on (announce it to the caller first).',
    ru: 'Записывает весь разговор с этого момента (сначала предупредите звонящего).',
  },
  hangup: { syntax: 'hangup', en: 'Ends the call.', ru: 'Завершает звонок.' },
  log: {
    syntax: 'log field = expression',
    en: 'Writes a custom field to the call log.',
    ru: 'Записывает дополнительное поле в журнал звонка.',
  },
  call: {
    syntax: 'call subflow(arguments)',
    en: 'Runs a subflow; `let x = call f(…)` keeps what it returns.',
    ru: 'Выполняет подсценарий; `let x = call f(…)` сохраняет возвращённое значение.',
  },
  return: {
    syntax: 'return [expression]',
    en: 'Ends a subflow, optionally with a value.',
    ru: 'Завершает подсценарий, при необходимости со значением.',
  },
  js: {
    syntax: 'js { … }',
    en: 'Sandboxed synchronous JavaScript; sees variables read-only.',
    ru: 'Изолированный синхронный JavaScript; видит переменные только для чтения.',
  },
  within: {
    syntax: 'within "business-hours"',
    en: 'True when the calendar is open now.',
    ru: 'Истина, если календарь сейчас открыт.',
  },
  is: {
    syntax: 'x is none | x is not none',
    en: 'Tests whether a value is missing (a lookup without a match).',
    ru: 'Проверяет, отсутствует ли значение (поиск без результата).',
  },
  none: {
    syntax: 'none',
    en: 'No value (a lookup without a match, an unknown caller name).',
    ru: 'Отсутствие значения (поиск без результата, неизвестное имя звонящего).',
  },
  and: { syntax: 'a and b', en: 'True when both are true.', ru: 'Истина, если оба истинны.' },
  or: { syntax: 'a or b', en: 'True when either is true.', ru: 'Истина, если хотя бы одно истинно.' },
  not: { syntax: 'not a', en: 'The opposite of a condition.', ru: 'Отрицание условия.' },
  in: {
    syntax: 'x in [a, b]',
    en: 'True when the value is in the list.',
    ru: 'Истина, если значение есть в списке.',
  },
  true: { syntax: 'true', en: 'Yes.', ru: 'Истина.' },
  false: { syntax: 'false', en: 'No.', ru: 'Ложь.' },
  error: {
    syntax: 'on error -> statement',
    en: 'The branch taken when a data operation fails or times out.',
    ru: 'Ветка, если операция с данными завершилась ошибкой или тайм-аутом.',
  },
  yesno: {
    syntax: 'yesno',
    en: 'A yes/no answer (keypad: 1 = yes, 2 = no).',
    ru: 'Ответ да/нет (клавиши: 1 — да, 2 — нет).',
  },
  choice: { syntax: 'choice', en: 'One of the listed options.', ru: 'Один из перечисленных вариантов.' },
  text: {
    syntax: 'text',
    en: 'Free text noted by the operator.',
    ru: 'Свободный текст, записанный оператором.',
  },
  number: { syntax: 'number 1..5', en: 'A number in a range.', ru: 'Число в диапазоне.' },
  yes: { syntax: 'on yes -> statement', en: 'The branch for a “yes” answer.', ru: 'Ветка для ответа «да».' },
  no: { syntax: 'on no -> statement', en: 'The branch for a “no” answer.', ru: 'Ветка для ответа «нет».' },
  to: { syntax: 'transfer to …', en: 'The kind of transfer target.', ru: 'Вид цели перевода.' },
  extension: {
    syntax: 'transfer to extension "1001"',
    en: 'An operator’s internal number.',
    ru: 'Внутренний номер оператора.',
  },
  at: { syntax: 'retry step at most 3 times', en: 'The bound of a retry.', ru: 'Ограничение повторов.' },
  most: { syntax: 'retry step at most 3 times', en: 'The bound of a retry.', ru: 'Ограничение повторов.' },
  times: { syntax: 'retry step at most 3 times', en: 'The bound of a retry.', ru: 'Ограничение повторов.' },
};

// `then` cannot be an object key here: an object with a `then` property looks like a promise.
const help = new Map<string, KeywordHelp>([
  ...Object.entries(table),
  [
    'then',
    {
      syntax: 'retry step at most 3 times, then statement',
      en: 'What to do once the retries are used up.',
      ru: 'Что делать, когда повторы исчерпаны.',
    },
  ],
]);

export function keywordHelp(word: string): KeywordHelp | undefined {
  return help.get(word);
}

/** `syntax` in a code block followed by the localized sentence. */
export function keywordMarkdown(word: string, locale: Locale): string | null {
  const entry = keywordHelp(word);
  if (!entry) return null;
  return `\`\`\`callflow\n${entry.syntax}\n\`\`\`\n${entry[locale]}`;
}
