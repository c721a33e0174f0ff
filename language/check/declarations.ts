/** CF212 duplicate step, CF213 duplicate declaration (variables, menus, subflows, parameters). */
import type { Check } from './context.ts';

export const declarationsCheck: Check = {
  name: 'declarations',
  run(ctx) {
    for (const { key, range, args } of ctx.symbols.duplicates) ctx.report(key, range, args);
  },
};
