/**
 * `callflow` command line. Each sub-command lives in `cli/commands/<name>.ts` and exports
 * `run(args: string[]): Promise<number>` (the exit code) and `summary`/`usage` strings.
 * They are imported lazily so `callflow check` does not pay for loading the database or QuickJS.
 */
export interface CliCommand {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const commands: Record<string, () => Promise<CliCommand>> = {
  check: () => import('./commands/check.ts'),
  compile: () => import('./commands/compile.ts'),
  fmt: () => import('./commands/fmt.ts'),
  simulate: () => import('./commands/simulate.ts'),
  test: () => import('./commands/test.ts'),
  'pbx-sim': () => import('./commands/pbx-sim.ts'),
  start: () => import('./commands/start.ts'),
  deploy: () => import('./commands/deploy.ts'),
  versions: () => import('./commands/versions.ts'),
  rollback: () => import('./commands/rollback.ts'),
};

async function help(): Promise<string> {
  const lines = ['Usage: callflow <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(commands)) {
    const summary = await load().then(
      (cmd) => cmd.summary,
      () => '(not available in this build)',
    );
    lines.push(`  ${name.padEnd(10)} ${summary}`);
  }
  lines.push('', 'Run `callflow <command> --help` for the options of one command.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await help());
    return 0;
  }
  const load = commands[name];
  if (!load) {
    console.error(`callflow: unknown command '${name}'\n\n${await help()}`);
    return 2;
  }
  const cmd = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(cmd.usage);
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (error) {
    console.error(`callflow ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
