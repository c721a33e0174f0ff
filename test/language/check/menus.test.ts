import { describe, it } from 'vitest';
import { expectDiagnostic, expectNoDiagnostics } from './fixtures.ts';

describe('menus (CF404–CF406)', () => {
  it('CF404 a menu whose keys only repeat', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        menu main retries 2
          prompt "Нажмите 1"
          on 1, timeout, invalid -> repeat
          after retries -> queue "general"
      `,
      'CF404',
      '3:8-3:12',
    );
  });

  it('CF405 a menu without after retries (retries are always bounded)', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        menu main retries 3
          prompt "Нажмите 1"
          on 1 -> queue "general"
        hangup
      `,
      'CF405',
      '3:8-3:12',
    );
  });

  it('CF406 a key handled twice, in a menu and in question options', () => {
    expectDiagnostic(
      `
      flow "T"
        answers "100"
        menu main
          prompt "1 или 2"
          on 1 -> queue "general"
          on 2, 1 -> hangup
          after retries -> hangup
      `,
      'CF406',
      '6:11-6:12',
    );
    expectDiagnostic(
      `
      survey "S"
        question source "Откуда узнали?" choice
          option 1 "Реклама"
          option 1 "Друзья"
      `,
      'CF406',
      '4:12-4:13',
    );
  });

  it('a menu like the reference scenario is clean', () => {
    expectNoDiagnostics(
      `
      flow "T"
        answers "100"
        menu main retries 3 timeout 5s
          prompt "Нажмите 1 или 2"
          on 1 -> queue "tech-support"
          on 2 -> queue "general"
          on timeout, invalid -> repeat
          after retries -> queue "general"
      `,
    );
  });
});
