import { describe, expect, it } from 'vitest';
import { expectDiagnostic, expectDiagnostics, expectNoDiagnostics } from './fixtures.ts';

describe('control flow (CF4xx)', () => {
  it('CF401 a step no goto or retry reaches', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        hangup
        step orphan
          hangup
      `,
      'CF401',
      '4:8-4:14',
    );
  });

  it('steps reached through other steps, retry and the fallback clause are reachable', () => {
    expectNoDiagnostics(
      `
      flow "T"
        answers "100"
        fallback -> goto sorry
        goto a
        step a
          say "a"
          retry b at most 2 times, then hangup
        step b
          goto a
        step sorry
          hangup
      `,
    );
  });

  it('CF402 a statement after goto', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        hangup
        say "never"
      `,
      'CF402',
      '4:3-4:14',
    );
  });

  it('CF403 a step that can fall off its end, pointing at where it does', () => {
    const d = expectDiagnostic(
      `
      flow "T"
        answers "100"
        goto a
        step a
          if now.hour > 18
            hangup
      `,
      'CF403',
      '5:5-5:21',
    );
    expect(d.message).toBe("the call can reach the end of step 'a' without hangup, transfer, queue or goto");
  });

  it('CF403 the entry body falling off after a menu choice', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        menu main
          prompt "1 или 2"
          on 1 -> queue "general"
          on 2 -> say "Спасибо"
          after retries -> hangup
      `,
      'CF403',
      '6:13-6:26',
    );
  });

  it('subflows and surveys may simply end', () => {
    expectNoDiagnostics(
      `
      flow "T"
        answers "100"
        call greet("Иван")
        hangup
      subflow greet(name)
        say "Здравствуйте, {name}"
      `,
    );
    expectNoDiagnostics(
      `
      survey "S"
        question ok "Довольны?" yesno
      `,
    );
  });

  it('CF407 a goto cycle with no wait point', () => {
    const d = expectDiagnostic(
      `
      flow "T"
        answers "100"
        goto a
        step a
          let n = 1
          goto b
        step b
          if n > 0
            goto a
          hangup
      `,
      'CF407',
      '9:7-9:13',
    );
    expect(d.args?.cycle).toBe('a → b → a');
  });

  it('a cycle through a prompt, a data operation or a bounded retry is not a spin', () => {
    expectNoDiagnostics(
      `
      flow "T"
        answers "100"
        goto a
        step a
          say "Ещё раз"
          goto b
        step b
          let who = crm.lookup(caller.number)
          if who is none
            goto a
          retry b at most 3 times, then hangup
      `,
    );
  });

  it('CF407 subflows calling each other without waiting', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        call ping()
        hangup
      subflow ping()
        call pong()
      subflow pong()
        call ping()
      `,
      'CF407',
      '8:3-8:14',
    );
  });

  it('CF408 repeat outside a menu or ask, and in after retries', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        repeat
      `,
      'CF408',
      '3:3-3:9',
    );
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        menu main retries 2
          prompt "1"
          on 1 -> hangup
          after retries -> repeat
      `,
      'CF408',
      '6:22-6:28',
    );
  });

  it('CF409 return outside a subflow', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        return
      `,
      'CF409',
      '3:3-3:9',
    );
  });

  it('CF411 a data operation inside an expression', () => {
    expectDiagnostics(
      `
      flow "T"
        answers "100"
        if crm.lookup(caller.number) is none
          hangup
        hangup
      `,
      ['CF411 3:6-3:31'],
    );
  });
});
