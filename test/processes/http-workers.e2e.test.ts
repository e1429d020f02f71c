import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../../fakes/discord/index.ts';
import { spawnHttpServer, type BotProcess } from '../helpers/spawn-bot.ts';

/** `npm run start:http` with HTTP_WORKERS=2: a supervising process and two workers sharing the port. */

let fake: FakeDiscord;
let server: BotProcess;

const SERVING = /INFO worker (\d+) serving/g;
const servingWorkers = (): number[] => [...server.log().matchAll(SERVING)].map((m) => Number(m[1]));

async function askMany(n: number): Promise<number[]> {
  const asked = await Promise.all(Array.from({ length: n }, (_, i) => fake.sendCommand({ name: 'ask', options: { question: `Who condemned the attack? (${i})` } })));
  return Promise.all(asked.map(async (i) => (i.delivery?.status === 200 ? (await i.response()).type : (i.delivery?.status ?? 0))));
}

beforeAll(async () => {
  fake = await FakeDiscord.start({ signingKey: generateKeyPairSync('ed25519').privateKey });
  server = spawnHttpServer(fake, { HTTP_WORKERS: '2' });
  const port = await fake.waitFor(() => /serving interactions at http:\/\/127\.0\.0\.1:(\d+)\/interactions/.exec(server.log())?.[1], 30_000, 'a worker serving');
  await fake.waitFor(() => servingWorkers().length === 2 || undefined, 30_000, 'both workers serving');
  fake.setInteractionsEndpoint(`http://127.0.0.1:${port}/interactions`);
});

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

describe('npm run start:http with HTTP_WORKERS=2', () => {
  it('starts two workers, each loading the library, on one port', () => {
    expect(server.log()).toMatch(/INFO starting 2 worker processes \(HTTP_WORKERS\), sharing 127\.0\.0\.1:0/);
    expect(server.log().match(/INFO 1 article \(\d+ paragraphs\) loaded from .*seeds; commands registered to guild \d+( \(unchanged\))?; serving interactions at /g)).toHaveLength(
      2,
    );
    // Only the first worker listens while it loads (PINGs during start-up); the second once it serves.
    expect(server.log().match(/listening on http:\/\/127\.0\.0\.1:\d+\/interactions/g)).toHaveLength(1);
    expect(new Set(servingWorkers()).size).toBe(2);
  });

  it('answers interactions on any number of connections', async () => {
    expect(await askMany(12)).toEqual(Array(12).fill(4));
  });

  it('replaces a worker that dies, and goes on answering', async () => {
    const [first] = servingWorkers();
    process.kill(first, 'SIGKILL');
    await fake.waitFor(() => new RegExp(`WARN worker ${first} exited \\(SIGKILL\\); starting another`).test(server.log()) || undefined, 10_000, 'the replacement');
    await fake.waitFor(() => servingWorkers().length === 3 || undefined, 30_000, 'the new worker serving');
    expect(await askMany(12)).toEqual(Array(12).fill(4));
  });

  it('exits 1 when a worker cannot start (here: no articles folder), stopping the others', async () => {
    const broken = spawnHttpServer(fake, { ARTICLES_DIR: 'no-such-folder', HTTP_WORKERS: '2' });
    const code = await new Promise<number | null>((resolve) => broken.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(broken.log()).toMatch(/Cannot start the HTTP interactions server: /);
    expect(broken.log()).toMatch(/ERROR worker \d+ exited while starting \(code 1\); stopping/);
  });

  it('exits 0 on SIGTERM once every worker has finished', async () => {
    expect(await server.stop()).toBe(0);
    expect(server.log()).toMatch(/SIGTERM: stopping the 2 workers \(each finishes its requests in flight\)/);
    expect(server.log().match(/SIGTERM: no new connections; finishing the requests in flight/g)).toHaveLength(2);
    expect(server.log()).not.toContain(fake.token);
  });
});
