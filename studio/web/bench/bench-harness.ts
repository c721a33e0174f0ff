/**
 * The in-page half of the editor benchmark (test/bench/studio.bench.ts): one Monaco editor on a
 * given text; for each real keystroke (timed from the key event's own timestamp) it records the
 * time until the edit has "settled" and the next frame begins. Settled means: the text changed
 * (baseline page, no language) or the markers of exactly that version are set (callflow page).
 */
import { monaco } from '../src/editor/monaco-setup.ts';

export interface BenchPage {
  setup(text: string, options?: unknown): Promise<void>;
  /** Milliseconds per keystroke, in order. */
  samples: number[];
  /** Monaco's version of the model when the last sample was taken. */
  settledVersion: number;
}

export interface BenchOptions {
  languageId: string;
  theme?: string;
  /** Called once per model before the editor shows it (attach a language). */
  prepare?(model: monaco.editor.ITextModel, options: unknown): Promise<void>;
  /** Calls `done` once the edit that produced `version` has settled. */
  whenSettled(model: monaco.editor.ITextModel, version: number, done: () => void): void;
}

declare global {
  var bench: BenchPage;
}

export function installBench(options: BenchOptions): void {
  let keyAt = 0;
  const page: BenchPage = {
    samples: [],
    settledVersion: 0,
    async setup(text, extra) {
      const model = monaco.editor.createModel(text, options.languageId);
      await options.prepare?.(model, extra);
      const host = document.getElementById('editor')!;
      const editor = monaco.editor.create(host, {
        model,
        theme: options.theme,
        automaticLayout: true,
        minimap: { enabled: false },
        quickSuggestions: false,
      });
      editor.focus();
      // Key events carry the time they were created: input queueing counts against the editor.
      window.addEventListener('keydown', (event) => (keyAt = event.timeStamp), true);
      model.onDidChangeContent(() => {
        const start = keyAt;
        const version = model.getVersionId();
        options.whenSettled(model, version, () =>
          requestAnimationFrame(() => {
            page.samples.push(performance.now() - start);
            page.settledVersion = version;
          }),
        );
      });
    },
  };
  globalThis.bench = page;
}
