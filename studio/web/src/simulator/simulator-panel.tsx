/**
 * The call simulator: who calls, which number, optionally the time of day the flow sees; then the
 * keypad, the transcript, variables (secrets arrive masked) and queue events. The call runs on the
 * server, on the text in the editor (deployed or not); its current step shows in the editor and
 * the graph.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { AskTarget } from './ask-targets.ts';
import { shownVariables } from './call-state.ts';
import { Keypad } from './keypad.tsx';
import { flowClockText, WEEKDAYS, type Weekday } from './time-of-day.ts';
import { Transcript } from './transcript.tsx';
import type { SimulatedCallControls } from './use-simulated-call.ts';

export interface SimulatorPanelProps {
  controls: SimulatedCallControls;
  /** The asks of the flow in the editor (to name what the caller typed). */
  asks: readonly AskTarget[];
  numbers: string[];
  activeVersion: number | null;
  canSimulate: boolean;
  /** The text in the editor: what the call runs on (the deployed version while there is none). */
  source(): string | undefined;
}

export function SimulatorPanel(props: SimulatorPanelProps) {
  const { controls, asks, numbers, activeVersion, canSimulate, source } = props;
  const { t } = useI18n();
  const { call, error } = controls;
  const [from, setFrom] = useState('0501234567');
  const [to, setTo] = useState(numbers[0] ?? '');
  const [time, setTime] = useState('');
  const [day, setDay] = useState<Weekday | ''>('');
  const [placedClock, setPlacedClock] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!to && numbers[0]) setTo(numbers[0]);
  }, [numbers, to]);
  const variables = shownVariables(call, asks);
  const live = call.status === 'ringing' || call.status === 'in-progress' || call.status === 'scheduled';

  return (
    <section className="simulator" aria-label={t.simulator}>
      <form
        className="sim-form"
        onSubmit={(e) => {
          e.preventDefault();
          const clock = flowClockText(time, day);
          const text = source();
          setPlacedClock(clock && `${day ? `${t.weekdays[WEEKDAYS.indexOf(day)]} ` : ''}${time || '12:00'}`);
          void controls.place({ from, to, ...(text ? { source: text } : {}), ...(clock ? { clock } : {}) });
        }}
      >
        <label>
          {t.callerNumber}
          <input name="from" value={from} onChange={(e) => setFrom(e.target.value)} inputMode="tel" />
        </label>
        <label>
          {t.dialledNumber}
          <input
            name="to"
            list="sim-numbers"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            inputMode="tel"
          />
          <datalist id="sim-numbers">
            {numbers.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </label>
        <fieldset className="sim-clock">
          <legend>{t.timeOfDay}</legend>
          <select
            name="day"
            aria-label={t.day}
            value={day}
            onChange={(e) => setDay(e.target.value as Weekday | '')}
          >
            <option value="">{t.today}</option>
            {WEEKDAYS.map((d, i) => (
              <option key={d} value={d}>
                {t.weekdays[i]}
              </option>
            ))}
          </select>
          <input name="time" type="time" value={time} onChange={(e) => setTime(e.target.value)} />
        </fieldset>
        <p className="muted small">{t.runsEditorText}</p>
        <div className="sim-buttons">
          <button type="submit" className="primary" disabled={!canSimulate || live || !to}>
            {t.call}
          </button>
          <button type="button" className="danger" disabled={!live} onClick={() => void controls.hangup()}>
            {t.hangUp}
          </button>
        </div>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p className="sim-status" data-testid="sim-status" data-status={call.status}>
        {call.status === 'idle' ? (
          t.noCall
        ) : (
          <>
            {t.callStatus}: <strong>{t.status[call.status]}</strong>
            {call.flowName && ` · ${call.flowName}`}
            {call.draft ? (
              <span className="badge" data-testid="sim-draft">
                {t.editorText}
              </span>
            ) : (
              (call.version ?? activeVersion) !== null && ` v${call.version ?? activeVersion}`
            )}
            {call.clockAt !== null && placedClock && (
              <span className="badge" data-testid="sim-clock">
                {t.flowClock} {placedClock}
              </span>
            )}
            {call.waitingFor && ` · … ${call.waitingFor}`}
            {call.outcome && ` · ${t.outcome}: ${call.outcome}`}
          </>
        )}
      </p>
      <Keypad disabled={call.status !== 'in-progress'} onKeys={controls.press} />
      <h3>{t.transcript}</h3>
      <Transcript entries={call.transcript} />
      {Object.keys(variables).length > 0 && (
        <>
          <h3>{t.variables}</h3>
          <table className="vars" data-testid="variables">
            <tbody>
              {Object.entries(variables).map(([name, value]) => (
                <tr key={name}>
                  <th>{name}</th>
                  <td>
                    <code>{typeof value === 'string' ? value : JSON.stringify(value)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {call.queue.length > 0 && (
        <>
          <h3>{t.queueEvents}</h3>
          <ul className="queue-events">
            {call.queue.map((q, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
              <li key={i}>
                <code>{q.queue}</code> {q.event}
                {q.position !== null && ` #${q.position}`}
                {q.ewtMinutes !== null && ` ~${q.ewtMinutes} min`}
                {q.operator && ` → ${q.operator}`}
                {q.outcome && ` (${q.outcome})`}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
