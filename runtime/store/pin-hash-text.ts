/**
 * How a PIN hash is kept in one text column: `scrypt$N$r$p$salt$hash` (base64 salt and key). The
 * hashing itself is runtime/data/pin-hash.ts, shared with the in-memory customer store; the cost
 * travels with the hash so raising it later leaves old hashes verifiable.
 */
import { hashPin, hashPinAsync, type PinHash, type PinHashCost, verifyPin } from '../data/pin-hash.ts';

export function encodePinHash(pin: string, cost: PinHashCost): string {
  return encode(hashPin(pin, cost), cost);
}

export async function encodePinHashAsync(pin: string, cost: PinHashCost): Promise<string> {
  return encode(await hashPinAsync(pin, cost), cost);
}

function encode({ salt, hash }: PinHash, cost: PinHashCost): string {
  return ['scrypt', cost.N, cost.r, cost.p, salt, hash].join('$');
}

export function decodePinHash(text: string): { stored: PinHash; cost: PinHashCost } | null {
  const parts = text.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return null;
  return { stored: { salt: parts[4], hash: parts[5] }, cost: { N, r, p } };
}

/** False for a wrong PIN and for a hash this code cannot read. */
export async function verifyPinHash(pin: string, text: string): Promise<boolean> {
  const decoded = decodePinHash(text);
  return decoded !== null && verifyPin(pin, decoded.stored, decoded.cost);
}
