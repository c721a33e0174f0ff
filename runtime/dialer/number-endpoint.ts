/**
 * A customer's number as a dial string, through the tenant's template — the idea the ACD uses for
 * operators' extensions (`PJSIP/{ext}`) and the dial plan for transfers (`PJSIP/{number}@trunk`),
 * with the same refusal of anything but dialable characters (the list comes from an upload).
 */
import { DEFAULT_DIAL_PLAN, dialString } from '../dial-plan.ts';
import { DEFAULT_NUMBER_TEMPLATE } from './campaign.ts';

/** Spaces, dashes and brackets people write in phone numbers go; the rest must be dialable. */
export function cleanNumber(text: string): string {
  return text.trim().replace(/[\s()-]/g, '');
}

/** The endpoint to originate, or null when the number is not dialable. */
export function numberEndpoint(template: string | null | undefined, number: string): string | null {
  const pattern = template || DEFAULT_NUMBER_TEMPLATE;
  if (!pattern.includes('{number}')) return null;
  return dialString({ ...DEFAULT_DIAL_PLAN, number: pattern }, 'number', cleanNumber(number));
}

/** A template the dialer can use: names a technology and holds `{number}` once or more. */
export function isNumberTemplate(template: string): boolean {
  return /^[A-Za-z]+\/\S*\{number\}\S*$/.test(template);
}
