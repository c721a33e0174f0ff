/**
 * Flow tests (the `.flowtest` language of runtime/flow-tests) run on the server against the text in
 * the editor: each case is a real call on virtual time. The test text is kept per flow in this
 * browser; a new flow starts from a small template.
 */
import { useState } from 'react';
import { api, tenantPath } from '../api/api-client.ts';
import type { FlowTestsResponse } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';

export interface FlowTestsPanelProps {
  tenant: string;
  flow: string;
  numbers: string[];
  source(): string;
  onFlowLine(line: number): void;
}

const storageKey = (tenant: string, flow: string) => `callflow.tests.${tenant}.${flow}`;

export function testTemplate(number: string): string {
  return `case "Greeting"\n  caller "0501234567" calls "${number}"\n  expect outcome completed\n`;
}

export function FlowTestsPanel({ tenant, flow, numbers, source, onFlowLine }: FlowTestsPanelProps) {
  const { t } = useI18n();
  const [tests, setTests] = useState(
    () => localStorage.getItem(storageKey(tenant, flow)) ?? testTemplate(numbers[0] ?? '0800000000'),
  );
  const [result, setResult] = useState<FlowTestsResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    localStorage.setItem(storageKey(tenant, flow), tests);
    try {
      setResult(
        await api<FlowTestsResponse>(tenantPath(tenant, 'flows', flow, 'tests'), {
          body: { source: source(), tests },
        }),
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="flow-tests" aria-label={t.tests}>
      <label>
        {t.testsText}
        <textarea
          name="tests"
          rows={10}
          value={tests}
          onChange={(e) => setTests(e.target.value)}
          spellCheck={false}
        />
      </label>
      <button
        type="button"
        className="primary"
        disabled={busy || tests.trim() === ''}
        onClick={() => void run()}
      >
        {busy ? t.running : t.runTests}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div data-testid="test-results">
          <p>
            <strong>
              {result.passed} {t.passed}, {result.failed} {t.failed}
            </strong>
          </p>
          {result.problems.map((p) => (
            <p key={p} className="form-error">
              {p}
            </p>
          ))}
          {result.cases.length === 0 && <p className="muted">{t.noTests}</p>}
          <ul className="test-cases">
            {result.cases.map((c) => (
              <li key={`${c.line}:${c.name}`} className={c.passed ? 'pass' : 'fail'}>
                {c.passed ? '✓' : '✗'} {c.name}{' '}
                <span className="muted small">({(c.realMs / 1000).toFixed(1)} s)</span>
                {c.failure && (
                  <div className="small">
                    {t.line} {c.failure.line}: {c.failure.message}
                    {c.failure.flowLine !== null && (
                      <>
                        {' · '}
                        <button
                          type="button"
                          className="link"
                          onClick={() => onFlowLine(c.failure!.flowLine!)}
                        >
                          {t.flowLine} {c.failure.flowLine}
                        </button>
                      </>
                    )}
                    {c.failure.heard.length > 0 && (
                      <div className="muted">
                        {t.heard}: {c.failure.heard.map((h) => `«${h}»`).join(' ')}
                      </div>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
