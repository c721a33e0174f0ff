import { afterEach, describe, expect, it } from 'vitest';
import { digits, FlowRunner, flowSource, played } from './driver.ts';

/** Every command here needs nothing from the call, so each is built once when the script loads. */
const constants = flowSource(`
  flow "Constants"
    answers "100"
    language ru
    say "Один", "два {true} {3}{none}."
    play "greeting"
    menu pick
      prompt "Первое."
      prompt "Второе."
      prompt "Третье."
      on 1 -> queue "tech-support" priority 5
        announce "Ждите {ewt} мин, Вы {position}-й." every 30s
      after retries -> hangup
`);

describe('speech and commands known at compile time', () => {
  let runner: FlowRunner;
  afterEach(() => runner?.dispose());

  it('are emitted as frozen constants instead of being spoken on every step', async () => {
    runner = await FlowRunner.compile(constants);
    const code = runner.flow.code;
    expect(code.match(/^var \$k\d+ = \$\.constant\(/gm)?.length).toBeGreaterThanOrEqual(4);
    expect(code).not.toMatch(/\$\.speak\(/);
  });

  it('give exactly the parts $.speak gives: text joined, none dropped, yes/no and numbers spoken', async () => {
    runner = await FlowRunner.compile(constants);
    expect(runner.start().command).toEqual({
      type: 'say',
      parts: [
        { kind: 'text', text: 'Одиндва да ' },
        { kind: 'number', value: 3 },
        { kind: 'text', text: '.' },
      ],
      bargeIn: false,
      loc: { line: 4, column: 3 },
    });
    expect(runner.step(played).command).toMatchObject({
      type: 'say',
      parts: [{ kind: 'prompt', name: 'greeting' }],
    });
    expect(runner.step(played).command).toMatchObject({
      type: 'collect',
      prompt: [{ kind: 'text', text: 'Первое. Второе. Третье.' }],
      validKeys: ['1'],
    });
    expect(runner.step(digits('1')).command).toEqual({
      type: 'queue',
      queue: 'tech-support',
      priority: 5,
      skills: [],
      maxWaitMs: null,
      announce: [
        { kind: 'text', text: 'Ждите ' },
        { kind: 'ewt' },
        { kind: 'text', text: ' мин, Вы ' },
        { kind: 'position' },
        { kind: 'text', text: '-й.' },
      ],
      announceEveryMs: 30000,
      music: null,
      handlesOverflow: false,
      loc: { line: 10, column: 13 },
    });
  });

  it('come out the same on every call of the version', async () => {
    runner = await FlowRunner.compile(constants);
    const first = runner.start().command;
    const second = runner.start().command;
    expect(second).toEqual(first);
  });

  it('keep every prompt line reachable through the source map', async () => {
    runner = await FlowRunner.compile(constants);
    const { decodeMappings } = await import('../../../language/compile/source-map.ts');
    const lines = new Set(
      decodeMappings(runner.flow.sourceMap).flatMap((segments) => segments.map((s) => s.line + 1)),
    );
    for (const line of [4, 5, 6, 7, 8, 9, 10, 11]) expect(lines).toContain(line);
  });
});
