/**
 * Fields of record values, for `caller.` completion and hover on `account.balance`. Optional
 * values (a lookup that may find nothing) offer the fields of what they hold.
 */
import { T, type Type, unwrapOptional } from '../value-types.ts';

export function memberType(object: Type, name: string): Type {
  const inner = unwrapOptional(object);
  return inner.kind === 'record' && Object.hasOwn(inner.fields, name) ? inner.fields[name] : T.any;
}

export function membersOf(type: Type): [string, Type][] {
  const inner = unwrapOptional(type);
  return inner.kind === 'record' ? Object.entries(inner.fields) : [];
}
