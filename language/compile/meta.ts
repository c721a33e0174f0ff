/**
 * The `meta` of a compiled flow: what the host needs to know without running it (numbers it
 * answers, calendars to evaluate into `clock.open`, steps for the graph, secret variables) and a
 * stable id: the flow's name plus a hash of everything the script depends on, so a changed flow,
 * workspace or compiler gets a new id and calls in progress keep theirs.
 */
import type { FlowDecl, HeaderClause, SubflowDecl } from '../ast.ts';
import type { FlowMeta } from '../compiled-format.ts';
import { walk } from '../walk.ts';
import type { Workspace } from '../workspace.ts';
import type { Scope } from './ir.ts';
import { flowScope } from './lower.ts';

/** Bump when the generated code changes shape, so ids change with it. */
export const COMPILER_VERSION = 1;

type Language = FlowMeta['language'];

function clause<K extends HeaderClause['kind']>(
  flow: FlowDecl,
  kind: K,
): Extract<HeaderClause, { kind: K }> | null {
  return (flow.header.find((h) => h.kind === kind) as Extract<HeaderClause, { kind: K }>) ?? null;
}

export function flowLanguage(flow: FlowDecl, workspace: Workspace): Language {
  const text = clause(flow, 'Language')?.language.text;
  return text === 'ru' || text === 'uk' || text === 'en' ? text : workspace.language;
}

/** FNV-1a over UTF-16 code units, two seeds: 16 hex digits. Not cryptographic; ids, not secrets. */
export function contentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

export function buildMeta(
  flow: FlowDecl,
  subflows: SubflowDecl[],
  workspace: Workspace,
  hashInput: string,
  scope: Scope = flowScope(flow),
): FlowMeta {
  const calendars: string[] = [];
  for (const root of [flow, ...subflows]) {
    walk(root, (node) => {
      if (node.kind === 'Within' && !calendars.includes(node.calendar.value))
        calendars.push(node.calendar.value);
      return undefined;
    });
  }
  const fallback = clause(flow, 'Fallback');
  const name = flow.name.value;
  return {
    id: `${name}@${contentHash(`${COMPILER_VERSION}\n${hashInput}`)}`,
    name,
    flavor: flow.flavor,
    answers: clause(flow, 'Answers')?.numbers.map((n) => n.value) ?? [],
    language: flowLanguage(flow, workspace),
    timezone: clause(flow, 'Timezone')?.zone.value ?? null,
    steps: flow.steps.map((s) => s.name.text),
    calendars,
    secrets: [...scope.secrets],
    group: clause(flow, 'Group')?.group.value ?? null,
    hasFallback: fallback !== null,
  };
}
