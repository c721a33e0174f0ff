/** `/ari/applications`, `/ari/asterisk`, `/ari/endpoints` and `/ari/api-docs` routes. */

import { ariTimestamp } from '../ari-format.ts';
import { badRequest, notFound } from '../sim-error.ts';
import { declarationFor, listingFor } from '../swagger/resource-docs.ts';
import type { SimWorld } from '../world.ts';
import { noContent, ok, param, type Router } from './router.ts';

function application(world: SimWorld, name: string) {
  const all = world.bus.isSubscribeAll(name);
  const channelIds = all
    ? ['__AST_CHANNEL_ALL_TOPIC']
    : [...world.channels.values()]
        .filter((c) => c.stasisApp === name || c.originatedBy === name)
        .map((c) => c.id);
  const bridgeIds = all
    ? ['__AST_BRIDGE_ALL_TOPIC']
    : [...world.bridges.values()].filter((b) => (b.subscriptions.get(name) ?? 0) > 0).map((b) => b.id);
  return {
    name,
    channel_ids: channelIds,
    bridge_ids: bridgeIds,
    endpoint_ids: all ? ['__AST_ENDPOINT_ALL_TOPIC'] : [],
    device_names: all ? ['__AST_DEVICE_STATE_ALL_TOPIC'] : [],
    events_allowed: [],
    events_disallowed: [],
  };
}

export function systemRoutes(router: Router, world: SimWorld): void {
  router
    .add('GET', '/api-docs/resources.json', (req) => ok(listingFor(req.host)))
    .add('GET', '/api-docs/{file}', (req) => {
      const doc = declarationFor(req.params.file.replace(/\.json$/, ''), req.host);
      if (!doc) throw notFound('Resource not found');
      return ok(doc);
    })
    .add('GET', '/applications', () => ok(world.bus.appNames().map((n) => application(world, n))))
    .add('GET', '/applications/{applicationName}', (req) => {
      if (!world.bus.isRegistered(req.params.applicationName)) throw notFound('Application not found');
      return ok(application(world, req.params.applicationName));
    })
    .add('GET', '/asterisk/ping', () =>
      ok({ ping: 'pong', timestamp: world.timestamp(), asterisk_id: world.bus.asteriskId }),
    )
    .add('GET', '/asterisk/info', () =>
      ok({
        build: {
          os: 'Linux',
          kernel: process.release.name,
          machine: process.arch,
          options: 'OPTIONAL_API',
          date: ariTimestamp(world.startedAt),
          user: 'callflow',
        },
        system: { version: '22.10.1-callflow-sim', entity_id: world.bus.asteriskId },
        config: {
          name: 'callflow-pbx-sim',
          default_language: 'en',
          setid: { user: 'callflow', group: 'callflow' },
        },
        status: {
          startup_time: ariTimestamp(world.startedAt),
          last_reload_time: ariTimestamp(world.startedAt),
        },
      }),
    )
    .add('GET', '/asterisk/variable', (req) => {
      const name = param(req, 'variable');
      if (!name) throw badRequest('Variable name is required');
      const value = world.globalVars.get(name);
      if (!value) throw notFound('Provided variable was not found');
      return ok({ value });
    })
    .add('POST', '/asterisk/variable', (req) => {
      const name = param(req, 'variable');
      if (!name) throw badRequest('Variable name is required');
      world.globalVars.set(name, param(req, 'value') ?? '');
      return noContent();
    })
    .add('GET', '/endpoints', () => ok([]));
}
