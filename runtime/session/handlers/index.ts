/** One handler per command type (jambonz-style: one verb per file). */
import type { Command } from '../../../language/compiled-format.ts';
import type { Handler } from '../handler-context.ts';
import { collect } from './collect.ts';
import { data } from './data.ts';
import { hangup } from './hangup.ts';
import { log } from './log.ts';
import { question } from './question.ts';
import { queue } from './queue.ts';
import { record } from './record.ts';
import { say } from './say.ts';
import { transfer } from './transfer.ts';

export const handlers: { [K in Command['type']]: Handler<K> } = {
  say,
  collect,
  data,
  queue,
  transfer,
  record,
  log,
  question,
  hangup,
};
