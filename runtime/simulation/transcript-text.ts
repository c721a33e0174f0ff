/**
 * A simulated call as text for people (the CLI): one line per thing the caller hears or does, and
 * per step change, queue event, data answer and error, with the time since the call started.
 */
import type { CallEvent } from '../call-events.ts';
import type { CallRecord } from '../call-log.ts';

export type TranscriptLocale = 'en' | 'ru';

const LABELS = {
  en: {
    step: 'step',
    hears: 'hears',
    waits: 'waits',
    forKeys: 'for keys',
    keys: 'keys',
    timeout: '(no keys: timeout)',
    invalid: 'invalid',
    queue: 'queue',
    data: 'data',
    error: 'ERROR',
    end: 'end',
    endedBy: {
      caller: 'caller hung up',
      flow: 'flow hung up',
      operator: 'operator hung up',
      system: 'system',
    },
    line: 'line',
  },
  ru: {
    step: 'шаг',
    hears: 'слышит',
    waits: 'ждёт',
    forKeys: 'ввода',
    keys: 'нажал',
    timeout: '(ничего не нажато: тайм-аут)',
    invalid: 'неверно',
    queue: 'очередь',
    data: 'данные',
    error: 'ОШИБКА',
    end: 'конец',
    endedBy: {
      caller: 'абонент положил трубку',
      flow: 'сценарий завершил звонок',
      operator: 'оператор завершил',
      system: 'система',
    },
    line: 'строка',
  },
} as const;

export function transcriptLines(
  events: CallEvent[],
  startedAt: number,
  locale: TranscriptLocale,
  file: string,
): string[] {
  const t = LABELS[locale];
  const lines: string[] = [];
  let step = '';
  const at = (e: CallEvent) => `${((e.at - startedAt) / 1000).toFixed(1).padStart(7)}s  `;
  const row = (e: CallEvent, label: string, text: string) => lines.push(`${at(e)}${label.padEnd(8)} ${text}`);
  for (const e of events) {
    switch (e.type) {
      case 'step':
        if (e.step !== step) row(e, t.step, `${e.step}  (${file}:${e.line})`);
        step = e.step;
        break;
      case 'prompt':
        row(e, t.hears, `«${e.text}»`);
        break;
      case 'keys':
        row(
          e,
          t.keys,
          e.result === 'timeout' ? t.timeout : e.result === 'invalid' ? `${e.keys}  ${t.invalid}` : e.keys,
        );
        break;
      case 'queue':
        row(e, t.queue, queueText(e));
        break;
      case 'data':
        row(e, t.data, `${e.source}.${e.operation} ${e.ok ? 'ok' : e.error}`);
        break;
      case 'error':
        row(e, t.error, `${e.kind}: ${e.message}${e.line ? `  (${file}:${e.line}:${e.column})` : ''}`);
        break;
      case 'call-ended':
        row(e, t.end, `${e.outcome} — ${t.endedBy[e.record.endedBy]}`);
        break;
      default:
        break;
    }
  }
  return lines;
}

function queueText(e: Extract<CallEvent, { type: 'queue' }>): string {
  const details = [
    e.position !== undefined ? `#${e.position}` : '',
    e.ewtMinutes !== undefined ? `ewt ${e.ewtMinutes} min` : '',
    e.operator ?? '',
    e.outcome ?? '',
  ].filter((part) => part !== '');
  return `${e.queue} ${e.event}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

export function recordText(record: CallRecord): string {
  return JSON.stringify(record, null, 2);
}
