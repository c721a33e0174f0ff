/**
 * The signed-in studio: header, the flow list, and the selected flow's workspace (editor, graph,
 * simulator, versions, tests). The selected flow is in the URL hash (`#/flows/<name>`) so a reload
 * or a shared link opens it again. The tenant's workspace (queues, prompts, data sources…) is
 * handed to the language worker, so completion and checks know them.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Workspace } from '../../../../language/workspace.ts';
import { api, tenantPath } from '../api/api-client.ts';
import { LiveSocket, type LiveState } from '../api/live-socket.ts';
import type { FlowSummary, WorkspaceResponse } from '../api/types.ts';
import { callflowLanguage } from '../editor/callflow-language.ts';
import { FlowList, newFlowSource } from '../flows/flow-list.tsx';
import { FlowWorkspace } from '../flows/flow-workspace.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from './session.tsx';
import { StudioHeader } from './studio-header.tsx';

function flowFromHash(): string | null {
  const match = /^#\/flows\/(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

export function Studio() {
  const session = useSession();
  const { locale, t } = useI18n();
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const [selected, setSelected] = useState<string | null>(flowFromHash);
  const [live, setLive] = useState<LiveSocket | null>(null);
  const [liveState, setLiveState] = useState<LiveState>('connecting');
  const [error, setError] = useState<string | null>(null);

  const reloadFlows = useCallback(async () => {
    try {
      const result = await api<{ flows: FlowSummary[] }>(tenantPath(session.tenant, 'flows'));
      setFlows(result.flows);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [session.tenant]);

  useEffect(() => {
    setFlows(null);
    setWorkspace(null);
    void reloadFlows();
    api<WorkspaceResponse>(tenantPath(session.tenant, 'workspace')).then(
      (w) => setWorkspace(w.effective),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
    const socket = new LiveSocket(session.tenant);
    const off = socket.onState(setLiveState);
    const offDeploy = socket.onMessage((m) => {
      if (m.kind === 'deploy') void reloadFlows();
    });
    setLive(socket);
    return () => {
      off();
      offDeploy();
      socket.close();
    };
  }, [session.tenant, reloadFlows]);

  useEffect(() => {
    if (workspace) callflowLanguage().client.configure(workspace, locale);
  }, [workspace, locale]);

  useEffect(() => {
    const onHash = () => setSelected(flowFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const select = (name: string) => {
    location.hash = `#/flows/${encodeURIComponent(name)}`;
  };

  const create = async (name: string) => {
    try {
      await api(tenantPath(session.tenant, 'flows', name, 'draft'), {
        method: 'PUT',
        body: { source: newFlowSource(name) },
      });
      await reloadFlows();
      select(name);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="studio">
      <StudioHeader live={liveState} />
      {error && (
        <div className="banner error" role="alert">
          {t.requestFailed}: {error}
          <button type="button" className="link" onClick={() => setError(null)}>
            ×
          </button>
        </div>
      )}
      <div className="studio-body">
        <FlowList
          flows={flows}
          selected={selected}
          canCreate={session.can.edit}
          onSelect={select}
          onCreate={(name) => void create(name)}
        />
        {selected && workspace && live ? (
          <FlowWorkspace
            key={`${session.tenant}/${selected}`}
            tenant={session.tenant}
            flow={selected}
            live={live}
            summary={flows?.find((f) => f.name === selected) ?? null}
            onChanged={() => void reloadFlows()}
          />
        ) : (
          <main className="empty-workspace muted">{selected ? t.loading : t.flows}</main>
        )}
      </div>
    </div>
  );
}
