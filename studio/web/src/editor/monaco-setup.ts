/**
 * Monaco with the editor features the studio uses and nothing else (no built-in languages: the
 * full `editor.main` would add TypeScript, CSS, HTML and JSON services and several MB). Shared by
 * the studio and the benchmark's baseline page, so the baseline differs only by the callflow
 * language. monaco 0.57's exports map accepts `monaco-editor/<path under esm/vs>` (TECH-NOTES).
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/documentSymbols/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/gotoLine/register';
import 'monaco-editor/features/gotoSymbol/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/quickCommand/register';
import 'monaco-editor/features/quickOutline/register';
import 'monaco-editor/features/referenceSearch/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';

// Monaco's own worker (diff computation, word-based services). The callflow worker is separate.
self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export { monaco };

// Browser tests and the benchmark read markers and models through the same public API.
(globalThis as { callflowMonaco?: typeof monaco }).callflowMonaco = monaco;
