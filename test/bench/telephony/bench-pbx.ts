/**
 * The benchmark's PBX: a simulator on real time in its own process, with scripted callers, so the
 * measured client process does nothing but ARI. Talks to the parent over IPC:
 *   -> {type:'ready', port}            <- {type:'load', calls, rate, holdMs}
 *   -> {type:'placed', count}          <- {type:'report'}  -> {type:'report', ...}
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPbxSimulator } from '../../../telephony/simulator/index.ts';

const sounds = mkdtempSync(join(tmpdir(), 'callflow-bench-sounds-'));
mkdirSync(join(sounds, 'bench'));
for (const [name, durationMs, text] of [
  ['menu', 8000, 'For technical support press 1'],
  ['digits', 4000, 'Enter your contract number and press hash'],
  ['wait', 2000, 'Please wait for an operator'],
] as const) {
  writeFileSync(join(sounds, 'bench', `${name}.json`), JSON.stringify({ text, lang: 'en', durationMs }));
}

const sim = await startPbxSimulator({ soundsDir: sounds });
sim.world.transcripts.retain = false;
sim.world.playRequestTimes = new Map();
sim.control.defineOperator('PJSIP/agent', { type: 'answer-after', delayMs: 300 });

const send = (message: unknown) => process.send?.(message);
const calls = new Map<string, { holdMs: number }>();

// One transcript listener for every call: the scripted caller reacts to what it hears.
sim.control.onTranscript((entry) => {
  const call = calls.get(entry.callId);
  if (!call) return;
  if (entry.kind === 'playback-started' && entry.media === 'sound:bench/menu') {
    setTimeout(() => sim.control.pressKeys(entry.callId, '1'), 300);
  } else if (entry.kind === 'playback-started' && entry.media === 'sound:bench/digits') {
    sim.control.pressKeys(entry.callId, '1234#', 100);
  } else if (entry.kind === 'bridge-joined' && entry.bridgeType === 'mixing') {
    setTimeout(() => sim.control.hangup(entry.callId), call.holdMs);
  } else if (entry.kind === 'hangup') {
    calls.delete(entry.callId);
  }
});

process.on('message', (message: { type: string; calls?: number; rate?: number; holdMs?: number }) => {
  if (message.type === 'load') {
    const total = message.calls ?? 100;
    const interval = 1000 / (message.rate ?? 50);
    const started = performance.now();
    let placed = 0;
    const tick = () => {
      // Catch up by wall time so timer jitter does not lower the offered rate.
      const due = Math.min(total, Math.floor((performance.now() - started) / interval) + 1);
      while (placed < due) {
        const call = sim.control.placeCall({
          from: `050${String(placed).padStart(7, '0')}`,
          to: '0800300400',
        });
        calls.set(call.id, { holdMs: message.holdMs ?? 1000 });
        placed++;
      }
      if (placed < total) setTimeout(tick, interval);
      else send({ type: 'placed', count: placed });
    };
    tick();
  } else if (message.type === 'report') {
    sim.control.forgetFinished();
    send({
      type: 'report',
      playRequests: [...(sim.world.playRequestTimes ?? [])],
      cpu: process.cpuUsage(),
      rss: process.memoryUsage().rss,
      liveChannels: sim.world.channels.size,
      eventsSent: sim.world.bus.sent,
    });
  } else if (message.type === 'exit') {
    sim.close().then(() => process.exit(0));
  }
});

send({ type: 'ready', port: sim.port });
