/**
 * The port suite's harness on a live Asterisk (ARI_URL) configured with telephony/asterisk/:
 * a caller is an originate of `Local/<dialled>@from-test` whose `;1` half sits in a separate Stasis
 * app (so the test can send its DTMF and hang it up) while the `;2` half reaches `callflow` as the
 * inbound call; operators are the recorded contexts agent-answer, no-answer and busy. Time is real.
 */
import { WebSocket } from 'ws';
import { AriAdapter } from '../../../telephony/ari-adapter.ts';
import type { InboundCall } from '../../../telephony/pbx-port.ts';
import type { PortHarness } from '../port-suite.ts';
import { InboundCalls } from './channel-events.ts';

const CALLER_APP = 'callflow-test-caller';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function liveHarness(url: string): Promise<PortHarness> {
  const username = process.env.ARI_LIVE_USERNAME ?? process.env.ARI_USERNAME ?? 'asterisk';
  const password = process.env.ARI_LIVE_PASSWORD ?? process.env.ARI_PASSWORD ?? 'asterisk';
  const origin = new URL(url).origin;
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const rest = async (method: string, path: string) => {
    const res = await fetch(`${origin}/ari${path}`, { method, headers: { authorization } });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  // The callers' own app: without a registered app their `;1` halves could not enter Stasis.
  const callerSocket = new WebSocket(
    `${origin.replace(/^http/, 'ws')}/ari/events?app=${CALLER_APP}&api_key=${encodeURIComponent(username)}:${encodeURIComponent(password)}`,
  );
  await new Promise((resolve, reject) => {
    callerSocket.once('open', resolve);
    callerSocket.once('error', reject);
  });
  const adapter = new AriAdapter({
    url,
    username,
    password,
    app: process.env.ARI_LIVE_APP ?? process.env.ARI_APP ?? 'callflow',
  });
  const inbound = new InboundCalls<InboundCall>();
  await adapter.start(inbound.push);

  return {
    port: adapter,
    internals: () => adapter.internals(),
    async placeCall(from, to) {
      const callerId = encodeURIComponent(`"" <${from}>`);
      const res = await rest(
        'POST',
        `/channels?endpoint=Local/${to}@from-test&app=${CALLER_APP}&appArgs=caller&callerId=${callerId}`,
      );
      if (res.status !== 200) throw new Error(`originate of the test caller failed: ${JSON.stringify(res)}`);
      const callerLeg = (res.body as { id: string }).id;
      const call = await inbound.next((c) => c.dialled === to && c.callerNumber === from);
      return {
        call,
        caller: {
          pressKeys: async (digits) =>
            void (await rest('POST', `/channels/${callerLeg}/dtmf?dtmf=${encodeURIComponent(digits)}`)),
          hangup: async () => void (await rest('DELETE', `/channels/${callerLeg}`)),
        },
      };
    },
    advance: sleep,
    operator(kind) {
      const endpoint = {
        answers: 'Local/2001@agent-answer',
        'never-answers': 'Local/2002@no-answer',
        busy: 'Local/2003@busy',
      }[kind];
      return { endpoint, ringing: () => sleep(200), answer: () => sleep(3000) };
    },
    async close() {
      await adapter.stop();
      callerSocket.close();
    },
  };
}
