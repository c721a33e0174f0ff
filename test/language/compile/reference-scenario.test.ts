import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkspaceFor } from '../../../runtime/workspace-files.ts';
import { dataOk, digits, FlowRunner, ok, played } from './driver.ts';

const source = readFileSync(new URL('./flows/reference.flow', import.meta.url), 'utf8');

describe('reference scenario', () => {
  let runner: FlowRunner;
  afterEach(() => runner?.dispose());

  it('key 3: contract, secret PIN, balance lookup, money part, hang-up', async () => {
    runner = await FlowRunner.compile(source);
    expect(runner.start().command).toMatchObject({
      type: 'say',
      parts: [{ kind: 'text', text: 'Добрый день, компания «АВС Интернет», спасибо за звонок.' }],
      loc: { line: 6, column: 3 },
    });
    const menu = runner.step(played).command;
    expect(menu).toMatchObject({ type: 'collect', max: 1, validKeys: ['1', '2', '3'], firstTimeoutMs: 5000 });

    const contract = runner.step(digits('3')).command;
    expect(contract).toEqual({
      type: 'collect',
      prompt: [
        { kind: 'text', text: 'Наберите, пожалуйста, цифровой номер вашего договора и нажмите клавишу «#».' },
      ],
      min: 4,
      max: 12,
      terminator: '#',
      firstTimeoutMs: 5000,
      interDigitTimeoutMs: 3000,
      pattern: null,
      secret: false,
      validKeys: null,
      loc: { line: 23, column: 5 },
    });
    expect(runner.state.step).toBe('balance');

    const pin = runner.step(digits('123456')).command;
    expect(pin).toMatchObject({ type: 'collect', min: 4, max: 4, secret: true, terminator: '#' });

    const lookup = runner.step({
      type: 'digits',
      digits: '',
      secret: { $secret: 'ref-1' },
      terminated: true,
    });
    expect(lookup.command).toEqual({
      type: 'data',
      source: 'billing',
      operation: 'balance',
      args: ['123456', { $secret: 'ref-1' }],
      loc: { line: 27, column: 5 },
    });

    const balance = runner.step(dataOk({ balance: 50, currency: 'UAH' })).command;
    expect(balance).toEqual({
      type: 'say',
      parts: [
        { kind: 'text', text: 'На вашем личном счету ' },
        { kind: 'money', amount: 50, currency: 'UAH' },
        { kind: 'text', text: '.' },
      ],
      bargeIn: false,
      loc: { line: 32, column: 5 },
    });
    expect(runner.step(played).command).toEqual({ type: 'hangup', loc: { line: 33, column: 5 } });
  });

  it('key 1: record, then the tech-support queue with an ewt announcement and overflow', async () => {
    runner = await FlowRunner.compile(source);
    runner.start();
    runner.step(played);
    expect(runner.step(digits('1')).command).toMatchObject({ type: 'say', loc: { line: 11, column: 7 } });
    expect(runner.step(played).command).toEqual({ type: 'record', loc: { line: 12, column: 7 } });
    expect(runner.step(ok).command).toEqual({
      type: 'queue',
      queue: 'tech-support',
      priority: 0,
      skills: [],
      maxWaitMs: 600_000,
      announce: [
        { kind: 'text', text: 'Все операторы на линии заняты. Приблизительное время ожидания ' },
        { kind: 'ewt' },
        { kind: 'text', text: ' мин.' },
      ],
      announceEveryMs: 60_000,
      music: 'default',
      handlesOverflow: true,
      loc: { line: 13, column: 7 },
    });
    expect(runner.step({ type: 'queue', outcome: 'overflow' }).command).toMatchObject({
      type: 'queue',
      queue: 'general',
      handlesOverflow: false,
    });
  });

  it('a wrong PIN retries the balance step at most 3 times, then queues', async () => {
    runner = await FlowRunner.compile(source);
    runner.start();
    runner.step(played);
    runner.step(digits('3'));
    for (let attempt = 0; attempt < 4; attempt++) {
      runner.step(digits('1234'));
      runner.step({ type: 'digits', digits: '', secret: { $secret: `ref-${attempt}` }, terminated: true });
      expect(runner.step(dataOk(null)).command).toMatchObject({ type: 'say', loc: { line: 30, column: 7 } });
      const next = runner.step(played).command;
      if (attempt < 3) expect(next).toMatchObject({ type: 'collect', loc: { line: 23, column: 5 } });
      else expect(next).toMatchObject({ type: 'queue', queue: 'general', loc: { line: 31, column: 43 } });
    }
  });

  it('the state never holds the PIN digits, only the reference', async () => {
    runner = await FlowRunner.compile(source);
    runner.start();
    runner.step(played);
    runner.step(digits('3'));
    runner.step(digits('5555'));
    // Even a host that wrongly echoes the digits does not get them into the state.
    runner.step({ type: 'digits', digits: '9137', secret: { $secret: 'ref-pin' }, terminated: true });
    expect(runner.stateJson).not.toContain('9137');
    expect(runner.state.vars.pin).toEqual({ $secret: 'ref-pin' });
    runner.step(dataOk({ balance: 1, currency: 'UAH' }));
    expect(runner.stateJson).not.toContain('9137');
  });
});

const example = new URL('../../../examples/abc-internet/support.flow', import.meta.url);

describe.runIf(existsSync(example))('examples/abc-internet/support.flow', () => {
  it('key 3: collect contract, collect secret PIN, data balance, say money part, hang-up', async () => {
    const { workspace } = await loadWorkspaceFor(example.pathname);
    const runner = await FlowRunner.compile(readFileSync(example, 'utf8'), workspace);
    try {
      expect(runner.start().command).toMatchObject({ type: 'say' });
      const menu = runner.step(played).command;
      expect(menu).toMatchObject({ type: 'collect', max: 1, validKeys: ['1', '2', '3'] });
      // The four prompt lines are spoken as one text, sentence after sentence.
      expect(menu.type === 'collect' && menu.prompt).toEqual([
        {
          kind: 'text',
          text:
            'Если Вы хотите получить техническую поддержку, нажмите «1». ' +
            'Если Вы желаете получить консультацию по общим вопросам, нажмите «2». ' +
            'Если Вы хотите получить информацию о состоянии своего счета, нажмите «3». ' +
            'Сделайте свой выбор, пожалуйста.',
        },
      ]);
      expect(runner.step(digits('3')).command).toMatchObject({
        type: 'collect',
        min: 4,
        max: 12,
        terminator: '#',
      });
      expect(runner.step(digits('12345678')).command).toMatchObject({ type: 'collect', secret: true });
      expect(
        runner.step({ type: 'digits', digits: '', secret: { $secret: 'p' }, terminated: true }).command,
      ).toMatchObject({
        type: 'data',
        source: 'billing',
        operation: 'balance',
        args: ['12345678', { $secret: 'p' }],
      });
      expect(runner.step(dataOk({ balance: 50, currency: 'UAH' })).command).toMatchObject({
        type: 'say',
        parts: [
          { kind: 'text', text: 'На вашем личном счету ' },
          { kind: 'money', amount: 50, currency: 'UAH' },
          { kind: 'text', text: '.' },
        ],
      });
      expect(runner.step(played).command).toMatchObject({ type: 'hangup' });
    } finally {
      runner.dispose();
    }
  });
});
