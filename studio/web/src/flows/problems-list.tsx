/** The diagnostics of the text in the editor (from the worker), each a click away from its line. */
import type { Diagnostic } from '../../../../language/diagnostic.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function ProblemsList({
  diagnostics,
  onPick,
}: {
  diagnostics: readonly Diagnostic[];
  onPick(line: number, column: number): void;
}) {
  const { t } = useI18n();
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return (
    <section className="problems" aria-label={t.problems} data-testid="problems">
      <h3>
        {t.problems}{' '}
        <span className={errors > 0 ? 'count error' : 'count'} data-testid="error-count">
          {errors} {t.errors}
        </span>
        <span className="count warning">
          {warnings} {t.warnings}
        </span>
      </h3>
      {diagnostics.length === 0 ? (
        <p className="muted">{t.noProblems}</p>
      ) : (
        <ul>
          {diagnostics.map((d) => (
            <li
              key={`${d.code}@${d.range.start.offset}-${d.range.end.offset}:${d.message}`}
              className={`sev-${d.severity}`}
            >
              <button
                type="button"
                className="link"
                onClick={() => onPick(d.range.start.line, d.range.start.column)}
              >
                <span className="where">
                  {d.range.start.line}:{d.range.start.column}
                </span>{' '}
                <span className="code">{d.code}</span> <span className="message">{d.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
