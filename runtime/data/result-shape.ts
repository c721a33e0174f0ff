/**
 * Makes a driver's answer match the operation's declared result type (language/workspace.ts), so the
 * checker's promise holds at run time: numbers from PostgreSQL `numeric` (which arrive as strings)
 * become numbers, extra columns are dropped, a missing row is `null` only when declared optional.
 */
import type { Json } from '../../language/compiled-format.ts';
import type { OperationConfig, ValueTypeSpec } from '../../language/workspace.ts';
import { DataFailure } from './data-failure.ts';

export function shapeResult(value: Json, operation: OperationConfig): Json {
  if (value === null || value === undefined) {
    if (operation.optional) return null;
    throw new DataFailure('no result, and the operation is not declared optional');
  }
  return shape(value, operation.result, 'result');
}

function shape(value: Json, spec: ValueTypeSpec, path: string): Json {
  if (spec === 'any') return value;
  if (value === null || value === undefined) return null;
  if (spec === 'string' || spec === 'date') {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if ((value as unknown) instanceof Date) return (value as unknown as Date).toISOString();
    throw mismatch(path, spec, value);
  }
  if (spec === 'number') {
    const n =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && value.trim() !== ''
          ? Number(value)
          : NaN;
    if (!Number.isFinite(n)) throw mismatch(path, spec, value);
    return n;
  }
  if (spec === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 't' || value === 'true' || value === 1) return true;
    if (value === 'f' || value === 'false' || value === 0) return false;
    throw mismatch(path, spec, value);
  }
  if ('list' in spec) {
    if (!Array.isArray(value)) throw mismatch(path, 'list', value);
    return value.map((item, i) => shape(item, spec.list, `${path}[${i}]`));
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw mismatch(path, 'record', value);
  const out: Record<string, Json> = {};
  for (const [field, fieldSpec] of Object.entries(spec.record)) {
    out[field] = shape((value as Record<string, Json>)[field] ?? null, fieldSpec, `${path}.${field}`);
  }
  return out;
}

function mismatch(path: string, expected: string, value: unknown): DataFailure {
  return new DataFailure(`${path} should be ${expected}, got ${typeof value}`);
}
