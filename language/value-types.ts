/**
 * The small type language the checker infers expressions into, and the builtins table and workspace
 * data-operation signatures are written in. Plain data, so it can be shown in hover and completion.
 */
import type { ValueTypeSpec } from './workspace.ts';

export type Type =
  | { kind: 'number' }
  | { kind: 'string' }
  | { kind: 'boolean' }
  | { kind: 'duration' }
  | { kind: 'none' }
  /** Spoken-only text (a speech format's result): allowed in say parts, prompts and announcements. */
  | { kind: 'speech' }
  /** Unknown or dynamic (js, data of type any): checks nothing. */
  | { kind: 'any' }
  | { kind: 'list'; item: Type }
  | { kind: 'record'; fields: Record<string, Type> }
  /** A value that may be `none` (a lookup with no match, the caller's unknown name). */
  | { kind: 'optional'; inner: Type };

export const T = {
  number: { kind: 'number' } as Type,
  string: { kind: 'string' } as Type,
  boolean: { kind: 'boolean' } as Type,
  duration: { kind: 'duration' } as Type,
  none: { kind: 'none' } as Type,
  speech: { kind: 'speech' } as Type,
  any: { kind: 'any' } as Type,
  list: (item: Type): Type => ({ kind: 'list', item }),
  record: (fields: Record<string, Type>): Type => ({ kind: 'record', fields }),
  optional: (inner: Type): Type =>
    inner.kind === 'optional' || inner.kind === 'none' || inner.kind === 'any'
      ? inner
      : { kind: 'optional', inner },
};

/** A workspace value type (data-operation parameters and results). Dates travel as ISO strings. */
export function typeFromSpec(spec: ValueTypeSpec): Type {
  if (typeof spec === 'string') {
    switch (spec) {
      case 'date':
        return T.string;
      case 'string':
      case 'number':
      case 'boolean':
      case 'any':
        return { kind: spec };
    }
  }
  if ('list' in spec) return T.list(typeFromSpec(spec.list));
  const fields: Record<string, Type> = {};
  for (const [name, field] of Object.entries(spec.record)) fields[name] = typeFromSpec(field);
  return T.record(fields);
}

/** `number`, `list<string>`, `{balance: number, currency: string}`, `string?`. */
export function formatType(type: Type): string {
  switch (type.kind) {
    case 'list':
      return `list<${formatType(type.item)}>`;
    case 'record':
      return `{${Object.entries(type.fields)
        .map(([name, field]) => `${name}: ${formatType(field)}`)
        .join(', ')}}`;
    case 'optional':
      return `${formatType(type.inner)}?`;
    default:
      return type.kind;
  }
}

/** The type without its `optional` wrapper. */
export function unwrapOptional(type: Type): Type {
  return type.kind === 'optional' ? type.inner : type;
}

/**
 * Whether a value of `actual` may be used where `expected` is required. Deliberately lenient about
 * `none`: an optional value is accepted where its inner type is (the runtime routes a `none` used as
 * a number through the flow's fallback), since flow-sensitive narrowing would be hard for analysts.
 */
export function isAssignable(actual: Type, expected: Type): boolean {
  if (actual.kind === 'any' || expected.kind === 'any') return true;
  if (expected.kind === 'optional') return actual.kind === 'none' || isAssignable(actual, expected.inner);
  if (actual.kind === 'optional') return isAssignable(actual.inner, expected);
  if (actual.kind === 'none') return false;
  if (expected.kind === 'list') return actual.kind === 'list' && isAssignable(actual.item, expected.item);
  if (expected.kind === 'record') {
    if (actual.kind !== 'record') return false;
    return Object.entries(expected.fields).every(
      ([name, field]) => name in actual.fields && isAssignable(actual.fields[name], field),
    );
  }
  return actual.kind === expected.kind;
}

/** The narrowest type both branches of `c ? a : b` fit in. */
export function joinTypes(a: Type, b: Type): Type {
  if (a.kind === 'none') return T.optional(b);
  if (b.kind === 'none') return T.optional(a);
  if (isAssignable(a, b)) return b.kind === 'optional' || a.kind !== 'optional' ? b : T.optional(b);
  if (isAssignable(b, a)) return a.kind === 'optional' || b.kind !== 'optional' ? a : T.optional(a);
  return T.any;
}
