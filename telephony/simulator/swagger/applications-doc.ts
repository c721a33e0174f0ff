/** `/api-docs/applications.json` and `/api-docs/asterisk.json` and `/api-docs/endpoints.json`. */
import { api, model, operation as op, pathParam, query, type ResourceDoc } from './swagger-builder.ts';

const applicationModel = model('Application', 'Details of a Stasis application', {
  name: 'string',
  channel_ids: 'List[string]',
  bridge_ids: 'List[string]',
  endpoint_ids: 'List[string]',
  device_names: 'List[string]',
  events_allowed: 'List[object]',
  events_disallowed: 'List[object]',
});

export const applicationsDoc: ResourceDoc = {
  resource: 'applications',
  description: 'Stasis application resources',
  apis: [
    api('/applications', 'Stasis applications', [
      op('GET', 'list', 'List[Application]', 'List all applications.'),
    ]),
    api('/applications/{applicationName}', 'Stasis application', [
      op(
        'GET',
        'get',
        'Application',
        'Get details of an application.',
        [pathParam('applicationName', "Application's name")],
        [[404, 'Application does not exist.']],
      ),
    ]),
  ],
  models: [applicationModel],
};

export const asteriskDoc: ResourceDoc = {
  resource: 'asterisk',
  description: 'Asterisk resources',
  apis: [
    api('/asterisk/info', 'Asterisk system information (similar to core show settings)', [
      op('GET', 'getInfo', 'AsteriskInfo', 'Gets Asterisk system information.', [
        query('only', 'Filter information returned', {
          multiple: true,
          values: ['build', 'system', 'config', 'status'],
        }),
      ]),
    ]),
    api('/asterisk/ping', 'Asterisk ping', [op('GET', 'ping', 'AsteriskPing', 'Response pong message.')]),
    api('/asterisk/variable', 'Global variables', [
      op(
        'GET',
        'getGlobalVar',
        'Variable',
        'Get the value of a global variable.',
        [query('variable', 'The variable to get', { required: true })],
        [[400, 'Missing variable parameter.']],
      ),
      op(
        'POST',
        'setGlobalVar',
        'void',
        'Set the value of a global variable.',
        [
          query('variable', 'The variable to set', { required: true }),
          query('value', 'The value to set the variable to'),
        ],
        [[400, 'Missing variable parameter.']],
      ),
    ]),
  ],
  models: [
    model('AsteriskInfo', 'Asterisk system information', {
      build: ['object', false],
      system: ['object', false],
      config: ['object', false],
      status: ['object', false],
    }),
    model('AsteriskPing', 'Asterisk ping information', {
      asterisk_id: 'string',
      ping: 'string',
      timestamp: 'string',
    }),
    model('Variable', 'The value of a channel variable', { value: 'string' }),
  ],
};

export const endpointsDoc: ResourceDoc = {
  resource: 'endpoints',
  description: 'Endpoint resources',
  apis: [
    api('/endpoints', 'Asterisk endpoints', [op('GET', 'list', 'List[Endpoint]', 'List all endpoints.')]),
  ],
  models: [
    model('Endpoint', 'An external device that may offer/accept calls to/from Asterisk.', {
      technology: 'string',
      resource: 'string',
      state: ['string', false],
      channel_ids: 'List[string]',
    }),
  ],
};
