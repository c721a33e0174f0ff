/**
 * One flow in the editor: its server record, a Monaco model holding the text being edited (the
 * draft when there is one, else the active version), the latest analysis from the language worker
 * and whether the text differs from what was last saved.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, tenantPath } from '../api/api-client.ts';
import type { FlowDetail, SaveDraftResponse } from '../api/types.ts';
import { callflowLanguage } from '../editor/callflow-language.ts';
import { CALLFLOW_LANGUAGE_ID } from '../editor/callflow-monarch.ts';
import { monaco } from '../editor/monaco-setup.ts';
import type { AnalysisMessage, GraphMessage } from '../editor/worker-protocol.ts';

export interface FlowDocument {
  detail: FlowDetail | null;
  model: monaco.editor.ITextModel | null;
  analysis: AnalysisMessage | null;
  /** The graph and asks of the text (a moment after its diagnostics). */
  structure: GraphMessage | null;
  dirty: boolean;
  savedAt: string | null;
  error: string | null;
  reload(): Promise<void>;
  save(): Promise<void>;
  markSaved(source: string): void;
}

export function useFlowDocument(tenant: string, flow: string): FlowDocument {
  const [detail, setDetail] = useState<FlowDetail | null>(null);
  const [model, setModel] = useState<monaco.editor.ITextModel | null>(null);
  const [analysis, setAnalysis] = useState<AnalysisMessage | null>(null);
  const [structure, setStructure] = useState<GraphMessage | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setDetail(await api<FlowDetail>(tenantPath(tenant, 'flows', flow)));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [tenant, flow]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // The model is made once per flow, from the first answer; later reloads (after a deploy) keep
  // the text being edited.
  const initialSource = detail ? (detail.draft?.source ?? detail.active?.source ?? '') : null;
  const hasDetail = detail !== null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first source only; reloads keep the edited text
  useEffect(() => {
    if (!hasDetail || initialSource === null) return;
    const uri = monaco.Uri.parse(
      `inmemory://studio/${encodeURIComponent(tenant)}/${encodeURIComponent(flow)}.flow`,
    );
    monaco.editor.getModel(uri)?.dispose();
    const created = monaco.editor.createModel(initialSource, CALLFLOW_LANGUAGE_ID, uri);
    const language = callflowLanguage();
    const uriText = uri.toString();
    const offApplied = language.onApplied((a) => {
      if (a.uri === uriText) setAnalysis(a);
    });
    const offGraph = language.onGraph((g) => {
      if (g.uri === uriText) setStructure(g);
    });
    const tracking = language.track(created);
    setSaved(initialSource);
    setModel(created);
    return () => {
      offApplied();
      offGraph();
      tracking.dispose();
      created.dispose();
    };
  }, [hasDetail, tenant, flow]);

  useEffect(() => {
    if (!model) return;
    const update = () => setDirty(model.getValue() !== saved);
    update();
    const sub = model.onDidChangeContent(update);
    return () => sub.dispose();
  }, [model, saved]);

  const save = useCallback(async () => {
    if (!model) return;
    const source = model.getValue();
    try {
      const result = await api<SaveDraftResponse>(tenantPath(tenant, 'flows', flow, 'draft'), {
        method: 'PUT',
        body: { source },
      });
      setSaved(source);
      setSavedAt(result.savedAt);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [model, tenant, flow]);

  /** After a deploy of the editor's text: the server keeps it as the draft too. */
  const markSaved = useCallback((source: string) => setSaved(source), []);

  return { detail, model, analysis, structure, dirty, savedAt, error, reload, save, markSaved };
}
