/**
 * How a load bench runs as a process: `main`, then `cleanup` on every exit path. A signal stops
 * the child and the fake (exit 130); `lastResort` runs on 'exit' in case something skipped the async
 * cleanup, so no child process or temp folder is ever left behind.
 */
export function runBench(options: { name: string; child: string; main: () => Promise<void>; cleanup: () => Promise<void>; lastResort: () => void }): void {
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n${signal}: stopping the ${options.child} and the fake`);
      void options.cleanup().finally(() => process.exit(130));
    });
  }
  process.on('exit', options.lastResort);
  options
    .main()
    .catch((error: unknown) => {
      console.error(`${options.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    })
    .finally(() => void options.cleanup().then(() => process.exit()));
}
