/** A deployed version beside the text in the editor (Monaco's diff editor; the right side edits). */
import { useEffect, useRef } from 'react';
import { CALLFLOW_LANGUAGE_ID } from '../editor/callflow-monarch.ts';
import { CALLFLOW_THEME } from '../editor/callflow-theme.ts';
import { monaco } from '../editor/monaco-setup.ts';
import { useI18n } from '../i18n/i18n.tsx';

export interface DiffViewProps {
  version: number;
  source: string;
  modified: monaco.editor.ITextModel;
  onClose(): void;
}

export function DiffView({ version, source, modified, onClose }: DiffViewProps) {
  const { t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const original = monaco.editor.createModel(source, CALLFLOW_LANGUAGE_ID);
    const editor = monaco.editor.createDiffEditor(host.current, {
      theme: CALLFLOW_THEME,
      automaticLayout: true,
      renderSideBySide: true,
      originalEditable: false,
      minimap: { enabled: false },
      fontSize: 13,
    });
    editor.setModel({ original, modified });
    return () => {
      editor.dispose();
      original.dispose();
    };
  }, [source, modified]);
  return (
    <section className="diff-view" aria-label={t.compare}>
      <header>
        <strong>
          {t.version} {version}
        </strong>{' '}
        ↔ {t.theDraft}
        <button type="button" onClick={onClose} aria-label="close">
          ×
        </button>
      </header>
      <div className="diff-host" ref={host} data-testid="diff-editor" />
    </section>
  );
}
