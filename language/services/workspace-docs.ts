/**
 * Markdown descriptions of workspace entries (queues, prompts, calendars, data sources and their
 * operations), shared by hover and completion documentation, in English and Russian.
 */
import type { Locale } from '../diagnostic.ts';
import { formatType, T, type Type, typeFromSpec } from '../value-types.ts';
import type { CalendarConfig, DataSourceConfig, OperationConfig, Workspace } from '../workspace.ts';

const labels = {
  queue: { en: 'queue', ru: 'очередь' },
  strategy: { en: 'strategy', ru: 'стратегия' },
  skills: { en: 'skills', ru: 'навыки' },
  announcement: { en: 'announcement', ru: 'объявление' },
  every: { en: 'every', ru: 'каждые' },
  maxWait: { en: 'max wait', ru: 'макс. ожидание' },
  overflow: { en: 'overflow to', ru: 'при переполнении' },
  music: { en: 'music on hold', ru: 'музыка ожидания' },
  wrapUp: { en: 'wrap-up', ru: 'поствызывная обработка' },
  prompt: { en: 'prompt', ru: 'сообщение' },
  recording: { en: 'recording', ru: 'запись' },
  text: { en: 'text', ru: 'текст' },
  calendar: { en: 'calendar', ru: 'календарь' },
  timezone: { en: 'time zone', ru: 'часовой пояс' },
  closed: { en: 'closed', ru: 'выходной' },
  holidays: { en: 'holidays', ru: 'праздники' },
  dataSource: { en: 'data source', ru: 'источник данных' },
  operations: { en: 'operations', ru: 'операции' },
  timeout: { en: 'timeout', ru: 'тайм-аут' },
  secretParams: { en: 'secret parameters (never logged)', ru: 'секретные параметры (не журналируются)' },
  mayBeNone: { en: 'may return `none` (no match)', ru: 'может вернуть `none` (нет совпадения)' },
  skill: { en: 'skill', ru: 'навык' },
  group: { en: 'operator group', ru: 'группа операторов' },
  queues: { en: 'queues', ru: 'очереди' },
} satisfies Record<string, Record<Locale, string>>;

export type DocLabel = keyof typeof labels;

export function label(key: DocLabel, locale: Locale): string {
  return labels[key][locale];
}

const bullet = (key: DocLabel, value: string, locale: Locale) => `- ${label(key, locale)}: ${value}`;

export function queueMarkdown(name: string, workspace: Workspace, locale: Locale): string | null {
  const queue = Object.hasOwn(workspace.queues, name) ? workspace.queues[name] : undefined;
  if (!queue) return null;
  const lines = [`**${label('queue', locale)}** \`${name}\`${queue.title ? ` — ${queue.title}` : ''}`, ''];
  lines.push(bullet('strategy', queue.strategy, locale));
  if (queue.skills.length > 0) lines.push(bullet('skills', queue.skills.join(', '), locale));
  if (queue.announce) {
    lines.push(
      bullet(
        'announcement',
        `«${queue.announce}» (${label('every', locale)} ${queue.announceEvery})`,
        locale,
      ),
    );
  }
  if (queue.maxWait) {
    const overflow = queue.overflow ? `, ${label('overflow', locale)} \`${queue.overflow}\`` : '';
    lines.push(bullet('maxWait', `${queue.maxWait}${overflow}`, locale));
  }
  lines.push(bullet('music', queue.music, locale));
  lines.push(bullet('wrapUp', queue.wrapUp, locale));
  return lines.join('\n');
}

export function promptMarkdown(name: string, workspace: Workspace, locale: Locale): string | null {
  const prompt = Object.hasOwn(workspace.prompts, name) ? workspace.prompts[name] : undefined;
  if (!prompt) return null;
  const lines = [`**${label('prompt', locale)}** \`${name}\``, ''];
  if (prompt.file) lines.push(bullet('recording', `\`${prompt.file}\``, locale));
  if (prompt.text) lines.push(bullet('text', `«${prompt.text}»`, locale));
  return lines.join('\n');
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function calendarMarkdown(name: string, workspace: Workspace, locale: Locale): string | null {
  const calendar: CalendarConfig | undefined = Object.hasOwn(workspace.calendars, name)
    ? workspace.calendars[name]
    : undefined;
  if (!calendar) return null;
  const lines = [
    `**${label('calendar', locale)}** \`${name}\``,
    '',
    bullet('timezone', calendar.timezone, locale),
  ];
  for (const day of WEEKDAYS) {
    const hours = calendar.weekly[day];
    lines.push(`- ${day}: ${hours && hours.length > 0 ? hours.join(', ') : label('closed', locale)}`);
  }
  if (calendar.holidays.length > 0) lines.push(bullet('holidays', calendar.holidays.join(', '), locale));
  return lines.join('\n');
}

/** `billing.balance(contract: string, secret pin: string): {balance: number, currency: string}?` */
export function operationSignature(source: string, operation: string, config: OperationConfig): string {
  const params = config.params.map(
    (param) => `${param.secret ? 'secret ' : ''}${param.name}: ${formatType(typeFromSpec(param.type))}`,
  );
  return `${source}.${operation}(${params.join(', ')}): ${formatType(operationResultType(config))}`;
}

export function operationMarkdown(
  source: string,
  operation: string,
  workspace: Workspace,
  locale: Locale,
): string | null {
  const dataSource = Object.hasOwn(workspace.dataSources, source) ? workspace.dataSources[source] : undefined;
  const config =
    dataSource && Object.hasOwn(dataSource.operations, operation) ? dataSource.operations[operation] : null;
  if (!dataSource || !config) return null;
  const lines = ['```callflow', operationSignature(source, operation, config), '```'];
  lines.push(bullet('dataSource', `\`${source}\` (${dataSource.kind})`, locale));
  lines.push(bullet('timeout', config.timeout ?? dataSource.timeout, locale));
  const secrets = config.params.filter((param) => param.secret).map((param) => `\`${param.name}\``);
  if (secrets.length > 0) lines.push(bullet('secretParams', secrets.join(', '), locale));
  if (config.optional) lines.push(`- ${label('mayBeNone', locale)}`);
  return lines.join('\n');
}

export function dataSourceMarkdown(name: string, workspace: Workspace, locale: Locale): string | null {
  const dataSource: DataSourceConfig | undefined = Object.hasOwn(workspace.dataSources, name)
    ? workspace.dataSources[name]
    : undefined;
  if (!dataSource) return null;
  const lines = [`**${label('dataSource', locale)}** \`${name}\` (${dataSource.kind})`, ''];
  lines.push(bullet('timeout', dataSource.timeout, locale));
  lines.push(`- ${label('operations', locale)}:`);
  for (const [operation, config] of Object.entries(dataSource.operations)) {
    lines.push(`  - \`${operationSignature(name, operation, config)}\``);
  }
  return lines.join('\n');
}

export function skillMarkdown(name: string, workspace: Workspace, locale: Locale): string {
  const queues = Object.entries(workspace.queues)
    .filter(([, queue]) => queue.skills.includes(name))
    .map(([queue]) => `\`${queue}\``);
  const lines = [`**${label('skill', locale)}** \`${name}\``];
  if (queues.length > 0) lines.push('', bullet('queues', queues.join(', '), locale));
  return lines.join('\n');
}

export function groupMarkdown(name: string, workspace: Workspace, locale: Locale): string | null {
  const group = Object.hasOwn(workspace.groups, name) ? workspace.groups[name] : undefined;
  if (!group) return null;
  const lines = [`**${label('group', locale)}** \`${name}\`${group.title ? ` — ${group.title}` : ''}`];
  if (group.queues.length > 0)
    lines.push('', bullet('queues', group.queues.map((q) => `\`${q}\``).join(', '), locale));
  return lines.join('\n');
}

function operationResultType(config: OperationConfig): Type {
  const result = typeFromSpec(config.result);
  return config.optional ? T.optional(result) : result;
}
