/** `callflow versions <flow>`: the versions of a deployed flow, newest first, the active one marked. */
import { parseArgs } from 'node:util';
import { reportFailure, SERVER_OPTIONS, SERVER_OPTIONS_HELP, ServerClient } from '../server-client.ts';

export const summary = 'list the versions of a flow on a running server';

export const usage = `Usage: callflow versions <flow name> [options]

Lists the stored versions of a flow, newest first; * marks the active one.

Options:
${SERVER_OPTIONS_HELP}
  -h, --help        show this help`;

interface Version {
  number: number;
  createdAt: string;
  sourceHash: string;
  active: boolean;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: SERVER_OPTIONS });
  if (positionals.length !== 1) {
    console.error(usage);
    return 2;
  }
  const flow = positionals[0];
  try {
    const client = await ServerClient.connect(values);
    const ru = client.locale === 'ru';
    const { versions } = (await client.request(
      'GET',
      client.tenantPath(`/flows/${encodeURIComponent(flow)}/versions`),
    )) as { versions: Version[] };
    console.log(ru ? `  версия  создана (UTC)         исходник` : `  version created (UTC)         source`);
    for (const v of versions) {
      console.log(
        `${v.active ? '*' : ' '} ${String(v.number).padStart(6)}  ${v.createdAt.replace('T', ' ').slice(0, 19)}  ${v.sourceHash.slice(0, 12)}`,
      );
    }
    if (versions.length === 0) console.log(ru ? '  (версий нет)' : '  (no versions)');
    return 0;
  } catch (error) {
    return reportFailure('versions', error);
  }
}
