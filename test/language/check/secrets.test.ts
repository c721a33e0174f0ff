import { describe, expect, it } from 'vitest';
import { expectDiagnostic, expectNoDiagnostics } from './fixtures.ts';

// Every source asks for a secret PIN first (lines 3-4), then leaks it somewhere.
const ask = `
      flow "T"
        answers "100"
        ask secret pin = digits 4 until "#"
          prompt "PIN"`;

describe('secrets (CF5xx)', () => {
  it('CF501 a secret spoken, directly or through a derived value', () => {
    expectDiagnostic(`${ask}\n        say "Ваш PIN {pin}"\n        hangup`, 'CF501', '5:17-5:20');
    expectDiagnostic(`${ask}\n        say digits(pin + "0")\n        hangup`, 'CF501', '5:7-5:24');
  });

  it('CF502 a secret put in a text', () => {
    expectDiagnostic(`${ask}\n        transfer to number "+380{pin}"`, 'CF502', '5:28-5:31');
  });

  it('CF503 a secret logged', () => {
    expectDiagnostic(`${ask}\n        log entered = pin\n        hangup`, 'CF503', '5:17-5:20');
  });

  it('CF504 a secret stored in a plain variable', () => {
    const d = expectDiagnostic(`${ask}\n        let copy = upper(pin)\n        hangup`, 'CF504', '5:14-5:24');
    expect(d.message).toBe("secret 'pin' cannot be stored in 'copy', which is not secret");
  });

  it('CF505 a secret compared in the flow', () => {
    expectDiagnostic(
      `${ask}\n        if pin == "1234"\n          hangup\n        hangup`,
      'CF505',
      '5:6-5:19',
    );
  });

  it('CF506 a secret passed to a parameter not declared secret', () => {
    expectDiagnostic(`${ask}\n        let who = crm.lookup(pin)\n        hangup`, 'CF506', '5:24-5:27');
  });

  it('CF507 a secret read in js', () => {
    expectDiagnostic(`${ask}\n        js { const p = pin; }\n        hangup`, 'CF507', '5:18-5:21');
  });

  it('CF508 a secret passed to a subflow', () => {
    expectDiagnostic(
      `${ask}\n        call check(pin)\n        hangup\n      subflow check(code)\n        return`,
      'CF508',
      '5:14-5:17',
    );
  });

  it('CF509 a secret as a queue priority, a transfer destination or a subflow result', () => {
    expectDiagnostic(`${ask}\n        queue "general" priority length(pin)`, 'CF509', '5:28-5:39');
    const d = expectDiagnostic(`${ask}\n        transfer to extension pin`, 'CF509', '5:25-5:28');
    expect(d.message).toBe("secret 'pin' cannot be used as a transfer destination");
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        let code = call readPin()
        hangup
      subflow readPin()
        ask secret pin = digits 4
          prompt "PIN"
        return pin
      `,
      'CF509',
      '8:10-8:13',
    );
  });

  it('a secret passed to a secret parameter, or tested for none, is fine', () => {
    expectNoDiagnostics(
      `${ask}
        if pin is none
          hangup
        let account = billing.balance("123", pin)
          on error -> hangup
        say "{money(account.balance, account.currency)}"
        hangup`,
    );
  });
});
