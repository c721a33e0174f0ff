/**
 * How a tenant's transfers become dial strings: an extension through `PJSIP/{ext}`, an external
 * number through the trunk (`PJSIP/{number}@trunk`). Destinations come from flow expressions, so
 * anything but dialable characters is refused rather than passed into a dial string.
 */
export interface DialPlan {
  /** Template with `{ext}`. */
  extension: string;
  /** Template with `{number}`. */
  number: string;
  /** How long a transfer target may ring. */
  ringTimeoutSec: number;
}

export const DEFAULT_DIAL_PLAN: DialPlan = {
  extension: 'PJSIP/{ext}',
  number: 'PJSIP/{number}@trunk',
  ringTimeoutSec: 30,
};

const DIALABLE = /^[0-9A-Za-z+*#._-]{1,40}$/;

/** The endpoint to originate, or null when the destination is not dialable. */
export function dialString(
  plan: DialPlan,
  target: 'extension' | 'number',
  destination: string,
): string | null {
  const value = destination.trim();
  if (!DIALABLE.test(value)) return null;
  return target === 'extension'
    ? plan.extension.replaceAll('{ext}', value)
    : plan.number.replaceAll('{number}', value);
}
