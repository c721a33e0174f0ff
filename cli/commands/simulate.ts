/**
 * `callflow simulate <flow> --from N --to N --keys "3,123456#,1111#"`: one call through the real
 * runtime, the real ARI adapter and the PBX simulator (over loopback), on virtual time. Prints what
 * the caller hears, the keys, steps, queue events, the outcome and the call record.
 */
import { parseArgs } from 'node:util';
import { durationMs } from '../../language/workspace.ts';
import type { CallEvent } from '../../runtime/call-events.ts';
import type { CallRecord } from '../../runtime/call-log.ts';
import { consoleLogger } from '../../runtime/logger.ts';
import { CallDriver } from '../../runtime/simulation/call-driver.ts';
import { loadCustomers, loadFlow } from '../../runtime/simulation/load-flow.ts';
import { Simulation } from '../../runtime/simulation/simulation.ts';
import { parseStartTime } from '../../runtime/simulation/start-time.ts';
import { recordText, transcriptLines } from '../../runtime/simulation/transcript-text.ts';
import { createTts } from '../../runtime/speech/tts.ts';
import { type OperatorBehaviour, parseOperatorBehaviour } from '../../telephony/simulator/index.ts';

export const summary = 'simulate one call through a flow (PBX simulator, virtual time)';

export const usage = `Usage: callflow simulate <file.flow> --from NUMBER --to NUMBER [options]

Runs one call through the flow on the real runtime, ARI adapter and PBX simulator (over
loopback) on virtual time, so waits and queues take no real time. Each key group is pressed
when the call next asks for keys.

Options:
  --from NUMBER             the caller's number (ANI)
  --to NUMBER               the dialled number (DNIS); default: the flow's first number
  --keys "3,123456#,1111#"  key groups, comma-separated, pressed one per request for input
  --at TIME                 when the call happens, in the workspace's time zone:
                            "2026-11-23T10:00", "2026-11-23 10:00" or "Mon 10:00" (default: now)
  --operator EP=BEHAVIOUR   an operator phone serving every queue, repeatable:
                            PJSIP/2001=answer-after:3000 (also manual, never, busy, congestion)
  --hangup-after DURATION   the caller hangs up this long after the last key group (e.g. 30s)
  --json                    print one JSON document (events and the call record)
  --tts text|espeak         speech: text only (default) or espeak-ng audio files
  --lang en|ru              output language; default ru when LANG starts with ru, else en
  -v, --verbose             runtime and ARI logs on standard error
  -h, --help                show this help`;

type Locale = 'en' | 'ru';

const text = {
  en: {
    badAt: (at: string) =>
      `callflow simulate: --at "${at}" is not a time (try "2026-11-23T10:00" or "Mon 10:00")`,
    badOperator: (o: string) => `callflow simulate: --operator ${o}: expected PJSIP/2001=answer-after:3000`,
    badDuration: (d: string) => `callflow simulate: --hangup-after ${d}: expected a duration like 30s`,
    noTo: 'callflow simulate: --to is needed (the flow answers no number)',
    title: (name: string, v: number, from: string, to: string, at: string) =>
      `${name} (v${v}) · ${from} → ${to} · ${at}`,
    unused: (keys: string[]) => `note: the call ended before these keys were used: ${keys.join(', ')}`,
    stuck: (why: string) => `callflow simulate: the call did not end (${why}); stopped`,
    hangsUp: '(nothing else happens on the call: the simulated caller hangs up)',
    record: 'Call record:',
  },
  ru: {
    badAt: (at: string) =>
      `callflow simulate: --at "${at}" — не время (например "2026-11-23T10:00" или "Пн 10:00")`,
    badOperator: (o: string) => `callflow simulate: --operator ${o}: нужно вида PJSIP/2001=answer-after:3000`,
    badDuration: (d: string) => `callflow simulate: --hangup-after ${d}: нужна длительность, например 30s`,
    noTo: 'callflow simulate: укажите --to (сценарий не отвечает ни на один номер)',
    title: (name: string, v: number, from: string, to: string, at: string) =>
      `${name} (v${v}) · ${from} → ${to} · ${at}`,
    unused: (keys: string[]) => `примечание: звонок закончился раньше, чем были нажаты: ${keys.join(', ')}`,
    stuck: (why: string) => `callflow simulate: звонок не завершился (${why}); остановлено`,
    hangsUp: '(в звонке больше ничего не происходит: абонент кладёт трубку)',
    record: 'Запись о звонке:',
  },
};

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      from: { type: 'string', default: '+380501234567' },
      to: { type: 'string' },
      keys: { type: 'string', default: '' },
      at: { type: 'string' },
      operator: { type: 'string', multiple: true, default: [] },
      'hangup-after': { type: 'string' },
      json: { type: 'boolean', default: false },
      tts: { type: 'string', default: 'text' },
      lang: { type: 'string' },
      verbose: { type: 'boolean', short: 'v', default: false },
    },
  });
  const locale: Locale | null =
    values.lang === undefined
      ? (process.env.LANG ?? '').startsWith('ru')
        ? 'ru'
        : 'en'
      : values.lang === 'en' || values.lang === 'ru'
        ? values.lang
        : null;
  if (!locale || positionals.length !== 1) {
    console.error(usage);
    return 2;
  }
  const t = text[locale];
  const operators: { endpoint: string; behaviour: OperatorBehaviour }[] = [];
  for (const spec of values.operator) {
    const [endpoint, behaviourText] = spec.split('=');
    const behaviour = behaviourText ? parseOperatorBehaviour(behaviourText) : null;
    if (!endpoint || !behaviour) {
      console.error(t.badOperator(spec));
      return 2;
    }
    operators.push({ endpoint, behaviour });
  }
  const hangupAfterMs = values['hangup-after'] ? duration(values['hangup-after']) : null;
  if (hangupAfterMs === undefined) {
    console.error(t.badDuration(values['hangup-after']!));
    return 2;
  }

  const loaded = await loadFlow(positionals[0], locale);
  for (const problem of loaded.problems) console.error(problem);
  if (!loaded.ok) return 1;
  const { compiled, workspace, workspaceDir } = loaded;
  const startAt = values.at === undefined ? Date.now() : parseStartTime(values.at, workspace.timezone);
  if (startAt === null) {
    console.error(t.badAt(values.at!));
    return 2;
  }
  const to = values.to ?? compiled.meta.answers[0];
  if (!to) {
    console.error(t.noTo);
    return 2;
  }
  const keyGroups = values.keys
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');

  const simulation = await Simulation.start({
    flows: [compiled],
    workspace,
    workspaceDir,
    startAt,
    customers: await loadCustomers(workspaceDir),
    operators,
    tts:
      values.tts === 'espeak'
        ? (cacheDir) => createTts({ cacheDir, env: { CALLFLOW_TTS: 'espeak' } })
        : undefined,
    logger: values.verbose ? consoleLogger : undefined,
  });
  try {
    const driver = new CallDriver(simulation, simulation.placeCall(values.from, to));
    let unused: string[] = [];
    let stopped: string | null = null;
    for (const [i, keys] of keyGroups.entries()) {
      const result = await driver.press(keys);
      if (result !== 'done') {
        unused = keyGroups.slice(i);
        if (result !== 'ended') stopped = result;
        break;
      }
    }
    if (hangupAfterMs !== null && !driver.ended()) {
      await driver.wait(hangupAfterMs);
      await driver.hangup();
    }
    let record = stopped ? undefined : await driver.untilEnded();
    if (!record && !stopped && (await driver.runUntil(() => false)) === 'stuck') {
      // Nothing more can happen (the caller talks to an operator): the caller hangs up here.
      if (!values.json) console.log(t.hangsUp);
      await driver.hangup();
      record = await driver.untilEnded();
    }
    const events = driver.events();
    if (values.json) {
      print({
        flow: { id: compiled.meta.id, name: compiled.meta.name },
        from: values.from,
        to,
        startAt: new Date(startAt).toISOString(),
        events,
        record: record ?? null,
        unusedKeys: unused,
      });
    } else {
      printText(events, record, {
        locale,
        startAt,
        file: positionals[0],
        zone: workspace.timezone,
        from: values.from,
        to,
      });
      if (unused.length > 0) console.log(t.unused(unused));
    }
    if (!record) {
      console.error(t.stuck(stopped ?? 'limit'));
      return 1;
    }
    return 0;
  } finally {
    await simulation.stop();
  }
}

function printText(
  events: CallEvent[],
  record: CallRecord | undefined,
  o: { locale: Locale; startAt: number; file: string; zone: string; from: string; to: string },
): void {
  const t = text[o.locale];
  const started = events.find((e) => e.type === 'call-started');
  const when = new Date(o.startAt).toLocaleString(o.locale === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone: o.zone,
  });
  if (started?.type === 'call-started')
    console.log(t.title(started.flowName, started.version, o.from, o.to, `${when} (${o.zone})`));
  console.log('');
  for (const line of transcriptLines(events, started?.at ?? o.startAt, o.locale, o.file)) console.log(line);
  if (record) {
    console.log('');
    console.log(t.record);
    console.log(recordText(record));
  }
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** "30s" → 30000; undefined when it is not a duration. */
function duration(value: string): number | undefined {
  return /^\d+(\.\d+)?(ms|s|m|h)$/.test(value.trim()) ? durationMs(value.trim()) : undefined;
}
