/**
 * The operator's console (seed 001): log in at a workplace extension and choose a state (Ready, Not
 * ready, Lunch, Break, log out); during an outbound survey call, the customer's card and the survey
 * script with the answer inputs. The live stream says when the state or the call changes; the
 * console then reads both again.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiRequestError, api, tenantPath } from '../api/api-client.ts';
import { LiveSocket, type LiveState } from '../api/live-socket.ts';
import { useSession } from '../app/session.tsx';
import { StudioHeader } from '../app/studio-header.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { CONSOLE_TEXT, type ConsoleText, OPERATOR_STATES } from './console-text.ts';
import type { SurveyCallView } from './script-form.ts';
import { SurveyScriptPanel } from './survey-script-panel.tsx';
import './operator.css';

interface OperatorMe {
  id: string;
  state: string;
  extension: string | null;
  live: { state: string; extension: string | null; callId: string | null } | null;
}

export function OperatorConsole() {
  const session = useSession();
  const { locale } = useI18n();
  const text = CONSOLE_TEXT[locale];
  const tenant = session.tenant;
  const [me, setMe] = useState<OperatorMe | null>(null);
  const [call, setCall] = useState<SurveyCallView | null>(null);
  const [extension, setExtension] = useState('');
  const [live, setLive] = useState<LiveState>('connecting');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = useCallback((e: unknown) => setError(errorText(e)), []);

  const refresh = useCallback(async () => {
    try {
      const [mine, current] = await Promise.all([
        api<OperatorMe>(tenantPath(tenant, 'me', 'operator')),
        api<{ call: SurveyCallView | null }>(tenantPath(tenant, 'me', 'survey-call')),
      ]);
      setMe(mine);
      setCall(current.call);
      setExtension((typed) => typed || (mine.live?.extension ?? mine.extension ?? ''));
    } catch (e) {
      fail(e);
    }
  }, [tenant, fail]);

  useEffect(() => {
    void refresh();
    const socket = new LiveSocket(tenant);
    const offState = socket.onState(setLive);
    const offMessage = socket.onMessage((m) => {
      const kind = (m as { kind: string }).kind;
      if (kind === 'acd' || kind === 'campaign') void refresh();
    });
    return () => {
      offState();
      offMessage();
      socket.close();
    };
  }, [tenant, refresh]);

  /** Runs a request, then reads state and call again; false when the request failed (shown). */
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await refresh();
      return true;
    } catch (e) {
      fail(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const chooseState = (state: string) =>
    run(() =>
      api(tenantPath(tenant, 'me', 'operator', 'state'), {
        method: 'PUT',
        body: extension.trim() ? { state, extension: extension.trim() } : { state },
      }),
    );

  const sendAnswers = (body: Record<string, unknown>) =>
    run(async () => {
      if (!call) return;
      const result = await api<{ call: SurveyCallView }>(tenantPath(tenant, 'me', 'survey-call', 'answers'), {
        body: { callId: call.callId, ...body },
      });
      setCall(result.call);
    });

  const state = me?.live?.state ?? me?.state ?? '…';
  return (
    <div className="studio operator-console">
      <StudioHeader live={live} />
      {error && (
        <div className="banner error" role="alert">
          {error}
          <button type="button" className="link" onClick={() => setError(null)}>
            ×
          </button>
        </div>
      )}
      <main className="op-body">
        <section className="op-state" aria-label={text.myState}>
          <h2>{text.title}</h2>
          <p>
            {text.stateNow}: <strong data-testid="operator-state">{state}</strong>
          </p>
          <label>
            {text.extension}
            <input name="extension" value={extension} onChange={(e) => setExtension(e.target.value)} />
          </label>
          <div className="op-states">
            {OPERATOR_STATES.map((s) => (
              <button
                key={s}
                type="button"
                data-state={s}
                className={s === state ? 'active' : undefined}
                disabled={busy}
                onClick={() => void chooseState(s)}
              >
                {text.states[s]}
              </button>
            ))}
          </div>
        </section>
        {call ? (
          <CallPanel
            call={call}
            text={text}
            busy={busy}
            onAnswer={(question, value) => void sendAnswers({ answers: [{ question, value }] })}
            onNotes={(notes) => sendAnswers({ notes })}
          />
        ) : (
          <p className="muted op-idle">{text.noCall}</p>
        )}
      </main>
    </div>
  );
}

function errorText(e: unknown): string {
  return e instanceof ApiRequestError || e instanceof Error ? e.message : String(e);
}

function CallPanel(props: {
  call: SurveyCallView;
  text: ConsoleText;
  busy: boolean;
  onAnswer(question: string, value: string | number | null): void;
  onNotes(notes: string): Promise<boolean>;
}) {
  const { call, text } = props;
  const customer = call.customer;
  return (
    <section className="op-call" aria-label={text.call} data-testid="survey-call">
      <h3>{text.call}</h3>
      <dl className="op-card">
        <dt>{text.campaign}</dt>
        <dd>{call.campaign.name}</dd>
        <dt>{text.number}</dt>
        <dd>{call.number}</dd>
        <dt>{text.customer}</dt>
        <dd data-testid="customer-name">
          {customer ? customer.name : text.unknownCustomer}
          {customer?.vip && <span className="badge">{text.vip}</span>}
        </dd>
        {customer &&
          Object.entries(customer.card).map(([field, value]) => (
            <div key={field} className="op-card-field">
              <dt>{field}</dt>
              <dd>{String(value)}</dd>
            </div>
          ))}
      </dl>
      {call.endedAt && <p className="muted">{text.ended}</p>}
      <SurveyScriptPanel key={call.callId} {...props} />
    </section>
  );
}
