import { describe, expect, it } from 'vitest';
import { expectDiagnostic, expectDiagnostics, expectNoDiagnostics } from './fixtures.ts';

describe('types (CF3xx)', () => {
  it('CF301 operator on mismatched types, binary and unary', () => {
    const d = expectDiagnostic(
      `
      flow "T"
        answers "100"
        let n = "a" - 1
        hangup
      `,
      'CF301',
      '3:11-3:18',
    );
    expect(d.message).toBe("operator '-' cannot be applied to string and number");
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        if not 5
          hangup
        hangup
      `,
      'CF301',
      '3:6-3:11',
    );
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        if caller.number == 5
          hangup
        hangup
      `,
      'CF301',
      '3:6-3:24',
    );
  });

  it('CF302 condition that is not boolean, in if and in ?:', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        if caller.number
          hangup
        hangup
      `,
      'CF302',
      '3:6-3:19',
    );
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        queue "general" priority (now.hour ? 1 : 2)
      `,
      'CF302',
      '3:29-3:37',
    );
  });

  it('CF303 argument of the wrong type: builtin and data operation', () => {
    const d = expectDiagnostic(
      `
      flow "T"
        answers "100"
        let n = round("12")
        hangup
      `,
      'CF303',
      '3:17-3:21',
    );
    expect(d.message).toBe("argument 'n' of 'round' must be number, but this is string");
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        crm.note("called", "high")
        hangup
      `,
      'CF303',
      '3:22-3:28',
    );
  });

  it('CF304 priority must be a number', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        queue "general" priority "high"
      `,
      'CF304',
      '3:28-3:34',
    );
  });

  it('CF305 speech format outside spoken text', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        let text = money(5, "UAH")
        hangup
      `,
      'CF305',
      '3:14-3:29',
    );
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        log amount = "{digits(caller.number)}"
        hangup
      `,
      'CF305',
      '3:18-3:39',
    );
  });

  it('speech formats are fine in say, prompts, question text and announcements', () => {
    expectNoDiagnostics(
      `
      flow "T"
        answers "100"
        say "Ваш номер {digits(caller.number)}", number(42)
        ask code = digits 4 until "#"
          prompt "Введите код до {time("18:00")}"
        queue "general"
          announce "Ожидание {ewt} мин, сумма {money(5, "UAH")}" every 60s
      `,
    );
  });

  it('CF306 ewt outside a queue announcement', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        say "Ожидание {ewt} минут"
        hangup
      `,
      'CF306',
      '3:18-3:21',
    );
  });

  it('CF307 field of a value that is not a record', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        let d = dialled.area
        hangup
      `,
      'CF307',
      '3:19-3:23',
    );
  });

  it('CF308 unknown field of a record', () => {
    const d = expectDiagnostic(
      `
      flow "T"
        answers "100"
        if caller.vip
          hangup
        hangup
      `,
      'CF308',
      '3:13-3:16',
    );
    expect(d.message).toBe("{number: string, name: string?} has no field 'vip'");
  });

  it('CF309 set a variable to a value of another type', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        let tries = 0
        set tries = "many"
        hangup
      `,
      'CF309',
      '4:15-4:21',
    );
  });

  it('CF310 transfer destination must be text', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        transfer to number now
      `,
      'CF310',
      '3:22-3:25',
    );
  });

  it('CF311 a record cannot be spoken', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        say "Время {now}"
        hangup
      `,
      'CF311',
      '3:15-3:18',
    );
  });

  it('CF312 empty digit range', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        ask code = digits 8..4
          prompt "Код"
        hangup
      `,
      'CF312',
      '3:21-3:25',
    );
  });

  it('types flow through variables, optional results and conditionals', () => {
    expectNoDiagnostics(
      `
      flow "T"
        answers "100"
        ask contract = digits 4..12 until "#"
          prompt "Договор"
        ask secret pin = digits 4 until "#"
          prompt "PIN"
        let account = billing.balance(contract, pin)
          on error -> hangup
        let total = round(account.balance * 1.2, 2) + 5
        let label = "Сумма: " + total
        let late = now.hour >= 18 or now.weekday in [6, 7]
        if account is not none and total > 100 and not late
          say "На счету {money(account.balance, account.currency)}, {label}"
        queue "general" priority (length(contract) == 8 ? 10 : 0) max wait 10m
      `,
    );
  });

  it('a type error is reported once, not again where the variable is used', () => {
    expectDiagnostics(
      `
      flow "T"
        answers "100"
        let n = "a" * 2
        let m = n + 1
        hangup
      `,
      ['CF301 3:11-3:18'],
    );
  });
});
