/**
 * Flow and survey headers: CF601 a flow that answers no number (warning), CF602 an unknown
 * language, CF604 a number answered twice within the file, CF605 an unknown time zone, CF606 a
 * survey without questions.
 */
import type { Check } from './context.ts';
import { findDuplicateNumbers } from './dialled-numbers.ts';

const LANGUAGES = new Set(['ru', 'uk', 'en']);

export const headersCheck: Check = {
  name: 'headers',
  run(ctx) {
    for (const unit of ctx.symbols.units) {
      const flow = unit.decl;
      if (flow.kind !== 'Flow') continue;
      const name = flow.name.value;
      if (flow.flavor === 'flow' && !flow.header.some((c) => c.kind === 'Answers')) {
        ctx.report('CF601', flow.name.range, { name });
      }
      for (const clause of flow.header) {
        if (clause.kind === 'Language' && !LANGUAGES.has(clause.language.text)) {
          ctx.report('CF602', clause.language.range, { name: clause.language.text });
        } else if (clause.kind === 'Timezone' && !isTimeZone(clause.zone.value)) {
          ctx.report('CF605', clause.zone.range, { name: clause.zone.value });
        }
      }
      if (flow.flavor === 'survey') {
        const asks = unit.statements.some(({ stmt }) => stmt.kind === 'Question');
        if (!asks) ctx.report('CF606', flow.name.range, { name });
      }
    }
    for (const dup of findDuplicateNumbers([{ file: '', document: ctx.document }])) {
      ctx.report('CF604.sameFile', dup.number.range, {
        number: dup.number.value,
        flow: dup.first.flow,
        line: dup.first.number.range.start.line,
      });
    }
  },
};

const zones = new Map<string, boolean>();

/** IANA zone names, as the host's Intl knows them (works in the browser too). */
function isTimeZone(zone: string): boolean {
  let known = zones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = zone.length > 0;
    } catch {
      known = false;
    }
    zones.set(zone, known);
  }
  return known;
}
