/**
 * ari-client looks every WebSocket event up in the served events.json (`processMessage` in
 * lib/client.js: `_.find(eventModels, ...)` then `eventModel.properties`). A type it does not know —
 * a newer Asterisk, a module we did not expect — makes `eventModel` undefined and throws a TypeError
 * inside the `ws` 'message' handler: an uncaught exception that kills the process. The same happens
 * for a body that is not JSON. We wrap the socket's 'message' listeners so such an event is reported
 * and dropped. ari-client creates a new socket on every (re)connect and emits 'WebSocketConnected'
 * from its 'open' handler, before any message can arrive, so wrapping there covers every socket.
 */
import type { Client } from 'ari-client';

type MessageListener = (...args: unknown[]) => void;
const GUARDED = Symbol('callflow.guarded');

interface GuardableSocket {
  listeners(event: 'message'): MessageListener[];
  removeListener(event: 'message', listener: MessageListener): unknown;
  on(event: 'message', listener: MessageListener): unknown;
  [GUARDED]?: boolean;
}

export function eventTypeOf(raw: unknown): string {
  try {
    const parsed = JSON.parse(String(raw)) as { type?: unknown };
    return typeof parsed.type === 'string' ? parsed.type : '(no type)';
  } catch {
    return '(not JSON)';
  }
}

/** Wraps the current socket's message listeners; safe to call more than once per socket. */
export function guardEventSocket(client: Client, onBadEvent: (error: unknown, raw: unknown) => void): void {
  const ws = (client as unknown as { _ws?: GuardableSocket })._ws;
  if (!ws || ws[GUARDED]) return;
  ws[GUARDED] = true;
  for (const listener of ws.listeners('message')) {
    ws.removeListener('message', listener);
    ws.on('message', function guarded(this: unknown, ...args: unknown[]) {
      try {
        listener.apply(this, args);
      } catch (error) {
        onBadEvent(error, args[0]);
      }
    });
  }
}

/** Guards every socket the client will open. Call before `client.start()`. */
export function installEventGuard(client: Client, onBadEvent: (error: unknown, raw: unknown) => void): void {
  client.on('WebSocketConnected', () => guardEventSocket(client, onBadEvent));
}
