import { afterEach, describe, expect, it } from 'vitest';
import {
  buildSourceMap,
  decodeMappings,
  decodeVlqSegment,
  encodeVlq,
  originalPositionFor,
  originalPositionFromStack,
  parseStack,
} from '../../../language/compile/source-map.ts';
import { dataOk, FlowRunner, flowSource, played } from './driver.ts';

describe('base64 VLQ', () => {
  it('encodes the spec examples', () => {
    expect([0, 1, -1, 15, 16, -16, 1000].map(encodeVlq)).toEqual(['A', 'C', 'D', 'e', 'gB', 'hB', 'w+B']);
  });

  it('decodes what it encodes', () => {
    const values = [0, 5, -5, 31, 32, -1024, 123456, -7];
    expect(decodeVlqSegment(values.map(encodeVlq).join(''))).toEqual(values);
  });
});

describe('source map lookup', () => {
  const map = buildSourceMap(
    [
      { generatedLine: 2, generatedColumn: 2, sourceLine: 4, sourceColumn: 2 },
      { generatedLine: 2, generatedColumn: 20, sourceLine: 4, sourceColumn: 10 },
      { generatedLine: 5, generatedColumn: 0, sourceLine: 9, sourceColumn: 0 },
    ],
    { file: 'f.js', source: 'f.flow' },
  );

  it('encodes lines and segments relative to each other', () => {
    expect(map.mappings).toBe(';;EAIE,kBAAQ;;;AAKV');
  });

  it('maps 1-based generated positions to 1-based flow positions', () => {
    expect(originalPositionFor(map, 3, 3)).toEqual({ source: 'f.flow', line: 5, column: 3 });
    expect(originalPositionFor(map, 3, 25)).toEqual({ source: 'f.flow', line: 5, column: 11 });
    expect(originalPositionFor(map, 3, 1)).toEqual({ source: 'f.flow', line: 5, column: 3 });
    expect(originalPositionFor(map, 6, 40)).toEqual({ source: 'f.flow', line: 10, column: 1 });
  });

  it('has no answer for lines no flow code produced', () => {
    expect(originalPositionFor(map, 1, 1)).toBeNull();
    expect(originalPositionFor(map, 4, 1)).toBeNull();
    expect(originalPositionFor(map, 99, 1)).toBeNull();
  });

  it('reads QuickJS stack frames', () => {
    expect(
      parseStack('    at f (a.js:3:11)\n    at <anonymous> (a.js:5:35)\n    at <eval> (x.js:1:2)\n'),
    ).toEqual([
      { file: 'a.js', line: 3, column: 11 },
      { file: 'a.js', line: 5, column: 35 },
      { file: 'x.js', line: 1, column: 2 },
    ]);
  });

  it('keeps the line and column out of the file name, whatever the name holds', () => {
    expect(
      parseStack(
        [
          '    at a.js:3:11',
          '    at f (flow-Поддержка АВС Интернет@c2034c7b.js:42:17)',
          '    at g (C:\\flows\\a (1).js:2:7)',
          '    at dir/a (1).js:4:5',
          '    at h (b.js:9)',
          '    at JSON.parse (native)',
          '    at <anonymous>',
        ].join('\n'),
      ),
    ).toEqual([
      { file: 'a.js', line: 3, column: 11 },
      { file: 'flow-Поддержка АВС Интернет@c2034c7b.js', line: 42, column: 17 },
      { file: 'C:\\flows\\a (1).js', line: 2, column: 7 },
      { file: 'dir/a (1).js', line: 4, column: 5 },
      { file: 'b.js', line: 9, column: 1 },
    ]);
  });

  it('maps a stack whose script name has spaces and parentheses', () => {
    const named = buildSourceMap([{ generatedLine: 2, generatedColumn: 2, sourceLine: 4, sourceColumn: 2 }], {
      file: 'flow (Поддержка).js',
      source: 'f.flow',
    });
    expect(
      originalPositionFromStack(named, '    at f (flow (Поддержка).js:3:5)\n    at <eval> (other.js:3:5)\n'),
    ).toEqual({ source: 'f.flow', line: 5, column: 3, generated: { line: 3, column: 5 } });
  });
});

/** Each step holds a js block that throws on a known flow line. */
const throwing = flowSource(`
  flow "Errors"
    answers "100"
    menu pick
      prompt "1, 2, 3 or 4"
      on 1 -> goto one
      on 2 -> goto two
      on 3 -> goto three
      on 4 -> goto four
      after retries -> hangup

    step one
      js { throw new Error('boom') }
      hangup

    step two
      say "two"
      js {
        const a = 1
        const b = a + 1
        throw new Error('boom ' + b)
      }
      hangup

    step three
      let customer = crm.lookup(caller.number)
      say "Hello {customer.name}"
      hangup

    step four
      let n = toNumber("x")
      say "Twice {n * 2}"
      hangup
`);

describe('runtime errors map back to the flow', () => {
  let runner: FlowRunner;
  afterEach(() => runner?.dispose());

  const errorFor = async (key: string, after: (r: FlowRunner) => void = () => {}) => {
    runner = await FlowRunner.compile(throwing);
    runner.start();
    const thrown = (() => {
      try {
        runner.step({ type: 'digits', digits: key, terminated: false });
        after(runner);
      } catch (error) {
        return (error as { thrown: { message: string; stack: string } }).thrown;
      }
      throw new Error('no error');
    })();
    return { thrown, position: originalPositionFromStack(runner.flow.sourceMap, thrown.stack) };
  };

  it('a throw in a one-line js block maps to its line and the column of the `Error(...)` that threw', async () => {
    const { thrown, position } = await errorFor('1');
    expect(thrown.message).toBe('boom');
    expect(position).toMatchObject({ source: 'test.flow', line: 12, column: 20 });
  });

  it('a throw on the third line of a js block maps to that line', async () => {
    const { thrown, position } = await errorFor('2', (r) => r.step(played));
    expect(thrown.message).toBe('boom 2');
    expect(position).toMatchObject({ line: 20, column: 17 });
  });

  it('a field read on none maps to the member expression', async () => {
    const { thrown, position } = await errorFor('3', (r) => r.step(dataOk(null)));
    expect(thrown.message).toBe('cannot read "name" of none');
    expect(position).toMatchObject({ line: 26, column: 17 });
  });

  it('none used as a number maps to the arithmetic', async () => {
    const { thrown, position } = await errorFor('4');
    expect(thrown.message).toBe('* needs a number, got none');
    expect(position).toMatchObject({ line: 31, column: 17 });
  });

  it('every flow statement line is reachable from some generated line', async () => {
    runner = await FlowRunner.compile(throwing);
    const lines = new Set(
      decodeMappings(runner.flow.sourceMap).flatMap((segments) => segments.map((s) => s.line + 1)),
    );
    for (const line of [3, 4, 9, 11, 12, 16, 17, 18, 19, 20, 25, 26, 30, 31]) expect(lines).toContain(line);
  });
});
