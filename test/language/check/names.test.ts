import { describe, expect, it } from 'vitest';
import { expectDiagnostic, expectDiagnostics, expectNoDiagnostics } from './fixtures.ts';

describe('names (CF2xx)', () => {
  it('CF201 unknown step in goto (the misspelt step is then unreachable: CF401)', () => {
    expectDiagnostics(
      `
      flow "T"
        answers "100"
        goto balanse
        step balance
          hangup
      `,
      ['CF201 3:8-3:15', 'CF401 4:8-4:15'],
    );
  });

  it('CF202 unknown queue, in queue and in transfer to queue', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        queue "tech"
      `,
      'CF202',
      '3:9-3:15',
    );
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        transfer to queue "sales"
      `,
      'CF202',
      '3:21-3:28',
    );
  });

  it('CF203 unknown prompt', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        play "welcome"
        hangup
      `,
      'CF203',
      '3:8-3:17',
    );
  });

  it('CF204 unknown data source', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        let b = bank.balance("1")
        hangup
      `,
      'CF204',
      '3:11-3:15',
    );
  });

  it('CF205 unknown data operation', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        let b = billing.debt("1")
        hangup
      `,
      'CF205',
      '3:19-3:23',
    );
  });

  it('CF206 unknown variable, and a built-in value cannot be set', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        say "Hello {nmae}"
        hangup
      `,
      'CF206',
      '3:15-3:19',
    );
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        set today = "x"
        hangup
      `,
      'CF206',
      '3:7-3:12',
    );
  });

  it('CF207 unknown calendar', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        if within "holidays"
          hangup
        queue "general"
      `,
      'CF207',
      '3:13-3:23',
    );
  });

  it('CF208 unknown skill', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        queue "general" skills "internet", "de"
      `,
      'CF208',
      '3:38-3:42',
    );
  });

  it('CF209 unknown operator group', () => {
    expectDiagnostic(
      `
      survey "S"
        group "sales-team"
        question ok "Довольны?" yesno
      `,
      'CF209',
      '2:9-2:21',
    );
  });

  it('CF210 unknown subflow', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        call greet("Иван")
        hangup
      `,
      'CF210',
      '3:8-3:13',
    );
  });

  it('CF211 unknown function, and a subflow called like a function', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        let n = size("abc")
        hangup
      `,
      'CF211',
      '3:11-3:15',
    );
    const d = expectDiagnostic(
      `
      flow "T"
        answers "100"
        let n = double(2)
        hangup
      subflow double(x)
        return x * 2
      `,
      'CF211',
      '3:11-3:17',
    );
    expect(d.message).toBe("'double' is a subflow: run it with 'call double(…)'");
  });

  it('CF212 duplicate step', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        goto a
        step a
          hangup
        step a
          hangup
      `,
      'CF212',
      '6:8-6:9',
    );
  });

  it('CF213 duplicate declaration: variables, built-in names, subflows', () => {
    const d = expectDiagnostic(
      `
      flow "T"
        answers "100"
        let x = 1
        let x = 2
        hangup
      `,
      'CF213',
      '4:7-4:8',
    );
    expect(d.message).toContain("use 'set'");
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        let now = 1
        hangup
      `,
      'CF213',
      '3:7-3:10',
    );
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        call f()
        hangup
      subflow f()
        return
      subflow f()
        return
      `,
      'CF213',
      '7:9-7:10',
    );
  });

  it('CF214 wrong argument count: builtin, data operation, subflow', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        let n = upper("a", "b")
        hangup
      `,
      'CF214',
      '3:11-3:26',
    );
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        let b = billing.balance("1")
        hangup
      `,
      'CF214',
      '3:11-3:31',
    );
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        call f(1, 2)
        hangup
      subflow f(a)
        return
      `,
      'CF214',
      '3:3-3:15',
    );
  });

  it('CF410 goto a variable or a subflow', () => {
    const d = expectDiagnostic(
      `
      flow "T"
        answers "100"
        let target = "a"
        goto target
      `,
      'CF410',
      '4:8-4:14',
    );
    expect(d.message).toBe("'target' is a variable, not a step");
    expect(
      expectDiagnostic(
        `
        flow "T"
          answers "100"
          goto greet
        subflow greet()
          return
        `,
        'CF410',
        '3:8-3:13',
      ).message,
    ).toBe("'greet' is a subflow, not a step: run it with 'call greet(…)'");
  });

  it('CF410 goto a menu, and CF412 goto out of a subflow', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        menu main
          prompt "1"
          on 1 -> goto main
          after retries -> hangup
      `,
      'CF410',
      '5:18-5:22',
    );
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        call f()
        goto a
        step a
          hangup
      subflow f()
        goto a
      `,
      'CF412',
      '8:8-8:9',
    );
  });

  it('names that exist give nothing: variables across steps, builtins, data, calendars', () => {
    expectNoDiagnostics(
      `
      flow "T"
        answers "100"
        ask contract = digits 4..8 until "#"
          prompt "Номер договора"
        goto check
        step check
          let who = crm.lookup(caller.number)
          if within "business-hours" and startsWith(contract, "1") and now.hour > 8
            play "greeting"
            queue "tech-support" skills "internet", "ru"
          transfer to queue "general"
      `,
    );
  });
});
