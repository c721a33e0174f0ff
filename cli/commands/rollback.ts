/**
 * `callflow rollback <flow> [--to N]`: re-activates an earlier version (by default the one deployed
 * before the active one). New calls take it at once on every node; calls in progress finish on theirs.
 */
import { parseArgs } from 'node:util';
import { reportFailure, SERVER_OPTIONS, SERVER_OPTIONS_HELP, ServerClient } from '../server-client.ts';

export const summary = 'roll a flow back to an earlier version on a running server';

export const usage = `Usage: callflow rollback <flow name> [--to N] [options]

Makes an earlier version of the flow active again: version N, or the one deployed before the
active one.

Options:
  --to N            the version to re-activate
${SERVER_OPTIONS_HELP}
  -h, --help        show this help`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...SERVER_OPTIONS, to: { type: 'string' } },
  });
  const to = values.to === undefined ? undefined : Number(values.to);
  if (positionals.length !== 1 || (to !== undefined && (!Number.isInteger(to) || to < 1))) {
    console.error(usage);
    return 2;
  }
  const flow = positionals[0];
  try {
    const client = await ServerClient.connect(values);
    const ru = client.locale === 'ru';
    console.error(
      ru ? `Откат «${flow}» на ${client.server}…` : `Rolling back «${flow}» on ${client.server}…`,
    );
    const body = to === undefined ? {} : { to };
    const result = (await client.request(
      'POST',
      client.tenantPath(`/flows/${encodeURIComponent(flow)}/rollback`),
      body,
    )) as {
      version: number;
      previous: number | null;
      live: boolean;
    };
    console.log(
      ru
        ? `✓ «${flow}» v${result.version} снова активна (была v${result.previous ?? '—'})`
        : `✓ «${flow}» v${result.version} is active again (was v${result.previous ?? '—'})`,
    );
    return result.live ? 0 : 1;
  } catch (error) {
    return reportFailure('rollback', error);
  }
}
