/**
 * PINs are stored as scrypt hashes with a per-record salt and compared in constant time
 * (ARCHITECTURE decision 7). The cost is a parameter: production keeps Node's default (N = 2^14);
 * a benchmark of thousands of balance checks may lower it.
 */
import { randomBytes, type ScryptOptions, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

export interface PinHash {
  salt: string;
  hash: string;
}

export interface PinHashCost {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_PIN_COST: PinHashCost = { N: 16_384, r: 8, p: 1 };

const KEY_LENGTH = 32;

/** Synchronous: for a handful of demo records at start-up. Imports use `hashPinAsync`. */
export function hashPin(pin: string, cost: PinHashCost = DEFAULT_PIN_COST): PinHash {
  const salt = randomBytes(16);
  return {
    salt: salt.toString('base64'),
    hash: scryptSync(pin, salt, KEY_LENGTH, options(cost)).toString('base64'),
  };
}

/**
 * On libuv's thread pool: one scrypt at the default cost takes ~40 ms of CPU, so a 10,000-record
 * import hashed synchronously would stall every call in the process for minutes.
 */
export async function hashPinAsync(pin: string, cost: PinHashCost = DEFAULT_PIN_COST): Promise<PinHash> {
  const salt = randomBytes(16);
  return { salt: salt.toString('base64'), hash: (await derive(pin, salt, cost)).toString('base64') };
}

export async function verifyPin(
  pin: string,
  stored: PinHash,
  cost: PinHashCost = DEFAULT_PIN_COST,
): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await derive(pin, Buffer.from(stored.salt, 'base64'), cost);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function derive(pin: string, salt: Buffer, cost: PinHashCost): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(pin, salt, KEY_LENGTH, options(cost), (error, key) => (error ? reject(error) : resolve(key))),
  );
}

function options(cost: PinHashCost): ScryptOptions {
  return { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
}
