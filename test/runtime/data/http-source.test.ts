import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSource } from '../../../runtime/data/http-source.ts';

const seen: { method: string; url: string; body: string }[] = [];
let server: Server;
let baseUrl = '';

async function body(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text;
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', body: await body(request) });
    if (request.url?.includes('/customers/0000')) return void response.writeHead(404).end();
    if (request.url?.includes('/slow')) return; // never answers
    if (request.url?.includes('/broken')) return void response.writeHead(500).end('boom');
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ name: 'Иван', vip: true }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const params = (names: string[], secret: string[] = []) =>
  names.map((name) => ({ name, type: 'string' as const, secret: secret.includes(name) }));

describe('HttpSource', () => {
  it('fills the path, sends other arguments as a query (GET), and parses JSON', async () => {
    const source = new HttpSource({ baseUrl });
    const config = {
      params: params(['phone', 'lang']),
      result: 'any' as const,
      optional: true,
      http: { method: 'GET' as const, path: '/customers/{phone}' },
    };
    const value = await source.call(
      'customer',
      config,
      { phone: '+380501234567', lang: 'ru' },
      new AbortController().signal,
    );
    expect(value).toEqual({ name: 'Иван', vip: true });
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/api/customers/%2B380501234567?lang=ru' });
  });

  it('treats 404 as no result and other failures as errors', async () => {
    const source = new HttpSource({ baseUrl });
    const config = {
      params: params(['phone']),
      result: 'any' as const,
      optional: true,
      http: { method: 'GET' as const, path: '/customers/{phone}' },
    };
    expect(await source.call('c', config, { phone: '0000' }, new AbortController().signal)).toBeNull();
    const broken = { ...config, http: { method: 'GET' as const, path: '/broken' } };
    await expect(source.call('c', broken, { phone: '1' }, new AbortController().signal)).rejects.toThrow(
      'HTTP 500',
    );
  });

  it('sends secret parameters only in a POST body, never in the URL', async () => {
    const source = new HttpSource({ baseUrl });
    const post = {
      params: params(['contract', 'pin'], ['pin']),
      result: 'any' as const,
      optional: false,
      http: { method: 'POST' as const, path: '/balance' },
    };
    await source.call('balance', post, { contract: '123456', pin: '7391' }, new AbortController().signal);
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/balance',
      body: '{"contract":"123456","pin":"7391"}',
    });
    const get = { ...post, http: { method: 'GET' as const, path: '/balance' } };
    await expect(
      source.call('balance', get, { contract: '1', pin: '7391' }, new AbortController().signal),
    ).rejects.toThrow('secret parameters need POST');
  });

  it('stops waiting when aborted', async () => {
    const source = new HttpSource({ baseUrl });
    const config = {
      params: [],
      result: 'any' as const,
      optional: true,
      http: { method: 'GET' as const, path: '/slow' },
    };
    const abort = new AbortController();
    const pending = source.call('slow', config, {}, abort.signal);
    abort.abort();
    await expect(pending).rejects.toThrow();
  });
});
