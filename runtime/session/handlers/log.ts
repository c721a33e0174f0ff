/** `log field = value`: a custom field on the call's record (secret references masked). */

import type { Handler } from '../handler-context.ts';
import { maskSecrets } from '../secret-vault.ts';

export const log: Handler<'log'> = async (command, ctx) => {
  const fields = maskSecrets(command.fields) as Record<
    string,
    import('../../../language/compiled-format.ts').Json
  >;
  ctx.cdr.custom(fields);
  return { type: 'ok' };
};
