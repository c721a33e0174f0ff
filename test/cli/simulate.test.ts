/** `callflow simulate` end to end: the CLI runs the reference call over the simulator and the real adapter. */
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/commands/simulate.ts';

async function capture(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    const code = await run(args);
    return { code, out: lines.join('\n') };
  } finally {
    log.mockRestore();
    write.mockRestore();
  }
}

describe('callflow simulate', () => {
  it('balance by contract and PIN: prints what the caller hears, the keys and the call record', {
    timeout: 60_000,
  }, async () => {
    const { code, out } = await capture([
      'examples/abc-internet/support.flow',
      '--from',
      '+380501234567',
      '--to',
      '0800300400',
      '--keys',
      '3,123456#,1111#',
      '--at',
      '2026-11-23T10:00',
      '--lang',
      'en',
    ]);
    expect(code).toBe(0);
    expect(out).toContain('«На вашем личном счету 50 гривен.»');
    expect(out).toMatch(/keys\s+•••• ?#|keys\s+••••#/);
    expect(out).toContain('"outcome": "completed"');
    expect(out).not.toContain('1111');
  });

  it('--json gives the events and the record for machines', { timeout: 60_000 }, async () => {
    const { code, out } = await capture([
      'examples/abc-internet/support.flow',
      '--to',
      '0800300400',
      '--keys',
      '2',
      '--operator',
      'PJSIP/2001=answer-after:2000',
      '--at',
      'Mon 10:00',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.record).toMatchObject({
      outcome: 'queued',
      operator: 'PJSIP/2001',
      queue: { name: 'general' },
    });
    expect(result.events.some((e: { type: string }) => e.type === 'prompt')).toBe(true);
  });
});
