/**
 * `callflow start` (= `npm start`): the whole product on one machine — the studio server on :8080,
 * the embedded database in ./data (or DATABASE_URL), the PBX simulator on 127.0.0.1:8088 (or a real
 * Asterisk when ARI_URL is set), the runtime and ACD, and the demo tenant "ABC Internet" with its
 * example flows deployed, one user per role and operators whose phones answer. Ctrl-C stops it.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Logger, LogLevel } from '../../runtime/logger.ts';
import { checkTool, INSTALL_HINT } from '../../runtime/speech/audio-tools.ts';
import { createTts, type Tts } from '../../runtime/speech/tts.ts';
import { redactUrl } from '../../runtime/store/database.ts';
import { verifyPassword } from '../../runtime/store/queries/tenants-users.ts';
import { serverConfigFromEnv } from '../../studio/server/config.ts';
import { DEMO_OPERATORS } from '../../studio/server/demo/demo-tenant.ts';
import { type PbxChoice, type Wired, wireServer } from '../../studio/server/wire.ts';
import { ariConfigFromEnv } from '../../telephony/ari-config.ts';

export const summary = 'run the studio, runtime, PBX simulator and database with the demo deployed';

export const usage = `Usage: callflow start [options]        (npm start)

Starts the studio server, the runtime with its ACD, the PBX simulator and the embedded database,
seeds the demo tenant "ABC Internet" (one user per role, customers, operators) and deploys the
example flows. Prints where to open the studio; Ctrl-C stops everything cleanly.

Options:
  --port N          HTTP port of the studio (default $PORT or 8080; 0 picks a free one)
  --host ADDR       listen address (default $HOST or 0.0.0.0)
  --data DIR        data folder: embedded database in DIR/pglite, prompts in DIR/speech (default ./data)
  --pbx-port N      port of the PBX simulator (default 8088)
  --no-demo         do not seed the demo tenant or deploy the examples
  -h, --help        show this help

Environment:
  DATABASE_URL                      PostgreSQL instead of the embedded database
  ARI_URL, ARI_USERNAME, ARI_PASSWORD, ARI_APP
                                    a real Asterisk instead of the PBX simulator
  CALLFLOW_TTS=text                 no espeak-ng: prompts as text only
  CALLFLOW_SPEECH_DIR               the prompt cache (default DIR/speech)
  CALLFLOW_WEB_DIST                 the built studio web app (default studio/web/dist)
  CALLFLOW_LOG=info|debug           more log lines (default: warnings and errors)`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string', default: 'data' },
      'pbx-port': { type: 'string', default: '8088' },
      'no-demo': { type: 'boolean', default: false },
    },
  });
  const startedAt = performance.now();
  const env = process.env;
  const pbxPort = Number(values['pbx-port']);
  if (!Number.isInteger(pbxPort) || pbxPort < 0 || pbxPort > 65535) {
    console.error('callflow start: --pbx-port must be a number from 0 to 65535');
    return 2;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    console.error('callflow start: --port must be a number from 0 to 65535');
    return 2;
  }
  const dataDir = resolve(values.data);
  const config = serverConfigFromEnv(env, {
    speechCacheDir: resolve(env.CALLFLOW_SPEECH_DIR?.trim() || join(dataDir, 'speech')),
    ...(port === undefined ? {} : { port }),
    ...(values.host === undefined ? {} : { host: values.host }),
  });
  const logger = terminalLogger(env.CALLFLOW_LOG);
  const tts = await chooseTts(env, config.speechCacheDir);
  const pbx: PbxChoice = env.ARI_URL
    ? { kind: 'ari', ...ariConfigFromEnv(env) }
    : { kind: 'simulator', port: pbxPort, host: '127.0.0.1' };
  const demo = !values['no-demo'];
  const unhandled = (error: unknown) =>
    logger.log('error', 'unexpected error (the server keeps running)', {
      error: error instanceof Error ? error.stack : String(error),
    });
  process.on('unhandledRejection', unhandled);
  process.on('uncaughtException', unhandled);

  step(
    env.DATABASE_URL
      ? `connecting to ${redactUrl(env.DATABASE_URL)}…`
      : `opening the embedded database in ${join(dataDir, 'pglite')}…`,
  );
  let wired: Wired;
  try {
    wired = await wireServer({
      config,
      databaseUrl: env.DATABASE_URL || undefined,
      dataDir: join(dataDir, 'pglite'),
      logger,
      pbx,
      demo,
      tts,
    });
  } catch (error) {
    console.error(`callflow start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  // A clean checkout has no studio bundle: build it once (5-10 s) so `npm start` alone is enough.
  const { ensureStudioBuilt } = await import('../../studio/web/build-studio.ts');
  await ensureStudioBuilt({ outDir: config.webDist });
  let listening: Awaited<ReturnType<Wired['listen']>>;
  try {
    listening = await wired.listen();
  } catch (error) {
    await wired.close();
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `callflow start: port ${config.port} is in use — stop the other server or pick another port: PORT=8081 npm start`
        : `callflow start: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }

  for (const line of await summaryLines(wired, demo)) console.log(line);
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const login = demo ? `  (log in as analyst@abc.example / ${await demoPassword(wired, 'analyst')})` : '';
  console.log(`Callflow studio: ${listening.url}${login}   [ready in ${seconds} s; Ctrl-C stops]`);

  await new Promise<void>((done) => {
    let stopping = false;
    const stop = () => {
      if (stopping) {
        console.error('callflow start: stopping now');
        process.exit(130);
      }
      stopping = true;
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  console.log('Stopping…');
  await wired.close();
  console.log('Stopped.');
  return 0;
}

/**
 * The TTS the environment asks for; without CALLFLOW_TTS and without espeak-ng or sox on this
 * machine, text-only prompts (the simulator still times and shows them) rather than calls that fail.
 */
async function chooseTts(env: NodeJS.ProcessEnv, cacheDir: string): Promise<Tts> {
  if (!env.CALLFLOW_TTS) {
    const missing = await Promise.all([checkTool('espeak-ng', 'espeak-ng'), checkTool('sox', 'sox')]).then(
      () => false,
      () => true,
    );
    if (missing) {
      step(`espeak-ng or sox is not installed: prompts are text only (${INSTALL_HINT} for audio)`);
      return createTts({ env: { ...env, CALLFLOW_TTS: 'text' }, cacheDir });
    }
  }
  return createTts({ env, cacheDir });
}

function step(text: string): void {
  process.stderr.write(`  ${text}\n`);
}

async function summaryLines(wired: Wired, demo: boolean): Promise<string[]> {
  const { database, simulator } = wired;
  const status = wired.adapter.status();
  const lines = [
    `  database   ${database.location} (${database.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'})`,
    simulator
      ? `  PBX        simulator, ARI at ${simulator.ariUrl} (${simulator.credentials.user}/${simulator.credentials.password}), control API ${simulator.url}/sim/`
      : `  PBX        Asterisk at ${ariConfigFromEnv().url}: ${status.connected ? 'connected' : `not connected yet, retrying (${status.lastError ?? 'connecting'})`}`,
  ];
  if (!demo || !wired.demo) return lines;
  for (const example of wired.demo.examples) {
    if (example.skipped) lines.push(`  example    ${example.file}: not deployed — ${example.skipped}`);
    for (const d of example.deployed) {
      lines.push(
        `  flow       «${d.flow}» v${d.version}${d.numbers.length ? ` answers ${d.numbers.join(', ')}` : ''}${d.unchanged ? '' : ' (deployed now)'}`,
      );
    }
  }
  if (simulator) {
    lines.push(
      `  operators  ${DEMO_OPERATORS.map((o) => `PJSIP/${o.extension}`).join(', ')} ready, answering after ${DEMO_OPERATORS[0].answerAfterMs / 1000} s`,
    );
  }
  const users = await Promise.all(
    (['admin', 'analyst', 'supervisor', 'operator'] as const).map(
      async (role) => `${role}@abc.example / ${await demoPassword(wired, role)}`,
    ),
  );
  lines.push(`  users      ${users.join('   ')}`);
  return lines;
}

/** The demo password when it still works (someone may have changed it). */
async function demoPassword(wired: Wired, role: string): Promise<string> {
  const seeded = wired.demo?.seeded.users.find((u) => u.role === role);
  if (seeded?.password) return seeded.password;
  const fixed = `${role}-demo`;
  return (await verifyPassword(wired.database.db, `${role}@abc.example`, fixed))
    ? fixed
    : '(password changed)';
}

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Human-readable lines on stderr, warnings and errors only unless CALLFLOW_LOG asks for more. */
function terminalLogger(setting: string | undefined): Logger {
  const threshold = LEVELS.indexOf(
    (LEVELS as string[]).includes(setting ?? '') ? (setting as LogLevel) : 'warn',
  );
  return {
    log(level, message, fields) {
      if (LEVELS.indexOf(level) < threshold) return;
      const time = new Date().toISOString().slice(11, 19);
      const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
      process.stderr.write(`${time} ${level.padEnd(5)} ${message}${extra}\n`);
    },
  };
}
