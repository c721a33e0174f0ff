import { describe, expect, it } from 'vitest';
import { callflowDialplan, extensionMatches, findExtension } from '../../../telephony/simulator/dialplan.ts';

describe('dialplan extension matching', () => {
  it.each([
    ['_X.', '0800300400', true],
    ['_X.', '1', false],
    ['_+X.', '+380441234567', true],
    ['_NXX', '212', true],
    ['_NXX', '112', false],
    ['_[13-5]X', '42', true],
    ['s', 's', true],
    ['s', 'ss', false],
  ])('%s matches %s: %s', (pattern, exten, expected) => {
    expect(extensionMatches(pattern, exten)).toBe(expected);
  });

  it('routes an inbound number to Stasis with the dialled number as its argument', () => {
    const steps = findExtension(callflowDialplan('callflow'), 'from-pstn', '+380441234567');
    expect(steps).toEqual([{ app: 'Stasis', data: `callflow,${'$'}{EXTEN}` }]);
  });
});
