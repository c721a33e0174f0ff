/**
 * Builders for completion items, one per kind of thing offered: keywords, steps, workspace names,
 * variables and implicit values, builtins, data sources and their operations, record fields.
 * completion.ts decides which of them fit the cursor.
 */
import type { Declaration, Document } from '../ast.ts';
import { BUILTIN_FUNCTIONS, BUILTIN_VALUES, type BuiltinValue, formatSignature } from '../builtins.ts';
import type { Locale } from '../diagnostic.ts';
import type { SourceRange } from '../source-range.ts';
import { formatType, type Type } from '../value-types.ts';
import type { Workspace } from '../workspace.ts';
import { declarationPreview } from './document-docs.ts';
import { keywordHelp, keywordMarkdown } from './keyword-help.ts';
import type { VariableInfo } from './scope.ts';
import type { SourceText } from './source-text.ts';
import { membersOf } from './value-members.ts';
import {
  calendarMarkdown,
  dataSourceMarkdown,
  groupMarkdown,
  label,
  operationMarkdown,
  operationSignature,
  promptMarkdown,
  queueMarkdown,
  skillMarkdown,
} from './workspace-docs.ts';

export type CompletionKind =
  | 'keyword'
  | 'step'
  | 'queue'
  | 'prompt'
  | 'dataSource'
  | 'operation'
  | 'variable'
  | 'function'
  | 'calendar'
  | 'skill'
  | 'group'
  | 'snippet';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail: string;
  /** Markdown. */
  documentation: string;
  insertText: string;
  /** True when `insertText` holds snippet placeholders (`${1:name}`); Monaco: InsertAsSnippet. */
  isSnippet?: boolean;
  replaceRange: SourceRange;
  /** Orders items of equal match quality: the most likely kinds for the position first. */
  sortText?: string;
}

/** What every builder needs: the range a choice replaces and the language of the docs. */
export interface ItemScope {
  range: SourceRange;
  locale: Locale;
  workspace: Workspace;
}

export function keywordItem(word: string, scope: ItemScope, insertText = word): CompletionItem {
  const help = keywordHelp(word);
  return {
    label: word,
    kind: 'keyword',
    detail: help?.syntax ?? word,
    documentation: keywordMarkdown(word, scope.locale) ?? '',
    insertText,
    replaceRange: scope.range,
  };
}

export function keywordItems(words: string[], scope: ItemScope): CompletionItem[] {
  return words.map((word) => keywordItem(word, scope));
}

/** Values of a closed set (`language ru`, `on timeout`) with their own one-line docs. */
export function valueItems(values: [string, string][], scope: ItemScope): CompletionItem[] {
  return values.map(([value, doc]) => ({
    label: value,
    kind: 'keyword',
    detail: value,
    documentation: doc,
    insertText: value,
    replaceRange: scope.range,
  }));
}

export function stepItems(
  declaration: Declaration | null,
  scope: ItemScope,
  text: SourceText,
): CompletionItem[] {
  if (declaration?.kind !== 'Flow') return [];
  return declaration.steps.map((step) => ({
    label: step.name.text,
    kind: 'step',
    detail: `step ${step.name.text}`,
    documentation: declarationPreview(step, text),
    insertText: step.name.text,
    replaceRange: scope.range,
  }));
}

export function subflowItems(document: Document, scope: ItemScope): CompletionItem[] {
  return document.declarations.flatMap((declaration) => {
    if (declaration.kind !== 'Subflow') return [];
    const signature = `${declaration.name.text}(${declaration.params.map((p) => p.text).join(', ')})`;
    const params = declaration.params.map((p, i) => `\${${i + 1}:${p.text}}`).join(', ');
    return [
      {
        label: declaration.name.text,
        kind: 'function' as const,
        detail: `subflow ${signature}`,
        documentation: '',
        insertText: `${declaration.name.text}(${params})`,
        isSnippet: true,
        replaceRange: scope.range,
      },
    ];
  });
}

export type WorkspaceNameKind = 'queue' | 'prompt' | 'calendar' | 'skill' | 'group';

/** Names from the workspace; `quoted` when the cursor is not yet inside the string. */
export function workspaceNameItems(
  kind: WorkspaceNameKind,
  scope: ItemScope,
  quoted: boolean,
): CompletionItem[] {
  const { workspace, locale } = scope;
  const entries: [string, string, string][] = (() => {
    switch (kind) {
      case 'queue':
        return Object.entries(workspace.queues).map(([name, q]) => [
          name,
          q.title ?? `${label('queue', locale)} · ${q.strategy}`,
          queueMarkdown(name, workspace, locale) ?? '',
        ]);
      case 'prompt':
        return Object.entries(workspace.prompts).map(([name, p]) => [
          name,
          p.text ?? p.file ?? label('prompt', locale),
          promptMarkdown(name, workspace, locale) ?? '',
        ]);
      case 'calendar':
        return Object.entries(workspace.calendars).map(([name, c]) => [
          name,
          `${label('calendar', locale)} · ${c.timezone}`,
          calendarMarkdown(name, workspace, locale) ?? '',
        ]);
      case 'skill':
        return allSkills(workspace).map((name) => [
          name,
          label('skill', locale),
          skillMarkdown(name, workspace, locale),
        ]);
      case 'group':
        return Object.entries(workspace.groups).map(([name, g]) => [
          name,
          g.title ?? label('group', locale),
          groupMarkdown(name, workspace, locale) ?? '',
        ]);
    }
  })();
  return entries.map(([name, detail, documentation]) => ({
    label: name,
    kind,
    detail,
    documentation,
    insertText: quoted ? `"${name}"` : name,
    replaceRange: scope.range,
  }));
}

export function variableItems(variables: VariableInfo[], scope: ItemScope): CompletionItem[] {
  const secretWord = scope.locale === 'ru' ? 'секретная' : 'secret';
  return variables.map((v) => ({
    label: v.name,
    kind: 'variable',
    detail: `${v.secret ? `${secretWord} ` : ''}${formatType(v.type)}`,
    documentation: variableMarkdown(v, scope.locale),
    insertText: v.name,
    replaceRange: scope.range,
  }));
}

const ORIGIN: Record<VariableInfo['origin'], Record<Locale, string>> = {
  let: { en: 'declared by `let`', ru: 'объявлена через `let`' },
  ask: { en: 'digits collected by `ask`', ru: 'цифры, собранные `ask`' },
  question: { en: 'the answer to a survey `question`', ru: 'ответ на вопрос опроса `question`' },
  param: { en: 'a subflow parameter', ru: 'параметр подсценария' },
};

export function variableMarkdown(v: VariableInfo, locale: Locale): string {
  const lines = [
    codeBlock(`${v.secret ? 'secret ' : ''}${v.name}: ${formatType(v.type)}`),
    ORIGIN[v.origin][locale],
  ];
  if (v.secret) {
    lines.push(
      locale === 'ru'
        ? 'Секрет: не сохраняется, не журналируется и не произносится.'
        : 'Secret: never stored, logged or spoken.',
    );
  }
  return lines.join('\n\n');
}

/** caller, dialled, call, now, today — and `ewt`/`position` inside a queue announcement. */
export function implicitValueItems(scope: ItemScope, inAnnounce: boolean): CompletionItem[] {
  return [...BUILTIN_VALUES.values()]
    .filter((value) => inAnnounce || value.onlyIn !== 'announce')
    .map((value) => ({
      label: value.name,
      kind: 'variable',
      detail: formatType(value.type),
      documentation: implicitValueMarkdown(value, scope.locale),
      insertText: value.name,
      replaceRange: scope.range,
    }));
}

export function implicitValueMarkdown(value: BuiltinValue, locale: Locale): string {
  return [codeBlock(`${value.name}: ${formatType(value.type)}`), value.doc[locale]].join('\n\n');
}

export function builtinFunctionItems(scope: ItemScope, spoken: boolean): CompletionItem[] {
  return [...BUILTIN_FUNCTIONS.values()]
    .filter((fn) => spoken || fn.category !== 'speech')
    .map((fn) => {
      const params = fn.params
        .filter((p) => !p.optional)
        .map((p, i) => `\${${i + 1}:${p.name}}`)
        .join(', ');
      return {
        label: fn.name,
        kind: 'function',
        detail: formatSignature(fn),
        documentation: builtinMarkdown(fn.name, scope.locale) ?? '',
        insertText: `${fn.name}(${params})`,
        isSnippet: true,
        replaceRange: scope.range,
      };
    });
}

export function builtinMarkdown(name: string, locale: Locale): string | null {
  const fn = BUILTIN_FUNCTIONS.get(name);
  if (!fn) return null;
  const example = locale === 'ru' ? 'Пример' : 'Example';
  return [codeBlock(formatSignature(fn)), fn.doc[locale], `${example}: \`${fn.example}\``].join('\n\n');
}

export function dataSourceItems(scope: ItemScope): CompletionItem[] {
  return Object.entries(scope.workspace.dataSources).map(([name, source]) => ({
    label: name,
    kind: 'dataSource',
    detail: `${label('dataSource', scope.locale)} · ${source.kind}`,
    documentation: dataSourceMarkdown(name, scope.workspace, scope.locale) ?? '',
    insertText: name,
    replaceRange: scope.range,
  }));
}

export function operationItems(source: string, scope: ItemScope): CompletionItem[] {
  const dataSource = scope.workspace.dataSources[source];
  if (!dataSource) return [];
  return Object.entries(dataSource.operations).map(([operation, config]) => ({
    label: operation,
    kind: 'operation',
    detail: operationSignature(source, operation, config),
    documentation: operationMarkdown(source, operation, scope.workspace, scope.locale) ?? '',
    insertText: `${operation}(${config.params.map((p, i) => `\${${i + 1}:${p.name}}`).join(', ')})`,
    isSnippet: true,
    replaceRange: scope.range,
  }));
}

/** Fields of a record value after `.` (`caller.` → number, name). */
export function memberItems(type: Type, scope: ItemScope): CompletionItem[] {
  return membersOf(type).map(([name, fieldType]) => ({
    label: name,
    kind: 'variable',
    detail: formatType(fieldType),
    documentation: '',
    insertText: name,
    replaceRange: scope.range,
  }));
}

export function timeZoneItems(scope: ItemScope, quoted: boolean): CompletionItem[] {
  const zones = new Set([
    scope.workspace.timezone,
    ...Object.values(scope.workspace.calendars).map((c) => c.timezone),
  ]);
  return [...zones].map((zone) => ({
    label: zone,
    kind: 'calendar' as const,
    detail: zone,
    documentation: '',
    insertText: quoted ? `"${zone}"` : zone,
    replaceRange: scope.range,
  }));
}

export function musicItems(scope: ItemScope, quoted: boolean): CompletionItem[] {
  const classes = new Set(['default', ...Object.values(scope.workspace.queues).map((q) => q.music)]);
  return [...classes].map((music) => ({
    label: music,
    kind: 'keyword' as const,
    detail: label('music', scope.locale),
    documentation: '',
    insertText: quoted ? `"${music}"` : music,
    replaceRange: scope.range,
  }));
}

/** Skills the workspace declares plus those its queues require (the checker accepts both). */
function allSkills(workspace: Workspace): string[] {
  return [...new Set([...workspace.skills, ...Object.values(workspace.queues).flatMap((q) => q.skills)])];
}

export function codeBlock(code: string): string {
  return `\`\`\`callflow\n${code}\n\`\`\``;
}
