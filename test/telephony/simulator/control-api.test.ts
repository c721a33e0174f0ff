/**
 * The simulator's world through its control API: what callers hear (TTS text from the sidecar), keys
 * arriving 200 ms after the press, a 10-minute queue wait fast-forwarded, operator phone behaviours.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type PbxSimulator, startPbxSimulator, VirtualClock } from '../../../telephony/simulator/index.ts';
import { ari, connectApp, eventually, type RawApp } from '../support/raw-ari.ts';

let sim: PbxSimulator;
let app: RawApp;
let clock: VirtualClock;

async function setUp(soundsDir: string | null = null) {
  clock = new VirtualClock();
  sim = await startPbxSimulator({ clock, soundsDir });
  app = await connectApp(sim);
}

afterEach(async () => {
  app?.close();
  await sim?.close();
});

describe('PBX simulator control API', () => {
  it('places a caller into Stasis with the dialled number as the argument and the caller number', async () => {
    await setUp();
    const call = sim.control.placeCall({ from: '0501234567', to: '0800300400', callerName: 'Іван' });
    const start = await eventually(app, (e) => e.type === 'StasisStart');
    expect(start.args).toEqual(['0800300400']);
    expect(start.channel).toMatchObject({
      id: call.id,
      state: 'Ring',
      caller: { name: 'Іван', number: '0501234567' },
      dialplan: {
        context: 'from-pstn',
        exten: '0800300400',
        app_name: 'Stasis',
        app_data: 'callflow,0800300400',
      },
    });
    expect(start.channel.name).toMatch(/^PJSIP\/pstn-[0-9a-f]{8}$/);
  });

  it('tells what the caller hears: the TTS sidecar text, start and finish on the simulated clock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callflow-sim-'));
    mkdirSync(join(dir, 'callflow'));
    writeFileSync(
      join(dir, 'callflow', '0123456789abcdef.json'),
      JSON.stringify({ text: 'Добрый день, компания «АВС Интернет»', lang: 'ru', durationMs: 3200 }),
    );
    await setUp(dir);
    const call = sim.control.placeCall({ from: '0501234567', to: '0800300400' });
    await ari(sim, 'POST', `/channels/${call.id}/answer`);
    const play = await ari(
      sim,
      'POST',
      `/channels/${call.id}/play?media=sound:callflow/0123456789abcdef,digits:50`,
    );
    expect(play).toMatchObject({
      status: 201,
      body: { state: 'queued', media_uri: 'sound:callflow/0123456789abcdef', next_media_uri: 'digits:50' },
    });
    const started = clock.now();
    clock.advance(3200 + 2 * 820);
    const heard = call
      .transcript()
      .map((e) => [e.kind, 'text' in e ? e.text : 'state' in e ? e.state : '', e.at - started]);
    expect(heard).toEqual([
      ['call-started', '', expect.any(Number)],
      ['answered', '', 0],
      ['playback-started', 'Добрый день, компания «АВС Интернет»', 0],
      ['playback-finished', 'done', 3200],
      ['playback-started', '5 0', 3200],
      ['playback-finished', 'done', 4840],
    ]);
  });

  it('delivers a pressed key as ChannelDtmfReceived about 200 ms later, not before', async () => {
    await setUp();
    const call = sim.control.placeCall({ from: '0501234567', to: '0800300400' });
    await ari(sim, 'POST', `/channels/${call.id}/answer`);
    call.pressKeys('7');
    clock.advance(199);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(app.types()).not.toContain('ChannelDtmfReceived');
    clock.advance(1);
    expect(await eventually(app, (e) => e.type === 'ChannelDtmfReceived')).toMatchObject({
      digit: '7',
      duration_ms: 100,
    });
  });

  it('fast-forwards a 10-minute queue wait with music on hold, then connects an operator', async () => {
    await setUp();
    sim.control.defineOperator('PJSIP/1001', { type: 'answer-after', delayMs: 3000 });
    const call = sim.control.placeCall({ from: '0501234567', to: '0800300400' });
    await ari(sim, 'POST', `/channels/${call.id}/answer`);
    const hold = (await ari(sim, 'POST', '/bridges?type=holding&name=queue')).body.id;
    await ari(sim, 'POST', `/bridges/${hold}/addChannel?channel=${call.id}`);
    await ari(sim, 'POST', `/bridges/${hold}/moh?mohClass=default`);
    clock.advance(10 * 60_000);
    const op = await ari(
      sim,
      'POST',
      '/channels?endpoint=PJSIP/1001&app=callflow&appArgs=operator&timeout=20',
    );
    clock.advance(3000);
    await eventually(app, (e) => e.type === 'StasisStart' && e.channel.id === op.body.id);
    const talk = (await ari(sim, 'POST', '/bridges?type=mixing,dtmf_events')).body.id;
    await ari(sim, 'POST', `/bridges/${talk}/addChannel?channel=${call.id},${op.body.id}`);
    const kinds = call.transcript().map((e) => e.kind);
    expect(kinds).toEqual([
      'call-started',
      'answered',
      'bridge-joined',
      'moh-started',
      'moh-stopped',
      'bridge-left',
      'bridge-joined',
    ]);
    const joined = call.transcript().at(-1)!;
    expect(joined).toMatchObject({
      kind: 'bridge-joined',
      bridgeType: 'mixing',
      with: [expect.stringMatching(/^PJSIP\/1001-/)],
    });
    expect(joined.at - call.transcript()[2].at).toBe(10 * 60_000 + 3000);
  });

  it('answers a manual operator on command and reports busy, congestion and no-answer outcomes', async () => {
    await setUp();
    sim.control.defineOperator('Local/1001@operators', { type: 'manual' });
    sim.control.defineOperator('PJSIP/1002', { type: 'busy' });
    sim.control.defineOperator('PJSIP/1003', { type: 'congestion' });
    sim.control.defineOperator('PJSIP/1004', { type: 'never' });
    const manual = await ari(
      sim,
      'POST',
      '/channels?endpoint=Local/1001@operators&app=callflow&appArgs=operator',
    );
    const busy = await ari(sim, 'POST', '/channels?endpoint=PJSIP/1002&app=callflow&appArgs=operator');
    const congested = await ari(sim, 'POST', '/channels?endpoint=PJSIP/1003&app=callflow&appArgs=operator');
    const never = await ari(
      sim,
      'POST',
      '/channels?endpoint=PJSIP/1004&app=callflow&appArgs=operator&timeout=5',
    );
    const unknown = await ari(sim, 'POST', '/channels?endpoint=PJSIP/9999&app=callflow&appArgs=operator');
    clock.advance(1000);
    expect(sim.control.answerOperator('Local/1001@operators')).toBe(true);
    clock.advance(5000);
    const dial = (id: string) =>
      app.events.filter((e) => e.type === 'Dial' && e.peer.id === id).map((e) => e.dialstatus);
    const destroyed = (id: string) =>
      app.events.find((e) => e.type === 'ChannelDestroyed' && e.channel.id === id)?.cause;
    await eventually(app, (e) => e.type === 'ChannelDestroyed' && e.channel.id === never.body.id);
    expect(dial(manual.body.id)).toEqual(['', 'RINGING', 'ANSWER']);
    expect(
      app.events.some(
        (e) => e.type === 'StasisStart' && e.channel.id === manual.body.id && e.args[0] === 'operator',
      ),
    ).toBe(true);
    expect([dial(busy.body.id), destroyed(busy.body.id)]).toEqual([['', 'BUSY'], 17]);
    expect([dial(congested.body.id), destroyed(congested.body.id)]).toEqual([['', 'CONGESTION'], 34]);
    expect([dial(never.body.id), destroyed(never.body.id)]).toEqual([['', 'RINGING'], 19]);
    expect([dial(unknown.body.id), destroyed(unknown.body.id)]).toEqual([['', 'CHANUNAVAIL'], 20]);
  });

  it('raises no DTMF events inside a mixing bridge without dtmf_events, as Asterisk does', async () => {
    await setUp();
    sim.control.defineOperator('PJSIP/1001', { type: 'answer-after', delayMs: 0 });
    const call = sim.control.placeCall({ from: '0501234567', to: '0800300400' });
    await ari(sim, 'POST', `/channels/${call.id}/answer`);
    const op = await ari(sim, 'POST', '/channels?endpoint=PJSIP/1001&app=callflow&appArgs=operator');
    clock.advance(100);
    const plain = (await ari(sim, 'POST', '/bridges?type=mixing')).body.id;
    await ari(sim, 'POST', `/bridges/${plain}/addChannel?channel=${call.id},${op.body.id}`);
    call.pressKeys('1');
    clock.advance(300);
    const withEvents = (await ari(sim, 'POST', '/bridges?type=mixing,dtmf_events')).body.id;
    await ari(sim, 'POST', `/bridges/${withEvents}/addChannel?channel=${call.id},${op.body.id}`);
    call.pressKeys('2');
    clock.advance(300);
    await eventually(app, (e) => e.type === 'ChannelDtmfReceived');
    expect(app.events.filter((e) => e.type === 'ChannelDtmfReceived').map((e) => e.digit)).toEqual(['2']);
  });
});

describe('PBX simulator control API over HTTP and WebSocket', () => {
  it('places a call, presses keys, streams the transcript, hangs up; errors in English and Russian', async () => {
    await setUp();
    const { WebSocket } = await import('ws');
    const stream = new WebSocket(`ws://127.0.0.1:${sim.port}/sim/events`);
    const streamed: string[] = [];
    stream.on('message', (d) => streamed.push(JSON.parse(String(d)).kind));
    await new Promise((resolve) => stream.once('open', resolve));
    const post = (path: string, body: unknown, method = 'POST') =>
      fetch(`${sim.url}/sim${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const placed = await post('/calls', { from: '0671112233', to: '0800300400' });
    expect(placed.status).toBe(201);
    const { id } = (await placed.json()) as { id: string };
    await ari(sim, 'POST', `/channels/${id}/answer`);
    expect((await post(`/calls/${id}/keys`, { digits: '12' })).status).toBe(204);
    expect((await post('/clock/advance', { ms: 1000 })).status).toBe(200);
    expect((await post(`/calls/${id}`, {}, 'DELETE')).status).toBe(204);
    const transcript = (await (await fetch(`${sim.url}/sim/calls/${id}/transcript`)).json()) as Array<{
      kind: string;
    }>;
    expect(transcript.map((e) => e.kind)).toEqual(['call-started', 'answered', 'dtmf', 'dtmf', 'hangup']);
    const gone = await post(`/calls/${id}/keys`, { digits: '1' });
    expect([gone.status, await gone.json()]).toEqual([
      404,
      { message: 'No such call', message_ru: 'Звонок не найден' },
    ]);
    const badOperator = await post(
      `/operators/${encodeURIComponent('PJSIP/1001')}`,
      { behaviour: { type: 'sometimes' } },
      'PUT',
    );
    expect(badOperator.status).toBe(400);
    expect(
      await post(`/operators/${encodeURIComponent('PJSIP/1001')}`, { behaviour: { type: 'busy' } }, 'PUT'),
    ).toMatchObject({ status: 204 });
    expect(sim.control.operators()).toEqual([{ endpoint: 'PJSIP/1001', behaviour: { type: 'busy' } }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(streamed).toEqual(['call-started', 'answered', 'dtmf', 'dtmf', 'hangup']);
    stream.close();
  });

  it('serves its own Swagger listing with an absolute basePath from the Host header, behind auth', async () => {
    await setUp();
    const anonymous = await fetch(`${sim.ariUrl}/api-docs/resources.json`);
    expect([anonymous.status, await anonymous.json()]).toEqual([401, { message: 'Authentication required' }]);
    // fetch cannot set Host; a plain request can, as a proxy in front of the PBX would.
    const { get } = await import('node:http');
    const text = await new Promise<string>((resolve, reject) => {
      get(
        `${sim.ariUrl}/api-docs/resources.json?api_key=asterisk:asterisk`,
        { headers: { host: 'pbx.example:8088' } },
        (res) => {
          let data = '';
          res.on('data', (c) => (data += c));
          res.on('end', () => resolve(data));
        },
      ).on('error', reject);
    });
    const body = JSON.parse(text) as {
      basePath: string;
      swaggerVersion: string;
      apis: Array<{ path: string }>;
    };
    expect(body.basePath).toBe('http://pbx.example:8088/ari');
    expect(body.swaggerVersion).toBe('1.2');
    expect(body.apis.map((a) => a.path)).toContain('/api-docs/events.{format}');
  });
});
