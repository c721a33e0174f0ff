/**
 * The live-events WebSocket of one tenant (`/api/ws?tenant=…`, session cookie): messages fan out
 * to listeners; a dropped socket reconnects with a growing delay (1 s doubling to 15 s).
 */
import type { LiveMessage } from './types.ts';

export type LiveState = 'connecting' | 'open' | 'closed';

export class LiveSocket {
  private socket: WebSocket | null = null;
  private readonly listeners = new Set<(message: LiveMessage) => void>();
  private readonly stateListeners = new Set<(state: LiveState) => void>();
  private retryMs = 1000;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  state: LiveState = 'connecting';

  constructor(private readonly tenant: string) {
    this.connect();
  }

  onMessage(listener: (message: LiveMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: (state: LiveState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close();
  }

  private connect(): void {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(
      `${scheme}://${location.host}/api/ws?tenant=${encodeURIComponent(this.tenant)}`,
    );
    this.socket = socket;
    this.setState('connecting');
    socket.onopen = () => {
      this.retryMs = 1000;
      this.setState('open');
    };
    socket.onmessage = (event) => {
      let message: LiveMessage;
      try {
        message = JSON.parse(String(event.data)) as LiveMessage;
      } catch {
        return;
      }
      for (const listener of this.listeners) listener(message);
    };
    socket.onclose = () => {
      this.setState('closed');
      if (this.stopped) return;
      this.timer = setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 15_000);
    };
  }

  private setState(state: LiveState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}
