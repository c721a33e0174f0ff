/**
 * CF404 a menu no key leads out of, CF405 a menu with no `after retries`, CF406 a key
 * handled twice (menu choices, ask handlers, question options and branches).
 */
import type { ChoiceKey } from '../ast.ts';
import type { Check, CheckContext } from './context.ts';
import { eachStatement } from './scope.ts';

const DIGIT_KEY = /^[0-9*#]$/;

export const menusCheck: Check = {
  name: 'menus',
  run(ctx) {
    for (const unit of ctx.symbols.units) {
      eachStatement(unit, (stmt) => {
        switch (stmt.kind) {
          case 'Menu': {
            reportDuplicateKeys(
              ctx,
              stmt.choices.flatMap((c) => c.keys),
            );
            const leads = stmt.choices.some(
              (c) =>
                c.keys.some((k) => DIGIT_KEY.test(k.key)) && c.body.body.some((s) => s.kind !== 'Repeat'),
            );
            if (!leads) ctx.report('CF404', stmt.name.range, { name: stmt.name.text });
            // Retries are always bounded (3 when not given), so every menu needs somewhere to go after.
            if (!stmt.afterRetries) ctx.report('CF405', stmt.name.range, { name: stmt.name.text });
            return;
          }
          case 'Ask':
            reportDuplicateKeys(
              ctx,
              stmt.handlers.flatMap((h) => h.keys),
            );
            return;
          case 'Question':
            reportDuplicateKeys(
              ctx,
              stmt.options.map((o) => o.key),
            );
            reportDuplicateKeys(
              ctx,
              stmt.branches.map((b) => b.answer),
            );
            return;
          default:
            return;
        }
      });
    }
  },
};

function reportDuplicateKeys(ctx: CheckContext, keys: ChoiceKey[]): void {
  const first = new Map<string, ChoiceKey>();
  for (const key of keys) {
    const earlier = first.get(key.key);
    if (earlier) ctx.report('CF406', key.range, { key: key.key, line: earlier.range.start.line });
    else first.set(key.key, key);
  }
}
