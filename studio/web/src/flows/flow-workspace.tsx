/**
 * One flow open in the studio: the editor with its problems, the graph beside it, and a side panel
 * with the call simulator, versions and flow tests. The simulated call's current line is drawn in
 * the editor and its path in the graph.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Diagnostic } from '../../../../language/diagnostic.ts';
import { ApiRequestError, api, tenantPath } from '../api/api-client.ts';
import type { LiveSocket } from '../api/live-socket.ts';
import type { DeployResult, FlowSummary } from '../api/types.ts';
import { useSession } from '../app/session.tsx';
import { callflowLanguage } from '../editor/callflow-language.ts';
import { FlowEditor } from '../editor/flow-editor.tsx';
import { monaco } from '../editor/monaco-setup.ts';
import { FlowGraphView } from '../graph/flow-graph-view.tsx';
import { tracePath } from '../graph/flow-path.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { SimulatorPanel } from '../simulator/simulator-panel.tsx';
import { useSimulatedCall } from '../simulator/use-simulated-call.ts';
import { FlowTestsPanel } from '../tests/flow-tests-panel.tsx';
import { DiffView } from '../versions/diff-view.tsx';
import { VersionsPanel } from '../versions/versions-panel.tsx';
import { FlowToolbar } from './flow-toolbar.tsx';
import { ProblemsList } from './problems-list.tsx';
import { useFlowDocument } from './use-flow-document.ts';

type SideTab = 'simulator' | 'versions' | 'tests';

type Notice = { kind: 'ok'; text: string } | { kind: 'error'; text: string; diagnostics: Diagnostic[] };

export interface FlowWorkspaceProps {
  tenant: string;
  flow: string;
  live: LiveSocket;
  summary: FlowSummary | null;
  onChanged(): void;
}

export function FlowWorkspace({ tenant, flow, live, summary, onChanged }: FlowWorkspaceProps) {
  const { t } = useI18n();
  const session = useSession();
  const doc = useFlowDocument(tenant, flow);
  const simulated = useSimulatedCall(tenant, live);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const [tab, setTab] = useState<SideTab>('simulator');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [deploying, setDeploying] = useState(false);
  const [versionsKey, setVersionsKey] = useState(0);
  const [diff, setDiff] = useState<{ version: number; source: string } | null>(null);

  const graph = doc.structure?.graph ?? null;
  const path = useMemo(
    () => (graph && simulated.call.steps.length > 0 ? tracePath(graph, simulated.call.steps) : null),
    [graph, simulated.call.steps],
  );

  const goTo = useCallback((line: number, column = 1) => {
    const e = editor.current;
    if (!e) return;
    e.setPosition({ lineNumber: line, column });
    e.revealLineInCenter(line);
    e.focus();
  }, []);

  const format = async () => {
    const e = editor.current;
    const model = doc.model;
    if (!e || !model) return;
    const { client } = callflowLanguage();
    const uri = model.uri.toString();
    client.update(uri, model.getVersionId(), model.getValue());
    const result = await client.request('format', { uri });
    if (result.text === null) {
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      setNotice({ kind: 'error', text: t.formatRefused, diagnostics: errors });
      return;
    }
    if (result.text === model.getValue()) return;
    e.pushUndoStop();
    e.executeEdits('format', [{ range: model.getFullModelRange(), text: result.text }]);
    e.pushUndoStop();
  };

  const deploy = async () => {
    if (!doc.model) return;
    setDeploying(true);
    setNotice(null);
    try {
      const source = doc.model.getValue();
      const result = await api<DeployResult>(tenantPath(tenant, 'flows', flow, 'deploy'), {
        body: { source },
      });
      doc.markSaved(source);
      setNotice({ kind: 'ok', text: result.unchanged ? t.unchanged : `${t.deployed} ${result.version}` });
      afterVersionChange();
    } catch (e) {
      const diagnostics =
        e instanceof ApiRequestError ? e.diagnostics.filter((d) => d.severity === 'error') : [];
      setNotice({
        kind: 'error',
        text: `${t.deployRefused}: ${e instanceof Error ? e.message : String(e)}`,
        diagnostics,
      });
    } finally {
      setDeploying(false);
    }
  };

  const afterVersionChange = () => {
    setVersionsKey((k) => k + 1);
    void doc.reload();
    onChanged();
  };

  const numbers = summary?.numbers.length ? summary.numbers : [];
  const activeVersion = summary?.activeVersion ?? doc.detail?.active?.version ?? null;

  return (
    <main className="flow-workspace">
      <FlowToolbar
        flow={flow}
        activeVersion={activeVersion}
        dirty={doc.dirty}
        savedAt={doc.savedAt}
        canEdit={session.can.edit}
        canDeploy={session.can.deploy}
        deploying={deploying}
        onSave={() => void doc.save()}
        onFormat={() => void format()}
        onDeploy={() => void deploy()}
      />
      {(notice || doc.error) && (
        <div
          className={`banner ${notice?.kind === 'ok' ? 'ok' : 'error'}`}
          role="status"
          data-testid="notice"
        >
          {notice?.text ?? doc.error}
          {notice?.kind === 'error' && notice.diagnostics.length > 0 && (
            <ul>
              {notice.diagnostics.map((d) => (
                <li key={`${d.code}@${d.range.start.offset}`}>
                  <button
                    type="button"
                    className="link"
                    onClick={() => goTo(d.range.start.line, d.range.start.column)}
                  >
                    {d.range.start.line}:{d.range.start.column} {d.code} {d.message}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="link close" onClick={() => setNotice(null)} aria-label="close">
            ×
          </button>
        </div>
      )}
      <div className="panes">
        <section className="editor-pane">
          {doc.model ? (
            <FlowEditor
              model={doc.model}
              readOnly={!session.can.edit}
              activeLine={simulated.call.status === 'idle' ? null : simulated.call.currentLine}
              onReady={(e) => {
                editor.current = e;
                e.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void doc.save());
              }}
            />
          ) : (
            <p className="muted pad">{t.loading}</p>
          )}
          <ProblemsList diagnostics={doc.analysis?.diagnostics ?? []} onPick={goTo} />
        </section>
        <section className="graph-pane" aria-label={t.graph}>
          <FlowGraphView graph={graph} path={path} onNodeClick={(line) => goTo(line)} />
        </section>
        <aside className="side-pane">
          <div className="tabs" role="tablist">
            {(['simulator', 'versions', 'tests'] as const).map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={tab === name}
                className={tab === name ? 'selected' : ''}
                onClick={() => setTab(name)}
              >
                {t[name]}
              </button>
            ))}
          </div>
          <div className="tab-body">
            {tab === 'simulator' && (
              <SimulatorPanel
                controls={simulated}
                asks={doc.structure?.asks ?? []}
                numbers={numbers}
                activeVersion={activeVersion}
                canSimulate={session.can.simulate}
                source={() => doc.model?.getValue() || undefined}
              />
            )}
            {tab === 'versions' && (
              <VersionsPanel
                tenant={tenant}
                flow={flow}
                canRollback={session.can.deploy}
                refreshKey={versionsKey}
                onCompare={(version, source) => setDiff({ version, source })}
                onRolledBack={(result) => {
                  setNotice({ kind: 'ok', text: `${t.rolledBack} ${result.version}` });
                  afterVersionChange();
                }}
                onError={(text) => setNotice({ kind: 'error', text, diagnostics: [] })}
              />
            )}
            {tab === 'tests' && (
              <FlowTestsPanel
                tenant={tenant}
                flow={flow}
                numbers={numbers}
                source={() => doc.model?.getValue() ?? ''}
                onFlowLine={(line) => goTo(line)}
              />
            )}
          </div>
        </aside>
      </div>
      {diff && doc.model && (
        <DiffView
          version={diff.version}
          source={diff.source}
          modified={doc.model}
          onClose={() => setDiff(null)}
        />
      )}
    </main>
  );
}
