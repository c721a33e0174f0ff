/**
 * The main thread's side of the language worker: keeps the worker's copy of each document current,
 * forwards editor requests and hands analyses (diagnostics + graph) to whoever listens. Nothing here
 * knows Monaco; `callflow-language.ts` wires it to the editor.
 */
import type { Locale } from '../../../../language/diagnostic.ts';
import type { Workspace } from '../../../../language/workspace.ts';
import type {
  AnalysisMessage,
  FromWorker,
  GraphMessage,
  RequestMethod,
  ToWorker,
  WorkerRequests,
} from './worker-protocol.ts';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class LanguageClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(analysis: AnalysisMessage | GraphMessage) => void>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
  }

  configure(workspace: Workspace, locale: Locale): void {
    this.send({ type: 'configure', workspace, locale });
  }

  update(uri: string, version: number, text: string): void {
    this.send({ type: 'update', uri, version, text });
  }

  close(uri: string): void {
    this.send({ type: 'close', uri });
  }

  request<M extends RequestMethod>(
    method: M,
    args: WorkerRequests[M]['args'],
  ): Promise<WorkerRequests[M]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.send({ type: 'request', id, method, args } as ToWorker);
    });
  }

  /** Diagnostics (`analysis`) and, right after, the graph (`graph`) of a document version. */
  onAnalysis(listener: (message: AnalysisMessage | GraphMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('language worker stopped'));
    this.pending.clear();
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    if (message.type === 'analysis' || message.type === 'graph') {
      for (const listener of this.listeners) listener(message);
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if ('error' in message) waiting.reject(new Error(message.error));
    else waiting.resolve(message.result);
  }
}
