/**
 * The callflow language in Monaco: Monarch highlighting, a theme, and completion, hover, go to
 * definition, references, the outline and formatting answered by the language worker. `track(model)`
 * keeps the worker's copy of a model current and turns each analysis into markers — only when the
 * analysis is about the model's current version (older answers would put squiggles on moved text).
 */
import type { Diagnostic } from '../../../../language/diagnostic.ts';
import type { CompletionKind } from '../../../../language/services/completion.ts';
import type { DocumentSymbol } from '../../../../language/services/symbols.ts';
import type { SourceRange } from '../../../../language/source-range.ts';
import { CALLFLOW_LANGUAGE_ID, callflowLanguageConfiguration, callflowMonarch } from './callflow-monarch.ts';
import { defineCallflowThemes } from './callflow-theme.ts';
import { LanguageClient } from './language-client.ts';
import LanguageWorker from './language-worker.ts?worker';
import { monaco } from './monaco-setup.ts';
import type { AnalysisMessage, GraphMessage } from './worker-protocol.ts';

export const MARKER_OWNER = 'callflow';
/**
 * Texts go to the worker at once; the worker coalesces a burst itself (it analyses only the newest
 * text queued). A timer here would add its delay to every keystroke (measured: test/bench/studio).
 */
export const UPDATE_DEBOUNCE_MS = 0;

export interface CallflowLanguage {
  client: LanguageClient;
  /** Syncs a model with the worker and shows its diagnostics; dispose to stop. */
  track(model: monaco.editor.ITextModel): monaco.IDisposable;
  /** Analyses applied to a tracked model (never stale ones). */
  onApplied(listener: (analysis: AnalysisMessage) => void): () => void;
  /** Graphs of a tracked model's current text (never stale ones). */
  onGraph(listener: (graph: GraphMessage) => void): () => void;
}

let instance: CallflowLanguage | null = null;

export function callflowLanguage(): CallflowLanguage {
  instance ??= register();
  return instance;
}

function register(): CallflowLanguage {
  monaco.languages.register({ id: CALLFLOW_LANGUAGE_ID, extensions: ['.flow'], aliases: ['Callflow'] });
  monaco.languages.setMonarchTokensProvider(CALLFLOW_LANGUAGE_ID, callflowMonarch);
  monaco.languages.setLanguageConfiguration(CALLFLOW_LANGUAGE_ID, callflowLanguageConfiguration);
  defineCallflowThemes();
  const client = new LanguageClient(new LanguageWorker({ name: 'callflow-language' }));
  registerProviders(client);
  const applied = new Set<(analysis: AnalysisMessage) => void>();
  const graphs = new Set<(graph: GraphMessage) => void>();
  const models = new Map<string, monaco.editor.ITextModel>();
  client.onAnalysis((message) => {
    const model = models.get(message.uri);
    if (!model || model.isDisposed() || model.getVersionId() !== message.version) return;
    if (message.type === 'graph') {
      for (const listener of graphs) listener(message);
      return;
    }
    monaco.editor.setModelMarkers(model, MARKER_OWNER, message.diagnostics.map(toMarker));
    for (const listener of applied) listener(message);
  });
  return {
    client,
    track(model) {
      const uri = model.uri.toString();
      model.setEOL(monaco.editor.EndOfLineSequence.LF);
      models.set(uri, model);
      client.update(uri, model.getVersionId(), model.getValue());
      let timer: ReturnType<typeof setTimeout> | undefined;
      const send = () => client.update(uri, model.getVersionId(), model.getValue());
      const change = model.onDidChangeContent(() => {
        if (UPDATE_DEBOUNCE_MS <= 0) return send();
        clearTimeout(timer);
        timer = setTimeout(send, UPDATE_DEBOUNCE_MS);
      });
      return {
        dispose() {
          clearTimeout(timer);
          change.dispose();
          models.delete(uri);
          client.close(uri);
        },
      };
    },
    onApplied(listener) {
      applied.add(listener);
      return () => applied.delete(listener);
    },
    onGraph(listener) {
      graphs.add(listener);
      return () => graphs.delete(listener);
    },
  };
}

export function toRange(range: SourceRange): monaco.Range {
  return new monaco.Range(range.start.line, range.start.column, range.end.line, range.end.column);
}

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

/** Unreachable code (CF401, CF402) is also drawn faded. */
const UNNECESSARY = new Set(['CF401', 'CF402']);

export function toMarker(d: Diagnostic): monaco.editor.IMarkerData {
  return {
    severity: SEVERITY[d.severity],
    message: d.message,
    code: d.code,
    source: 'callflow',
    startLineNumber: d.range.start.line,
    startColumn: d.range.start.column,
    // A zero-width range would draw no squiggle at all.
    endLineNumber: d.range.end.line,
    endColumn:
      d.range.end.offset === d.range.start.offset && d.range.end.line === d.range.start.line
        ? d.range.end.column + 1
        : d.range.end.column,
    tags: UNNECESSARY.has(d.code) ? [monaco.MarkerTag.Unnecessary] : [],
  };
}

const K = monaco.languages.CompletionItemKind;
const COMPLETION_KINDS: Record<CompletionKind, monaco.languages.CompletionItemKind> = {
  keyword: K.Keyword,
  step: K.Reference,
  queue: K.Enum,
  prompt: K.File,
  dataSource: K.Module,
  operation: K.Method,
  variable: K.Variable,
  function: K.Function,
  calendar: K.Event,
  skill: K.EnumMember,
  group: K.Folder,
  snippet: K.Snippet,
};

const S = monaco.languages.SymbolKind;
const SYMBOL_KINDS: Record<DocumentSymbol['kind'], monaco.languages.SymbolKind> = {
  flow: S.Module,
  survey: S.Module,
  subflow: S.Function,
  step: S.Class,
  menu: S.Enum,
  choice: S.EnumMember,
  question: S.Field,
};

function registerProviders(client: LanguageClient): void {
  const id = CALLFLOW_LANGUAGE_ID;
  const at = (model: monaco.editor.ITextModel, position: monaco.Position) => ({
    uri: model.uri.toString(),
    offset: model.getOffsetAt(position),
  });
  // Requests must see the text the user sees: flush a pending debounced update first.
  const fresh = (model: monaco.editor.ITextModel) =>
    client.update(model.uri.toString(), model.getVersionId(), model.getValue());

  monaco.languages.registerCompletionItemProvider(id, {
    triggerCharacters: ['.', '"', ' ', '{', '('],
    async provideCompletionItems(model, position) {
      fresh(model);
      const items = await client.request('complete', at(model, position));
      return {
        suggestions: items.map((item) => ({
          label: item.label,
          kind: COMPLETION_KINDS[item.kind],
          detail: item.detail,
          documentation: item.documentation ? { value: item.documentation } : undefined,
          insertText: item.insertText,
          insertTextRules: item.isSnippet
            ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet
            : undefined,
          range: toRange(item.replaceRange),
          sortText: item.sortText,
        })),
      };
    },
  });

  monaco.languages.registerHoverProvider(id, {
    async provideHover(model, position) {
      fresh(model);
      const hover = await client.request('hover', at(model, position));
      return hover ? { contents: [{ value: hover.contents }], range: toRange(hover.range) } : null;
    },
  });

  monaco.languages.registerDefinitionProvider(id, {
    async provideDefinition(model, position) {
      fresh(model);
      const range = await client.request('definition', at(model, position));
      return range ? { uri: model.uri, range: toRange(range) } : null;
    },
  });

  monaco.languages.registerReferenceProvider(id, {
    async provideReferences(model, position) {
      fresh(model);
      const ranges = await client.request('references', at(model, position));
      return ranges.map((range) => ({ uri: model.uri, range: toRange(range) }));
    },
  });

  monaco.languages.registerDocumentSymbolProvider(id, {
    displayName: 'Callflow',
    async provideDocumentSymbols(model) {
      fresh(model);
      const symbols = await client.request('symbols', { uri: model.uri.toString() });
      return symbols.map(toSymbol);
    },
  });

  monaco.languages.registerDocumentFormattingEditProvider(id, {
    displayName: 'Callflow',
    async provideDocumentFormattingEdits(model) {
      fresh(model);
      const result = await client.request('format', { uri: model.uri.toString() });
      if (result.text === null || result.text === model.getValue()) return [];
      return [{ range: model.getFullModelRange(), text: result.text }];
    },
  });
}

function toSymbol(symbol: DocumentSymbol): monaco.languages.DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: SYMBOL_KINDS[symbol.kind],
    tags: [],
    range: toRange(symbol.range),
    selectionRange: toRange(symbol.selectionRange),
    children: symbol.children.map(toSymbol),
  };
}
