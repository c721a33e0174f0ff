/**
 * `GET /ari/events?app=..&api_key=..[&subscribeAll=true]` WebSockets (trace 10): 401 JSON without
 * valid credentials, 400 with Asterisk's HTML page without `app`, otherwise the socket registers the
 * apps. Tests can drop every socket from the server side or refuse new ones for a while.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { EventSink } from '../event-bus.ts';
import type { SimWorld } from '../world.ts';
import { type AriCredentials, authRequiredBody, isAuthorized } from './auth.ts';

const missingAppPage =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\r\n<html><head>\r\n<title>400 Bad Request</title>\r\n' +
  '</head><body>\r\n<h1>Bad Request</h1>\r\n<p>HTTP request is missing param: [app]</p>\r\n<hr />\r\n' +
  '<address>Asterisk/22.10.1</address>\r\n</body></html>\r\n';

export function rejectUpgrade(
  socket: Duplex,
  status: number,
  reason: string,
  body: string,
  type: string,
): void {
  socket.write(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
  socket.destroy();
}

export class EventSockets {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly sockets = new Set<WebSocket>();
  private refusing = false;

  constructor(
    private readonly world: SimWorld,
    private readonly creds: AriCredentials,
  ) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, query: URLSearchParams): void {
    if (this.refusing) {
      rejectUpgrade(
        socket,
        503,
        'Service Unavailable',
        JSON.stringify({ message: 'Service Unavailable' }),
        'application/json',
      );
      return;
    }
    if (!isAuthorized(req, query, this.creds)) {
      rejectUpgrade(socket, 401, 'Unauthorized', JSON.stringify(authRequiredBody), 'application/json');
      return;
    }
    const apps = (query.get('app') ?? '').split(',').filter(Boolean);
    if (apps.length === 0) {
      rejectUpgrade(socket, 400, 'Bad Request', missingAppPage, 'text/html');
      return;
    }
    const subscribeAll = query.get('subscribeAll') === 'true';
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const sink: EventSink = {
        send: (data) => {
          if (ws.readyState === WebSocket.OPEN) ws.send(data);
        },
      };
      this.sockets.add(ws);
      this.world.bus.register(apps, sink, subscribeAll);
      ws.on('close', () => {
        this.sockets.delete(ws);
        this.world.bus.unregisterSink(sink);
      });
      ws.on('error', () => ws.terminate());
    });
  }

  /** Kills every event socket from the server side (no close handshake). Returns how many. */
  dropAll(): number {
    const n = this.sockets.size;
    for (const ws of this.sockets) ws.terminate();
    return n;
  }

  /** While refusing, new event sockets get 503 (a PBX that is restarting). */
  refuse(refusing: boolean): void {
    this.refusing = refusing;
  }

  get count(): number {
    return this.sockets.size;
  }

  close(): void {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
  }
}
