/**
 * The control API over HTTP (`/sim/...`, JSON) and a WebSocket (`/sim/events`, one transcript entry
 * per message). Error messages come in English and Russian.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { SimControl } from '../control.ts';
import { isOperatorBehaviour } from '../operators.ts';
import { VirtualClock } from '../sim-clock.ts';
import { AriError } from '../sim-error.ts';
import type { EventSockets } from './event-sockets.ts';
import { type AriRequest, created, noContent, ok, type Router } from './router.ts';

function failure(status: number, en: string, ru: string): AriError {
  return new AriError(status, en, { message: en, message_ru: ru });
}

function bodyOf(req: AriRequest): Record<string, unknown> {
  return req.body && typeof req.body === 'object' && !Array.isArray(req.body)
    ? (req.body as Record<string, unknown>)
    : {};
}

function text(req: AriRequest, name: string): string | undefined {
  const v = bodyOf(req)[name] ?? req.query.get(name) ?? undefined;
  return v === undefined || v === null ? undefined : String(v);
}

export function controlRoutes(router: Router, control: SimControl, sockets: EventSockets): void {
  const noCall = () => failure(404, 'No such call', 'Звонок не найден');
  const noOperator = () =>
    failure(404, 'No such operator leg is ringing or connected', 'Такой оператор не звонит и не на линии');
  router
    .add('GET', '/calls', () => ok(control.calls()))
    .add('POST', '/calls', (req) => {
      const from = text(req, 'from');
      const to = text(req, 'to');
      if (from === undefined || !to)
        throw failure(400, "'from' and 'to' are required", "Нужны поля 'from' и 'to'");
      const call = control.placeCall({
        from,
        to,
        callerName: text(req, 'callerName'),
        trunk: text(req, 'trunk'),
        language: text(req, 'language'),
      });
      return created({ id: call.id, channelId: call.id, from, to });
    })
    .add('GET', '/calls/{id}/transcript', (req) => ok(control.transcript(req.params.id)))
    .add('POST', '/calls/{id}/keys', (req) => {
      const digits = text(req, 'digits');
      if (!digits) throw failure(400, "'digits' is required", "Нужно поле 'digits'");
      const gap = Number(text(req, 'gapMs'));
      if (!control.pressKeys(req.params.id, digits, Number.isFinite(gap) && gap > 0 ? gap : undefined))
        throw noCall();
      return noContent();
    })
    .add('DELETE', '/calls/{id}', (req) => {
      if (!control.hangup(req.params.id)) throw noCall();
      return noContent();
    })
    .add('GET', '/operators', () => ok(control.operators()))
    .add('PUT', '/operators/{endpoint}', (req) => {
      const behaviour = bodyOf(req).behaviour ?? req.body;
      if (!isOperatorBehaviour(behaviour)) {
        throw failure(
          400,
          "behaviour must be {type:'answer-after',delayMs} | {type:'manual'|'never'|'busy'|'congestion'}",
          "behaviour: {type:'answer-after',delayMs} или {type:'manual'|'never'|'busy'|'congestion'}",
        );
      }
      try {
        control.defineOperator(req.params.endpoint, behaviour);
      } catch (error) {
        throw failure(
          400,
          (error as Error).message,
          'Оператор задаётся как PJSIP/1001 или Local/1001@operators',
        );
      }
      return noContent();
    })
    .add('DELETE', '/operators/{endpoint}', (req) => {
      control.removeOperator(req.params.endpoint);
      return noContent();
    })
    .add('POST', '/operators/{endpoint}/answer', (req) => {
      if (!control.answerOperator(req.params.endpoint)) throw noOperator();
      return noContent();
    })
    .add('POST', '/operators/{endpoint}/hangup', (req) => {
      if (!control.hangupOperator(req.params.endpoint)) throw noOperator();
      return noContent();
    })
    .add('POST', '/operators/{endpoint}/keys', (req) => {
      const digits = text(req, 'digits');
      if (!digits || !control.operatorPressKeys(req.params.endpoint, digits)) throw noOperator();
      return noContent();
    })
    .add('POST', '/clock/advance', (req) => {
      const clock = control.world.clock;
      if (!(clock instanceof VirtualClock))
        throw failure(409, 'The simulator runs on real time', 'Симулятор работает в реальном времени');
      clock.advance(Number(text(req, 'ms')) || 0);
      return ok({ now: clock.now() });
    })
    .add('GET', '/stats', () =>
      ok({
        ...control.stats(),
        eventSockets: sockets.count,
        cpu: process.cpuUsage(),
        memory: process.memoryUsage(),
      }),
    )
    .add('GET', '/play-requests', () => ok(Object.fromEntries(control.world.playRequestTimes ?? [])))
    .add('POST', '/play-requests', () => {
      control.world.playRequestTimes = new Map();
      return noContent();
    })
    .add('POST', '/event-sockets/drop', () => ok({ dropped: sockets.dropAll() }))
    .add('POST', '/event-sockets/refuse', (req) => {
      sockets.refuse(bodyOf(req).refuse !== false);
      return noContent();
    })
    .add('POST', '/events/inject', (req) => {
      const { app, event } = bodyOf(req);
      if (typeof app !== 'string' || !control.injectEvent(app, event))
        throw failure(404, 'App not connected', 'Приложение не подключено');
      return noContent();
    });
}

/** `/sim/events`: streams every transcript entry as JSON. */
export class ControlSockets {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

  constructor(private readonly control: SimControl) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const off = this.control.onTranscript((entry) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(entry));
      });
      ws.on('close', off);
    });
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }
}
