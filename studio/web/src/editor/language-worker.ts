/**
 * The language worker: the same `LanguageService` (parse + check) the server runs, off the main
 * thread. Updates are coalesced: while one analysis runs, newer texts wait and only the newest is
 * analysed next, so a burst of keystrokes costs one analysis, not one per key.
 */
import type { Locale } from '../../../../language/diagnostic.ts';
import { format } from '../../../../language/format.ts';
import { LanguageService } from '../../../../language/services/language-service.ts';
import { buildFlowGraph } from '../graph/flow-graph.ts';
import { askTargets } from '../simulator/ask-targets.ts';
import type { FromWorker, ToWorker, WorkerRequests } from './worker-protocol.ts';

const service = new LanguageService();
let locale: Locale = 'en';
const texts = new Map<string, string>();
const dirty = new Set<string>();
let scheduled = false;
// A message to ourselves runs after the messages already queued (newer keystrokes) without the
// clamping and delay of setTimeout on a busy machine.
const wake = new MessageChannel();
wake.port1.onmessage = () => analyseDirty();

const post = (message: FromWorker) => self.postMessage(message);

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'configure':
      service.setWorkspace(message.workspace);
      service.setLocale(message.locale);
      locale = message.locale;
      for (const uri of texts.keys()) dirty.add(uri);
      return schedule();
    case 'update':
      // Requests re-send the text they are about; the same text at the same version is no news.
      if (texts.get(message.uri) === message.text && service.version(message.uri) === message.version) return;
      service.update(message.uri, message.version, message.text);
      texts.set(message.uri, message.text);
      dirty.add(message.uri);
      return schedule();
    case 'close':
      service.close(message.uri);
      texts.delete(message.uri);
      dirty.delete(message.uri);
      return;
    case 'request':
      try {
        post({ type: 'response', id: message.id, result: answer(message.method, message.args as never) });
      } catch (error) {
        post({
          type: 'response',
          id: message.id,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      return;
  }
};

/** A task after the queued messages: a burst of keystrokes is read before analysing once. */
function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  wake.port2.postMessage(null);
}

/**
 * Diagnostics first (they are what the user waits for), the graph in a task of its own: by then a
 * newer keystroke may have arrived, and the graph of text already replaced is not worth building.
 */
function analyseDirty(): void {
  scheduled = false;
  for (const uri of dirty) {
    const started = performance.now();
    const diagnostics = service.diagnostics(uri);
    const version = service.version(uri);
    if (version === null) continue;
    post({ type: 'analysis', uri, version, diagnostics, elapsedMs: performance.now() - started });
    graphsDue.add(uri);
  }
  dirty.clear();
  graphWake.port2.postMessage(null);
}

const graphsDue = new Set<string>();
const graphWake = new MessageChannel();
graphWake.port1.onmessage = () => {
  for (const uri of graphsDue) {
    if (dirty.has(uri)) continue; // newer text is queued: its analysis brings the graph
    const parsed = service.parsed(uri);
    const version = service.version(uri);
    if (!parsed || version === null) continue;
    const diagnostics = service.diagnostics(uri);
    const graph = buildFlowGraph(parsed.document, diagnostics);
    post({ type: 'graph', uri, version, graph, asks: askTargets(parsed.document) });
  }
  graphsDue.clear();
};

function answer<M extends keyof WorkerRequests>(method: M, args: WorkerRequests[M]['args']): unknown {
  const { uri } = args;
  const offset = 'offset' in args ? args.offset : 0;
  switch (method) {
    case 'complete':
      return service.complete(uri, offset);
    case 'hover':
      return service.hover(uri, offset);
    case 'definition':
      return service.definition(uri, offset);
    case 'references':
      return service.references(uri, offset);
    case 'symbols':
      return service.documentSymbols(uri);
    case 'format':
      return format(texts.get(uri) ?? '', { locale });
    default:
      throw new Error(`unknown request ${String(method)}`);
  }
}
