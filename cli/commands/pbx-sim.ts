/**
 * `callflow pbx-sim`: runs the ARI-compatible PBX simulator standalone. Point Callflow (or any ARI
 * client) at `http://127.0.0.1:<port>/ari`, place calls and play the operators through `/sim/...`.
 */
import { parseArgs } from 'node:util';
import { defaultSpeechCacheDir } from '../../runtime/speech/speech-cache.ts';
import {
  type PbxSimulator,
  parseOperatorBehaviour,
  startPbxSimulator,
} from '../../telephony/simulator/index.ts';

export const summary = 'run the ARI-compatible PBX simulator (ARI at http://127.0.0.1:<port>/ari)';

export const usage = `Usage: callflow pbx-sim [options]

Runs a PBX simulator that speaks Asterisk ARI (REST + /ari/events WebSocket) so Callflow, or any
ari-client application, can run against it: ARI_URL=http://127.0.0.1:<port>/ari.
Control API on the same port: POST /sim/calls {"from","to"}, POST /sim/calls/<id>/keys {"digits"},
DELETE /sim/calls/<id>, PUT /sim/operators/<endpoint> {"behaviour"}, WebSocket /sim/events.

Options:
  --port N                  HTTP port (default 8088; 0 picks a free one)
  --host ADDR               listen address (default 127.0.0.1)
  --user NAME               ARI user (default asterisk)
  --password SECRET         ARI password (default asterisk)
  --sounds DIR              sounds folder; sound:callflow/<id> reads DIR/callflow/<id>.json|.wav
                            (default $CALLFLOW_SPEECH_DIR or data/speech)
  --operator EP=BEHAVIOUR   an operator phone, repeatable: PJSIP/1001=answer-after:3000,
                            Local/1002@operators=manual|never|busy|congestion
  --lang en|ru              message language; default ru when LANG starts with ru, else en
  -h, --help                show this help`;

type Locale = 'en' | 'ru';

const text = {
  badPort: {
    en: 'callflow pbx-sim: --port must be a number from 0 to 65535',
    ru: 'callflow pbx-sim: --port — число от 0 до 65535',
  },
  badOperator: {
    en: 'callflow pbx-sim: --operator must look like PJSIP/1001=answer-after:3000 or Local/1002@operators=manual',
    ru: 'callflow pbx-sim: --operator задаётся как PJSIP/1001=answer-after:3000 или Local/1002@operators=manual',
  },
  running: { en: 'PBX simulator running', ru: 'Симулятор АТС запущен' },
  ari: { en: 'ARI', ru: 'ARI' },
  credentials: { en: 'user / password', ru: 'пользователь / пароль' },
  control: { en: 'control API', ru: 'API управления' },
  sounds: { en: 'sounds', ru: 'звуки' },
  operators: { en: 'operators', ru: 'операторы' },
  tryIt: { en: 'place a call', ru: 'позвонить' },
  stop: { en: 'Ctrl+C stops it.', ru: 'Ctrl+C — остановить.' },
} satisfies Record<string, Record<Locale, string>>;

function chooseLocale(lang: string | undefined): Locale | null {
  if (lang === 'en' || lang === 'ru') return lang;
  if (lang !== undefined) return null;
  return (process.env.LANG ?? '').toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/** Parses the options and starts the simulator; returns it with the lines to print, or an error. */
export async function startFromArgs(
  args: string[],
): Promise<{ sim: PbxSimulator; lines: string[] } | { error: string }> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '8088' },
      host: { type: 'string', default: '127.0.0.1' },
      user: { type: 'string', default: 'asterisk' },
      password: { type: 'string', default: 'asterisk' },
      sounds: { type: 'string' },
      operator: { type: 'string', multiple: true, default: [] },
      lang: { type: 'string' },
    },
  });
  const locale = chooseLocale(values.lang);
  if (!locale) return { error: usage };
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { error: text.badPort[locale] };
  const operators: Array<[string, NonNullable<ReturnType<typeof parseOperatorBehaviour>>]> = [];
  for (const spec of values.operator) {
    const eq = spec.lastIndexOf('=');
    const behaviour = eq > 0 ? parseOperatorBehaviour(spec.slice(eq + 1)) : null;
    if (!behaviour) return { error: text.badOperator[locale] };
    operators.push([spec.slice(0, eq), behaviour]);
  }
  const soundsDir = values.sounds ?? defaultSpeechCacheDir();
  const sim = await startPbxSimulator({
    port,
    host: values.host,
    user: values.user,
    password: values.password,
    soundsDir,
  });
  try {
    for (const [endpoint, behaviour] of operators) sim.control.defineOperator(endpoint, behaviour);
  } catch {
    await sim.close();
    return { error: text.badOperator[locale] };
  }
  const t = (key: keyof typeof text) => text[key][locale];
  const lines = [
    `${t('running')}`,
    `  ${t('ari').padEnd(16)} ${sim.ariUrl}   (ARI_URL=${sim.ariUrl})`,
    `  ${t('credentials').padEnd(16)} ${values.user} / ${values.password}`,
    `  ${t('control').padEnd(16)} ${sim.url}/sim/   WebSocket ${sim.url.replace('http', 'ws')}/sim/events`,
    `  ${t('sounds').padEnd(16)} ${soundsDir}`,
    `  ${t('operators').padEnd(16)} ${operators.map(([e, b]) => `${e}=${b.type}${b.type === 'answer-after' ? `:${b.delayMs}` : ''}`).join(', ') || '-'}`,
    `  ${t('tryIt').padEnd(16)} curl -X POST ${sim.url}/sim/calls -H 'content-type: application/json' -d '{"from":"0501234567","to":"0800300400"}'`,
    t('stop'),
  ];
  return { sim, lines };
}

export async function run(args: string[]): Promise<number> {
  let started: Awaited<ReturnType<typeof startFromArgs>>;
  try {
    started = await startFromArgs(args);
  } catch (error) {
    console.error(`callflow pbx-sim: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  if ('error' in started) {
    console.error(started.error);
    return 2;
  }
  const { sim, lines } = started;
  console.log(lines.join('\n'));
  // Transcripts of finished calls stay readable for a while, then go (a long-running simulator).
  const sweep = setInterval(() => sim.control.forgetFinished(), 10 * 60_000);
  sweep.unref();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.close();
  return 0;
}
