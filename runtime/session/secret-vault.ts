/**
 * Secret digits (PINs) of one call. The sandbox only ever sees a `SecretRef`; the value is resolved
 * here when a data operation needs it, and the vault is emptied when the call ends
 * (ARCHITECTURE decision 7).
 */
import { randomBytes } from 'node:crypto';
import type { Json, SecretRef } from '../../language/compiled-format.ts';

/**
 * References name a value only inside their call's vault, so they need to be unique, not secret: a
 * random prefix per process and a counter (a random draw per PIN cost more than the rest of `put`).
 */
const PREFIX = `s_${randomBytes(4).toString('hex')}`;
let issued = 0;

export class SecretVault {
  /** Made on the first secret: most calls never hold one. */
  private values: Map<string, string> | null = null;

  put(value: string): SecretRef {
    const ref = `${PREFIX}${(issued++).toString(36)}`;
    this.values ??= new Map();
    this.values.set(ref, value);
    return { $secret: ref };
  }

  /** The value behind a reference held by this call; undefined for a reference it never issued. */
  reveal(ref: SecretRef): string | undefined {
    return this.values?.get(ref.$secret);
  }

  clear(): void {
    this.values = null;
  }

  get size(): number {
    return this.values?.size ?? 0;
  }
}

export function isSecretRef(value: unknown): value is SecretRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as SecretRef).$secret === 'string' &&
    Object.keys(value).length === 1
  );
}

/** A copy of a JSON value with every secret reference replaced by a mask, for logs and the CDR. */
export function maskSecrets(value: Json | SecretRef): Json {
  if (isSecretRef(value)) return '••••';
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value)) out[key] = maskSecrets(item as Json);
    return out;
  }
  return value;
}
