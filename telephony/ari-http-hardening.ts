/**
 * ari-client sends every REST call through swagger-client 2.0, which uses the `shred` HTTP library on
 * Node's global agent. Two defects there make a call's promise never settle:
 *  - Node 20's global agent gives sockets a 5 s idle timeout; shred aborts the request when it fires.
 *    ARI legitimately answers late: `POST .../variable` waits for the channel's running prompt
 *    (trace 11), `answer` waits behind queued commands.
 *  - shred reports socket errors (abort, reset, refused) as `request_error`, an event swagger-client
 *    never listens to: the request is dropped without calling back.
 * `hardenAriHttp()` patches shred once per process: requests without their own agent use a
 * keep-alive agent with no idle timeout, and `request_error` becomes an ordinary failure, so
 * ari-client rejects with `{"message":"request failed: <reason>"}`. Process-wide, like ari-client's
 * own Swagger auth; it only ever turns hangs into answers or errors.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createRequire } from 'node:module';

type Handler = (arg: unknown) => void;

interface ShredOptions {
  url?: string;
  method?: string;
  agent?: unknown;
  headers?: Record<string, string>;
  on?: Record<string, Handler>;
}

interface ShredClass {
  prototype: { request(this: unknown, options: ShredOptions): unknown };
}

let hardened = false;
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/** The `shred` that ari-client's swagger-client loads (resolved the way Node resolves it for them). */
function loadShred(): ShredClass {
  const fromHere = createRequire(import.meta.url);
  const fromAriClient = createRequire(fromHere.resolve('ari-client'));
  const fromSwagger = createRequire(fromAriClient.resolve('swagger-client'));
  return fromSwagger('shred') as ShredClass;
}

export function hardenAriHttp(): void {
  if (hardened) return;
  hardened = true;
  const proto = loadShred().prototype;
  const request = proto.request;
  proto.request = function hardenedRequest(this: unknown, options: ShredOptions) {
    const on = options.on;
    if (on && typeof on.error === 'function' && !Object.hasOwn(on, 'request_error')) {
      const fail = on.error;
      // What swagger-client's error path reads from a shred response.
      on.request_error = (error) =>
        fail({
          status: 0,
          _headers: {},
          request: { url: options.url, method: options.method },
          content: {
            data: JSON.stringify({
              message: `request failed: ${(error as Error)?.message ?? String(error)}`,
            }),
          },
        });
    }
    if (!options.agent) {
      options.agent = String(options.url).startsWith('https:') ? agents.https : agents.http;
      // shred also writes `options.agent` into User-Agent; the headers set after it win.
      options.headers = { ...options.headers, 'user-agent': 'callflow-ari' };
    }
    return request.call(this, options);
  };
}
