/**
 * Statements and calls allowed only in some places: CF408 `repeat` outside a menu/ask (in an
 * `after retries` it re-prompts the enclosing menu, so it needs one), CF409 `return` outside a subflow, CF411 a call that waits for a result (a data
 * operation or a subflow) buried inside an expression, where the call could not be suspended.
 */
import type { CallExpr } from '../ast.ts';
import { walk } from '../walk.ts';
import type { Check } from './context.ts';
import { eachStatement, isWaitingCall } from './scope.ts';

export const placementCheck: Check = {
  name: 'placement',
  run(ctx) {
    for (const unit of ctx.symbols.units) {
      const inSubflow = unit.decl.kind === 'Subflow';
      eachStatement(unit, (stmt, place, slots) => {
        if (stmt.kind === 'Repeat') {
          if (!place.repeatable) ctx.report(place.afterRetries ? 'CF408.afterRetries' : 'CF408', stmt.range);
        } else if (stmt.kind === 'Return' && !inSubflow) {
          ctx.report('CF409', stmt.range);
        }
        for (const { expr, role } of slots) {
          walk(expr, (node) => {
            if (node.kind !== 'Call' || !isWaitingCall(node)) return undefined;
            const whole = node === expr && (role === 'value' || role === 'call');
            if (!whole) ctx.report('CF411', node.range, { name: calleeText(node) });
            return undefined;
          });
        }
      });
    }
  },
};

function calleeText(call: CallExpr): string {
  const callee = call.callee;
  if (callee.kind === 'Ident') return callee.name;
  const object = callee.object.kind === 'Ident' ? callee.object.name : '…';
  return `${object}.${callee.property.text}`;
}
