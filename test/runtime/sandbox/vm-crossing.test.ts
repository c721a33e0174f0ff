import { getQuickJS } from 'quickjs-emscripten';
import { describe, expect, it } from 'vitest';
import { crossingFor, PublicCrossing } from '../../../runtime/sandbox/vm-crossing.ts';

describe('the VM crossing', () => {
  it('hands a function the same text, numbers and extra text through the direct and the public calls', async () => {
    const context = (await getQuickJS()).newContext();
    const echo = context.unwrapResult(
      context.evalCode(
        '(function (text, a, b, c, d, extra) { return JSON.stringify([text, a, b, c, d, extra, arguments.length]); })',
      ),
    );
    const direct = crossingFor(context);
    expect(direct).not.toBeInstanceOf(PublicCrossing);
    const cases = [
      {
        text: '{"type":"played"}',
        args: { numbers: [1, 5, 1795420800000, 0] as [number, number, number, number], extra: null },
      },
      {
        text: 'Добрый день «1»\n{"flow":"x"}',
        args: { numbers: [0, -1, 0.5, 1] as [number, number, number, number], extra: '[null,[3,4]]' },
      },
    ];
    for (const { text, args } of cases) {
      const viaDirect = direct.call(echo, text, args);
      const viaPublic = new PublicCrossing(context).call(echo, text, args);
      expect(viaDirect).toEqual(viaPublic);
      expect(viaDirect.ok && JSON.parse(viaDirect.text)).toEqual(
        [text, ...args.numbers, args.extra ?? undefined, args.extra === null ? 5 : 6].map((v) =>
          v === undefined ? null : v,
        ),
      );
    }
    direct.dispose();
    echo.dispose();
    context.dispose();
  });
});
