/**
 * The Monaco editor for one flow model. The parent owns the model (so switching panels keeps undo
 * history) and steers the editor through `onReady`; `activeLine` draws the simulated call's current
 * step as a whole-line decoration.
 */
import { useEffect, useRef } from 'react';
import { CALLFLOW_THEME } from './callflow-theme.ts';
import { monaco } from './monaco-setup.ts';

export interface FlowEditorProps {
  model: monaco.editor.ITextModel;
  readOnly?: boolean;
  /** 1-based line of the simulated call's current step, or null. */
  activeLine?: number | null;
  onReady?: (editor: monaco.editor.IStandaloneCodeEditor) => void;
}

export function FlowEditor({ model, readOnly = false, activeLine = null, onReady }: FlowEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);

  // The editor is created once; model and options change through the effects below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: created once per mount on purpose
  useEffect(() => {
    if (!host.current) return;
    const created = monaco.editor.create(host.current, {
      model,
      theme: CALLFLOW_THEME,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      tabSize: 2,
      insertSpaces: true,
      renderWhitespace: 'none',
      scrollBeyondLastLine: false,
      glyphMargin: true,
      fixedOverflowWidgets: true,
      'semanticHighlighting.enabled': false,
    });
    editor.current = created;
    decorations.current = created.createDecorationsCollection();
    onReady?.(created);
    return () => {
      created.dispose();
      editor.current = null;
    };
  }, []);

  useEffect(() => {
    if (editor.current && editor.current.getModel() !== model) editor.current.setModel(model);
  }, [model]);

  useEffect(() => {
    editor.current?.updateOptions({ readOnly });
  }, [readOnly]);

  useEffect(() => {
    const collection = decorations.current;
    if (!collection) return;
    if (activeLine === null) {
      collection.clear();
      return;
    }
    collection.set([
      {
        range: new monaco.Range(activeLine, 1, activeLine, 1),
        options: {
          isWholeLine: true,
          className: 'cf-active-step-line',
          glyphMarginClassName: 'cf-active-step-glyph',
          stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        },
      },
    ]);
    editor.current?.revealLineInCenterIfOutsideViewport(activeLine);
  }, [activeLine]);

  return <div className="flow-editor" ref={host} data-testid="flow-editor" />;
}
