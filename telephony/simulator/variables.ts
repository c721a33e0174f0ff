/**
 * Channel variables and the dialplan functions ARI reads through them (08): CALLERID(...),
 * CHANNEL(name), EXTEN, CONTEXT. An unset variable and one set to "" are both "not found".
 */
import type { SimChannel } from './model.ts';
import { callerPresentation } from './originate.ts';
import { badRequest, notFound } from './sim-error.ts';
import type { SimWorld } from './world.ts';

export function readVariable(ch: SimChannel, name: string | undefined): string {
  if (!name) throw badRequest('Variable name is required');
  const value = variableValue(ch, name);
  if (value === undefined || value === '') throw notFound('Provided variable was not found');
  return value;
}

function variableValue(ch: SimChannel, name: string): string | undefined {
  const fn = /^([A-Z_]+)\(([^)]*)\)$/i.exec(name);
  if (fn) {
    const [, func, arg] = fn;
    const a = arg.toLowerCase();
    switch (func.toUpperCase()) {
      case 'CALLERID':
        if (a === 'num' || a === 'number') return ch.caller.number;
        if (a === 'name') return ch.caller.name;
        if (a === 'all') return `"${ch.caller.name}" <${ch.caller.number}>`;
        return undefined;
      case 'CONNECTEDLINE':
        if (a === 'num' || a === 'number') return ch.connected.number;
        if (a === 'name') return ch.connected.name;
        return undefined;
      case 'CHANNEL':
        if (a === 'name') return ch.name;
        if (a === 'state') return ch.state;
        if (a === 'language') return ch.language;
        if (a === 'uniqueid') return ch.id;
        return undefined;
      default:
        return undefined;
    }
  }
  switch (name) {
    case 'EXTEN':
      return ch.dialplan.exten;
    case 'CONTEXT':
      return ch.dialplan.context;
    case 'PRIORITY':
      return String(ch.dialplan.priority);
    case 'UNIQUEID':
      return ch.id;
    default:
      return ch.vars.get(name);
  }
}

/** Sets (or, with no value, unsets) a variable; CALLERID(...) changes the caller id instead. */
export function writeVariable(
  world: SimWorld,
  ch: SimChannel,
  name: string | undefined,
  value: unknown,
): void {
  if (!name) throw badRequest('Variable name is required');
  const fn = /^CALLERID\((name|num|number)\)$/i.exec(name);
  if (fn) {
    const v = value === undefined || value === null ? '' : String(value);
    if (fn[1].toLowerCase() === 'name') ch.caller.name = v;
    else ch.caller.number = v;
    world.emitChannel(ch, 'ChannelCallerId', callerPresentation);
    return;
  }
  if (value === undefined || value === null) {
    ch.vars.delete(name);
    return;
  }
  ch.vars.set(name, String(value));
  world.emitVarset(ch, name, String(value));
}
