/**
 * The PBX simulator as a server: ARI (REST + `/ari/events` WebSocket) and the control API (`/sim/...`)
 * on one node:http server, so ari-client connects to it unchanged.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimControl } from './control.ts';
import { callflowDialplan, type Dialplan } from './dialplan.ts';
import { type AriCredentials, authRequiredBody, isAuthorized } from './http/auth.ts';
import { ControlSockets, controlRoutes } from './http/control-routes.ts';
import { EventSockets, rejectUpgrade } from './http/event-sockets.ts';
import { type AriRequest, type AriResponse, Router } from './http/router.ts';
import { bridgeRoutes } from './http/routes-bridges.ts';
import { channelRoutes } from './http/routes-channels.ts';
import { mediaRoutes } from './http/routes-media.ts';
import { systemRoutes } from './http/routes-system.ts';
import { RealClock, type SimClock } from './sim-clock.ts';
import { AriError } from './sim-error.ts';
import { SimWorld } from './world.ts';

export interface PbxSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  user?: string;
  password?: string;
  /** Where `sound:` media and the `callflow/<id>.json` sidecars are looked up. */
  soundsDir?: string | null;
  clock?: SimClock;
  /** Default: Callflow's dialplan (inbound `from-pstn` to Stasis(callflow), plus the trace contexts). */
  dialplan?: Dialplan;
  asteriskId?: string;
}

export interface PbxSimulator {
  readonly url: string;
  readonly ariUrl: string;
  readonly port: number;
  readonly world: SimWorld;
  readonly control: SimControl;
  readonly clock: SimClock;
  readonly credentials: AriCredentials;
  /** Terminates every ARI event WebSocket from the server side. */
  dropEventSockets(): number;
  /** While true, new ARI event WebSockets are refused (503). */
  refuseEventSockets(refuse: boolean): void;
  eventSocketCount(): number;
  /** ARI REST requests whose handler has run (a response may still wait for the channel's queue). */
  requestsHandled(): number;
  whenRequestsHandled(count: number): Promise<void>;
  close(): Promise<void>;
}

function send(res: ServerResponse, response: AriResponse): void {
  if (response.status === 204 || response.body === undefined) {
    res.writeHead(response.status, { 'Content-Length': '0' });
    res.end();
    return;
  }
  const body = JSON.stringify(response.body);
  res.writeHead(response.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function asResponse(error: unknown): AriResponse {
  if (error instanceof AriError) return { status: error.status, body: error.body };
  return { status: 500, body: { message: error instanceof Error ? error.message : String(error) } };
}

export async function startPbxSimulator(options: PbxSimulatorOptions = {}): Promise<PbxSimulator> {
  const clock = options.clock ?? new RealClock();
  const credentials = { user: options.user ?? 'asterisk', password: options.password ?? 'asterisk' };
  const world = new SimWorld({
    clock,
    soundsDir: options.soundsDir ?? null,
    asteriskId: options.asteriskId,
    dialplan: options.dialplan ?? callflowDialplan(),
  });
  const control = new SimControl(world);
  const eventSockets = new EventSockets(world, credentials);
  const controlSockets = new ControlSockets(control);
  const ari = new Router();
  channelRoutes(ari, world);
  bridgeRoutes(ari, world);
  mediaRoutes(ari, world);
  systemRoutes(ari, world);
  const sim = new Router();
  controlRoutes(sim, control, eventSockets);

  let handled = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const countHandled = () => {
    handled++;
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (handled >= waiters[i].count) waiters.splice(i, 1)[0].resolve();
    }
  };

  async function dispatch(
    router: Router,
    prefix: string,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    receivedAt: number,
  ) {
    const counted = prefix === '/ari';
    const early = (response: AriResponse) => {
      if (counted) countHandled();
      send(res, response);
    };
    const text = await readBody(req);
    let body: unknown = null;
    if (text.trim()) {
      try {
        body = JSON.parse(text);
      } catch {
        return early({ status: 400, body: { message: 'Error parsing request body' } });
      }
    }
    const match = router.match(req.method ?? 'GET', url.pathname.slice(prefix.length));
    if (match.kind === 'none') return early({ status: 404, body: { message: 'Resource not found' } });
    if (match.kind === 'wrong-method') return early({ status: 405, body: { message: 'Invalid method' } });
    const request: AriRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      params: match.params,
      query: url.searchParams,
      body,
      host: req.headers.host ?? `127.0.0.1:${port}`,
      receivedAt,
    };
    let pending: AriResponse | Promise<AriResponse>;
    try {
      pending = match.handler(request);
    } catch (error) {
      pending = asResponse(error);
    }
    if (counted) countHandled();
    send(res, pending instanceof Promise ? await pending.catch(asResponse) : pending);
  }

  const server = createServer((req, res) => {
    const receivedAt = performance.timeOrigin + performance.now();
    const url = new URL(req.url ?? '/', 'http://sim');
    if (url.pathname.startsWith('/ari/')) {
      if (!isAuthorized(req, url.searchParams, credentials)) {
        req.resume();
        countHandled();
        return send(res, { status: 401, body: authRequiredBody });
      }
      dispatch(ari, '/ari', req, res, url, receivedAt).catch((e) => send(res, asResponse(e)));
      return;
    }
    if (url.pathname.startsWith('/sim/')) {
      dispatch(sim, '/sim', req, res, url, receivedAt).catch((e) => send(res, asResponse(e)));
      return;
    }
    req.resume();
    send(res, { status: 404, body: { message: 'Resource not found' } });
  });
  server.keepAliveTimeout = 65_000;
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    if (url.pathname === '/ari/events') eventSockets.handleUpgrade(req, socket, head, url.searchParams);
    else if (url.pathname === '/sim/events') controlSockets.handleUpgrade(req, socket, head);
    else
      rejectUpgrade(
        socket,
        404,
        'Not Found',
        JSON.stringify({ message: 'Resource not found' }),
        'application/json',
      );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  return {
    url,
    ariUrl: `${url}/ari`,
    port,
    world,
    control,
    clock,
    credentials,
    dropEventSockets: () => eventSockets.dropAll(),
    refuseEventSockets: (refuse) => eventSockets.refuse(refuse),
    eventSocketCount: () => eventSockets.count,
    requestsHandled: () => handled,
    whenRequestsHandled: (count) =>
      handled >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        eventSockets.close();
        controlSockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
