// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${1:name}` is snippet placeholder syntax, not a template.
/**
 * Statement snippets with placeholders (`${1:name}`, choices `${1|a,b|}`), offered at the start
 * of a line. Lines after the first are indented relative to the statement; editors (Monaco, VS
 * Code) re-indent them to the cursor's line. Where the workspace knows the names (queues), the
 * placeholder is a choice between them.
 */
import type { Locale } from '../diagnostic.ts';
import type { Workspace } from '../workspace.ts';
import type { CompletionItem, ItemScope } from './completion-items.ts';

interface Snippet {
  label: string;
  /** Where it may be offered. */
  place: 'top' | 'statement' | 'flowBody' | 'menu' | 'ask' | 'queueBlock' | 'question';
  body: (names: SnippetNames) => string;
  doc: Record<Locale, string>;
}

interface SnippetNames {
  /** A quoted queue-name placeholder with the given tab index. */
  queue: (index: number) => string;
}

const snippets: Snippet[] = [
  {
    label: 'flow',
    place: 'top',
    body: () => 'flow "${1:Name}"\n  answers "${2:0800300400}"\n  language ${3|ru,uk,en|}\n\n  $0',
    doc: {
      en: 'An inbound call flow bound to dialled numbers.',
      ru: 'Сценарий входящего звонка на набираемые номера.',
    },
  },
  {
    label: 'survey',
    place: 'top',
    body: () =>
      'survey "${1:Name}"\n  group "${2:operators}"\n\n  question ${3:satisfied} "${4:Question?}" yesno\n    on yes -> $5\n    on no -> $6',
    doc: { en: 'A survey with a yes/no question.', ru: 'Опрос с вопросом «да/нет».' },
  },
  {
    label: 'subflow',
    place: 'top',
    body: () => 'subflow ${1:name}(${2:param})\n  $0\n  return',
    doc: { en: 'A reusable subflow with parameters.', ru: 'Переиспользуемый подсценарий с параметрами.' },
  },
  {
    label: 'step',
    place: 'flowBody',
    body: () => 'step ${1:name}\n  $0',
    doc: { en: 'A named step (reached by goto).', ru: 'Именованный шаг (переход через goto).' },
  },
  {
    label: 'menu',
    place: 'statement',
    body: (n) =>
      'menu ${1:main} retries ${2:3} timeout ${3:5s}\n  prompt "${4:Press 1 for …}"\n  on 1 -> ${5:goto step}\n  on timeout, invalid -> repeat\n' +
      `  after retries -> \${6:queue ${n.queue(9)}}`,
    doc: {
      en: 'A keypad menu with a prompt, a choice, re-prompting and a bound on retries.',
      ru: 'Голосовое меню: сообщение, вариант выбора, повтор и ограничение попыток.',
    },
  },
  {
    label: 'ask',
    place: 'statement',
    body: (n) =>
      'ask ${1:contract} = digits ${2:4}..${3:12} until "#"\n  prompt "${4:Enter … and press #}"\n' +
      `  after retries -> \${5:queue ${n.queue(9)}}`,
    doc: { en: 'Collect digits into a variable.', ru: 'Ввод цифр в переменную.' },
  },
  {
    label: 'ask secret',
    place: 'statement',
    body: () => 'ask secret ${1:pin} = digits ${2:4} until "#"\n  prompt "${3:Enter your PIN and press #}"',
    doc: {
      en: 'Collect a secret (a PIN): never stored, logged or spoken.',
      ru: 'Ввод секрета (PIN): не сохраняется, не журналируется, не произносится.',
    },
  },
  {
    label: 'queue',
    place: 'statement',
    body: (n) =>
      `queue ${n.queue(1)} priority \${2:0}\n  announce "\${3:All operators are busy. Expected wait {ewt\\} min.}" every \${4:60s}\n  music "\${5:default}"`,
    doc: {
      en: 'Queue the caller with a periodic wait-time announcement.',
      ru: 'Поставить в очередь с периодическим объявлением времени ожидания.',
    },
  },
  {
    label: 'if',
    place: 'statement',
    body: () => 'if ${1:condition}\n  $2\nelse\n  $0',
    doc: { en: 'A condition with an else block.', ru: 'Условие с блоком else.' },
  },
  {
    label: 'let',
    place: 'statement',
    body: (n) =>
      `let \${1:result} = \${2:source}.\${3:operation}(\${4})\n  on error -> \${5:queue ${n.queue(9)}}`,
    doc: {
      en: 'Call a data operation, with the branch taken when it fails.',
      ru: 'Вызов операции с данными с веткой на случай ошибки.',
    },
  },
  {
    label: 'retry',
    place: 'statement',
    body: (n) => `retry \${1:step} at most \${2:3} times, then \${3:queue ${n.queue(9)}}`,
    doc: {
      en: 'Go back to a step a bounded number of times.',
      ru: 'Вернуться к шагу ограниченное число раз.',
    },
  },
  {
    label: 'transfer',
    place: 'statement',
    body: () => 'transfer to ${1|extension,queue,number|} "${2}"',
    doc: { en: 'Transfer the call.', ru: 'Перевести звонок.' },
  },
  {
    label: 'question',
    place: 'statement',
    body: () => 'question ${1:name} "${2:Question?}" ${3|yesno,choice,number,text|}',
    doc: { en: 'A survey question.', ru: 'Вопрос опроса.' },
  },
  {
    label: 'on key',
    place: 'menu',
    body: () => 'on ${1:1} -> $0',
    doc: { en: 'A menu choice.', ru: 'Вариант меню.' },
  },
  {
    label: 'on timeout, invalid',
    place: 'menu',
    body: () => 'on timeout, invalid -> ${1:repeat}',
    doc: {
      en: 'Re-prompt on no input or a wrong key.',
      ru: 'Повтор при отсутствии ввода или неверной клавише.',
    },
  },
  {
    label: 'after retries',
    place: 'menu',
    body: (n) => `after retries -> \${1:queue ${n.queue(9)}}`,
    doc: { en: 'What happens when the retries run out.', ru: 'Что делать, когда попытки исчерпаны.' },
  },
  {
    label: 'on invalid',
    place: 'ask',
    body: () => 'on invalid -> ${1:say "${2:Wrong number}"}',
    doc: { en: 'Input that fails validation.', ru: 'Ввод, не прошедший проверку.' },
  },
  {
    label: 'after retries',
    place: 'ask',
    body: (n) => `after retries -> \${1:queue ${n.queue(9)}}`,
    doc: { en: 'What happens when the retries run out.', ru: 'Что делать, когда попытки исчерпаны.' },
  },
  {
    label: 'announce',
    place: 'queueBlock',
    body: () => 'announce "${1:Expected wait {ewt\\} min.}" every ${2:60s}',
    doc: { en: 'A periodic wait-time announcement.', ru: 'Периодическое объявление времени ожидания.' },
  },
  {
    label: 'on overflow',
    place: 'queueBlock',
    body: (n) => `on overflow -> \${1:queue ${n.queue(9)}}`,
    doc: {
      en: 'Where to go when the maximum wait is reached.',
      ru: 'Куда направить при превышении ожидания.',
    },
  },
  {
    label: 'option',
    place: 'question',
    body: () => 'option ${1:1} "${2:label}"',
    doc: { en: 'An answer option of a choice question.', ru: 'Вариант ответа на вопрос с выбором.' },
  },
];

export type SnippetPlace = Snippet['place'];

export function snippetItems(places: SnippetPlace[], scope: ItemScope): CompletionItem[] {
  const names = { queue: queueChoice(scope.workspace) };
  return snippets
    .filter((s) => places.includes(s.place))
    .map((s) => ({
      label: s.label,
      kind: 'snippet',
      detail: s.doc[scope.locale],
      documentation: `\`\`\`callflow\n${snippetPreview(s.body(names))}\n\`\`\``,
      insertText: s.body(names),
      isSnippet: true,
      replaceRange: scope.range,
    }));
}

/** `"${9|tech,general|}"` — a choice of the workspace's queues, or a plain placeholder. */
function queueChoice(workspace: Workspace): (index: number) => string {
  const queues = Object.keys(workspace.queues).map((q) => q.replace(/[\\,|$}]/g, (c) => `\\${c}`));
  return (index) => (queues.length > 0 ? `"\${${index}|${queues.join(',')}|}"` : `"\${${index}:general}"`);
}

/** The snippet as the user will see it once inserted, for the documentation pane. */
export function snippetPreview(body: string): string {
  let text = body.replace(
    /\$\{\d+\|((?:[^|\\]|\\.)*)\|\}/g,
    (_, choices: string) => choices.split(/(?<!\\),/)[0],
  );
  // Placeholders nest (`${1:say "${2:text}"}`): replace the innermost until none is left.
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(/\$\{\d+:((?:[^}\\$]|\\.)*)\}/g, '$1');
  }
  return text.replace(/\$\d+/g, '').replace(/\\([\\$},|])/g, '$1');
}
