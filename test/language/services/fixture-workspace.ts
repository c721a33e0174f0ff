/** The workspace the editor-service tests run against: the reference scenario's names. */
import { type Workspace, workspaceSchema } from '../../../language/workspace.ts';

export const workspace: Workspace = workspaceSchema.parse({
  tenant: 'abc',
  language: 'ru',
  timezone: 'Europe/Kyiv',
  queues: {
    'tech-support': {
      title: 'Техподдержка',
      strategy: 'longest-idle',
      skills: ['internet'],
      announce: 'Все операторы на линии заняты.',
      maxWait: '10m',
      overflow: 'general',
    },
    general: { strategy: 'round-robin', music: 'calm' },
  },
  skills: ['internet', 'ru'],
  groups: { 'survey-team': { title: 'Опросы', queues: ['general'] } },
  prompts: {
    greeting: { text: 'Добрый день, компания «АВС Интернет».' },
    'record-warning': { file: 'prompts/record-warning.wav' },
  },
  calendars: {
    'business-hours': {
      timezone: 'Europe/Kyiv',
      weekly: { mon: ['09:00-18:00'], tue: ['09:00-18:00'] },
      holidays: ['2025-01-01'],
    },
  },
  dataSources: {
    billing: {
      kind: 'sql',
      timeout: '2s',
      operations: {
        balance: {
          params: [
            { name: 'contract', type: 'string' },
            { name: 'pin', type: 'string', secret: true },
          ],
          result: { record: { balance: 'number', currency: 'string' } },
          optional: true,
          sql: 'select 1',
          timeout: '1500ms',
        },
      },
    },
    crm: {
      kind: 'builtin',
      operations: {
        lookup: {
          params: [{ name: 'number', type: 'string' }],
          result: { record: { name: 'string', vip: 'boolean' } },
          optional: true,
          builtin: 'customers.lookup',
        },
        logContact: { params: [{ name: 'number', type: 'string' }], builtin: 'customers.log' },
      },
    },
  },
});
