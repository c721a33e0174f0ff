/**
 * A flow's history: versions (the active one marked), deployments and rollbacks with who (by name,
 * e-mail on hover) and when,
 * a diff of any version against the editor, and — for admins — rollback.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, tenantPath } from '../api/api-client.ts';
import type { DeploymentEntry, DeployResult, VersionDetail, VersionSummary } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';

export interface VersionsPanelProps {
  tenant: string;
  flow: string;
  canRollback: boolean;
  /** Changes after a deploy or rollback elsewhere: reloads the lists. */
  refreshKey: number;
  onCompare(version: number, source: string): void;
  onRolledBack(result: DeployResult): void;
  onError(message: string): void;
}

export function VersionsPanel(props: VersionsPanelProps) {
  const { tenant, flow, canRollback, refreshKey, onCompare, onRolledBack, onError } = props;
  const { t, locale } = useI18n();
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [deployments, setDeployments] = useState<DeploymentEntry[]>([]);
  const [busy, setBusy] = useState(false);

  // Loads overlap (a deploy here, a rollback's own reload): only the newest one's answer is shown,
  // so a slower, older answer cannot put the previous active version back on the screen.
  const latest = useRef(0);
  const load = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const [v, d] = await Promise.all([
        api<{ versions: VersionSummary[] }>(tenantPath(tenant, 'flows', flow, 'versions')),
        api<{ deployments: DeploymentEntry[] }>(tenantPath(tenant, 'flows', flow, 'deployments')),
      ]);
      if (ticket !== latest.current) return;
      setVersions(v.versions);
      setDeployments(d.deployments);
    } catch {
      if (ticket !== latest.current) return;
      // A flow that was never deployed has no versions yet (404).
      setVersions([]);
      setDeployments([]);
    }
  }, [tenant, flow]);

  useEffect(() => {
    void refreshKey;
    void load();
  }, [load, refreshKey]);

  const compare = async (number: number) => {
    try {
      const version = await api<VersionDetail>(tenantPath(tenant, 'flows', flow, 'versions', number));
      onCompare(number, version.source);
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    }
  };

  const rollback = async (to?: number) => {
    setBusy(true);
    try {
      const result = await api<DeployResult>(tenantPath(tenant, 'flows', flow, 'rollback'), {
        body: to === undefined ? {} : { to },
      });
      onRolledBack(result);
      await load();
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const when = (iso: string) => new Date(iso).toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB');
  // A person by name (e-mail on hover); a user who no longer exists, by the start of the id.
  const who = (id: string | null, name: string | null, email: string | null) => (
    <span className="who" title={email ?? id ?? undefined} data-testid="who">
      {name ?? email ?? (id ? id.slice(0, 8) : '—')}
    </span>
  );
  const active = versions?.find((v) => v.active);

  return (
    <section className="versions" aria-label={t.versions}>
      <div className="versions-head">
        <span data-testid="active-version">
          {versions === null
            ? t.loading
            : active
              ? `${t.version} ${active.number} · ${t.active}`
              : t.noVersions}
        </span>
        {canRollback ? (
          <button
            type="button"
            disabled={busy || !versions || versions.length < 2}
            onClick={() => void rollback()}
            data-testid="rollback"
          >
            ↶ {t.rollback}
          </button>
        ) : (
          <span className="muted small">{t.onlyAdmins}</span>
        )}
      </div>
      <h3>{t.versions}</h3>
      <ul className="version-list">
        {versions?.map((v) => (
          <li key={v.id} className={v.active ? 'active' : ''}>
            <strong>v{v.number}</strong> {v.active && <span className="badge">{t.active}</span>}
            <span className="muted small">
              {' '}
              {when(v.createdAt)} · {who(v.authorId, v.authorName, v.authorEmail)}
            </span>
            <span className="row-actions">
              <button type="button" className="link" onClick={() => void compare(v.number)}>
                {t.compare}
              </button>
              {canRollback && !v.active && (
                <button
                  type="button"
                  className="link"
                  disabled={busy}
                  onClick={() => void rollback(v.number)}
                >
                  {t.rollbackTo}
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
      <h3>{t.deployments}</h3>
      <ul className="deployment-list">
        {deployments.map((d) => (
          <li key={d.id}>
            <span className="badge">{t.kind[d.kind] ?? d.kind}</span> v{d.versionNumber}{' '}
            <span className="muted small">
              {when(d.deployedAt)} · {t.deployedBy} {who(d.deployedBy, d.deployedByName, d.deployedByEmail)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
