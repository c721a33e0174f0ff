/**
 * `callflow deploy <file>`: sends a flow file to a running server, which checks it against the
 * tenant's workspace, refuses it with diagnostics on any error, and otherwise stores a new immutable
 * version of every flow in the file and makes it active on every runtime node.
 */
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { reportFailure, SERVER_OPTIONS, SERVER_OPTIONS_HELP, ServerClient } from '../server-client.ts';

export const summary = 'deploy a flow file to a running server (checks first, refuses on errors)';

export const usage = `Usage: callflow deploy <file.flow> [options]

Deploys every flow and survey in the file to the tenant. The server checks the file first and
refuses it, printing the diagnostics, when it has any error; nothing is deployed then.
Calls in progress finish on the version they started with; new calls take the new one.

Options:
${SERVER_OPTIONS_HELP}
  -h, --help        show this help`;

interface Deployed {
  flow: string;
  version: number;
  previous: number | null;
  unchanged: boolean;
  numbers: string[];
  live: boolean;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: SERVER_OPTIONS });
  if (positionals.length !== 1) {
    console.error(usage);
    return 2;
  }
  const path = resolve(positionals[0]);
  const file = relative(process.cwd(), path) || path;
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    console.error(`callflow deploy: ${file}: ${(error as Error).message}`);
    return 2;
  }
  try {
    const client = await ServerClient.connect(values);
    const ru = client.locale === 'ru';
    console.error(
      ru
        ? `Развёртывание ${file} на ${client.server} (клиент ${client.tenant})…`
        : `Deploying ${file} to ${client.server} (tenant ${client.tenant})…`,
    );
    const { deployed } = (await client.request('POST', client.tenantPath('/deploy'), { source, file })) as {
      deployed: Deployed[];
    };
    for (const d of deployed) console.log(line(d, ru));
    return deployed.every((d) => d.live) ? 0 : 1;
  } catch (error) {
    return reportFailure('deploy', error, file);
  }
}

function line(d: Deployed, ru: boolean): string {
  const numbers =
    d.numbers.length > 0
      ? ru
        ? `, номера ${d.numbers.join(', ')}`
        : `, answers ${d.numbers.join(', ')}`
      : '';
  if (d.unchanged)
    return ru
      ? `= «${d.flow}» v${d.version} уже активна, без изменений${numbers}`
      : `= «${d.flow}» v${d.version} is already active, unchanged${numbers}`;
  const was = d.previous === null ? '' : ru ? ` (была v${d.previous})` : ` (was v${d.previous})`;
  const live = d.live
    ? ''
    : ru
      ? ' — но сервер не смог её загрузить, см. журнал'
      : ' — but the server could not load it, see its log';
  return ru
    ? `✓ «${d.flow}» v${d.version} активна${was}${numbers}${live}`
    : `✓ «${d.flow}» v${d.version} is live${was}${numbers}${live}`;
}
