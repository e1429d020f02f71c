import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { FakeDiscord } from '../../fakes/discord/index.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface BotProcess {
  child: ChildProcess;
  /** Everything the process wrote to stderr so far (its log). */
  log(): string;
  /** SIGTERM, then wait for the exit code (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<number | null>;
}

/** Runs an entry point (`src/main/bot.ts`, `src/main/sharded.ts`) in a child process, as `npm start` would. */
export function spawnBot(entry: string, env: NodeJS.ProcessEnv): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, entry)], {
    cwd: ROOT,
    // Only what the test gives: no developer .env values leak in (dotenv never overrides these).
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', COOLDOWN_QUESTIONS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    log: () => log,
    async stop(graceMs = 30_000) {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** `npm run start:http` (src/main/http.ts) in a child process: the fake Discord's application, a free port of 127.0.0.1, the seed articles; `env` adds or overrides. */
export function spawnHttpServer(fake: FakeDiscord, env: NodeJS.ProcessEnv = {}): BotProcess {
  return spawnBot('src/main/http.ts', {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GUILD_ID: fake.guild.id,
    DISCORD_PUBLIC_KEY: fake.publicKey,
    HOST: '127.0.0.1',
    PORT: '0',
    ARTICLES_DIR: 'seeds',
    ...env,
  });
}
