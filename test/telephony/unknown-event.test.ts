/**
 * An event type ari-client does not know (or a frame that is not JSON) throws inside ari-client's
 * WebSocket handler, which would kill the process. The adapter drops it, counts it and carries on.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AriAdapter } from '../../telephony/ari-adapter.ts';
import type { InboundCall } from '../../telephony/pbx-port.ts';
import { type PbxSimulator, startPbxSimulator } from '../../telephony/simulator/index.ts';
import { InboundCalls } from './support/channel-events.ts';
import { quietLog } from './support/sim-harness.ts';

const repoRoot = resolve(import.meta.dirname, '../..');

describe('ARI adapter: unknown event types', () => {
  let sim: PbxSimulator;
  let adapter: AriAdapter;
  const inbound = new InboundCalls<InboundCall>();
  beforeAll(async () => {
    sim = await startPbxSimulator();
    adapter = new AriAdapter({ url: sim.ariUrl, log: quietLog });
    await adapter.start(inbound.push);
  });
  afterAll(async () => {
    await adapter.stop();
    await sim.close();
  });

  it('drops an unknown event type and a non-JSON frame, and keeps serving calls', async () => {
    const injected = {
      type: 'ChannelFutureFeature',
      timestamp: '2026-11-23T17:33:51.267+0000',
      asterisk_id: '02:fc:00:00:00:01',
      application: 'callflow',
    };
    expect(sim.control.injectEvent('callflow', injected)).toBe(true);
    expect(sim.control.injectEvent('callflow', 'this is not json')).toBe(true);
    const call = sim.control.placeCall({ from: '0501234567', to: '0800300400' });
    const delivered = await inbound.next((c) => c.channelId === call.id);
    expect(delivered.dialled).toBe('0800300400');
    expect(adapter.internals().badEvents).toBe(2);
    expect(adapter.status()).toMatchObject({ connected: true });
    expect(adapter.status().lastError).toMatch(/not JSON|ChannelFutureFeature/);
    call.hangup();
  });

  it('is needed: a bare ari-client process dies on the same event', () => {
    const script = `
      import ari from 'ari-client';
      import { startPbxSimulator } from './telephony/simulator/index.ts';
      const sim = await startPbxSimulator();
      const client = await ari.connect(sim.url, 'asterisk', 'asterisk');
      await client.start('callflow');
      sim.control.injectEvent('callflow', { type: 'ChannelFutureFeature', application: 'callflow' });
      setTimeout(() => { console.log('survived'); process.exit(0); }, 1500);
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stdout).not.toContain('survived');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/TypeError/);
  });
});
