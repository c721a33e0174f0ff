import ari from 'ari-client';
import { describe, expect, it } from 'vitest';
import { startFromArgs } from '../../../cli/commands/pbx-sim.ts';

describe('callflow pbx-sim', () => {
  it('starts a simulator that ari-client connects to, with the operators given on the command line', async () => {
    const started = await startFromArgs([
      '--port',
      '0',
      '--user',
      'cf',
      '--password',
      's3cret',
      '--operator',
      'PJSIP/1001=answer-after:1500',
      '--lang',
      'en',
    ]);
    if ('error' in started) throw new Error(started.error);
    const { sim, lines } = started;
    try {
      expect(lines[1]).toContain(`${sim.ariUrl}`);
      expect(lines.join('\n')).toContain('PJSIP/1001=answer-after:1500');
      expect(sim.control.operators()).toEqual([
        { endpoint: 'PJSIP/1001', behaviour: { type: 'answer-after', delayMs: 1500 } },
      ]);
      const client = await ari.connect(sim.url, 'cf', 's3cret');
      const info = await client.asterisk.ping();
      expect(info).toMatchObject({ ping: 'pong', asterisk_id: '02:fc:00:00:00:01' });
    } finally {
      await sim.close();
    }
  });

  it('refuses a bad port or operator with a message in the chosen language', async () => {
    expect(await startFromArgs(['--port', 'http', '--lang', 'en'])).toEqual({
      error: 'callflow pbx-sim: --port must be a number from 0 to 65535',
    });
    expect(await startFromArgs(['--operator', 'PJSIP/1001=sometimes', '--lang', 'ru'])).toEqual({
      error:
        'callflow pbx-sim: --operator задаётся как PJSIP/1001=answer-after:3000 или Local/1002@operators=manual',
    });
  });
});
