/**
 * A PBX that is not there when the server starts: the server comes up anyway (the studio and the
 * API work), the failed attempts are reported in the log, and once the PBX appears the runtime
 * connects by itself and takes calls — no restart, no crash.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../runtime/call-events.ts';
import { MemoryLogger } from '../../../runtime/logger.ts';
import { TextOnlyTts } from '../../../runtime/speech/text-only-tts.ts';
import { defaultServerConfig } from '../../../studio/server/config.ts';
import { type Wired, wireServer } from '../../../studio/server/wire.ts';
import { type PbxSimulator, startPbxSimulator } from '../../../telephony/simulator/index.ts';
import { sharedPglite, truncateAll } from '../../store/db-fixture.ts';

let wired: Wired | null = null;
let sim: PbxSimulator | null = null;

afterAll(async () => {
  await wired?.close();
  await sim?.close();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the PBX is down at start-up', () => {
  it('starts without it, reports the retries, and takes calls once it is up', async () => {
    const database = await sharedPglite();
    await truncateAll(database.db);
    const port = await freePort();
    const speechDir = mkdtempSync(join(tmpdir(), 'callflow-pbx-outage-'));
    const logger = new MemoryLogger();
    wired = await wireServer({
      config: defaultServerConfig({ speechCacheDir: speechDir, webDist: join(speechDir, 'none') }),
      database,
      tts: new TextOnlyTts({ cacheDir: speechDir }),
      pbx: {
        kind: 'ari',
        url: `http://127.0.0.1:${port}/ari`,
        username: 'asterisk',
        password: 'asterisk',
        app: 'callflow',
      },
      logger,
      demo: true,
      pinCost: { N: 1024, r: 8, p: 1 },
      pbxWaitMs: 500,
    });
    expect(wired.adapter.status().connected).toBe(false);
    const health = await wired.app.request('/api/health');
    expect(health.status).toBe(200);
    const login = await wired.app.request('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'analyst@abc.example', password: 'analyst-demo' }),
    });
    expect(login.status).toBe(200);
    expect(logger.lines.some((l) => l.includes('ARI not reachable'))).toBe(true);

    sim = await startPbxSimulator({ port, soundsDir: speechDir });
    await wired.pbxReady;
    expect(wired.adapter.status().connected).toBe(true);

    const events: CallEvent[] = [];
    wired.runtime.events.on((e) => events.push(e));
    const call = sim.control.placeCall({ from: '+380501234567', to: '0800300400' });
    await call.waitFor((e) => e.kind === 'playback-started');
    const started = events.find((e) => e.type === 'call-started' && e.channelId === call.id);
    expect(started).toMatchObject({ flowName: 'Поддержка АВС Интернет', version: 1 });
    call.hangup();
  }, 120_000);
});
