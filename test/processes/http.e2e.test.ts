import { generateKeyPairSync } from 'node:crypto';
import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EndpointClient, FakeDiscord, findButton } from '../../fakes/discord/index.ts';
import { spawnBot, spawnHttpServer, type BotProcess } from '../helpers/spawn-bot.ts';

/** `npm run start:http` as a process, driven with signed requests by the fake Discord. */

let fake: FakeDiscord;
let server: BotProcess;
let base: string;

function health(): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    get(`${base}/healthz`, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    }).on('error', () => resolve({ status: 0, body: '' }));
  });
}

beforeAll(async () => {
  fake = await FakeDiscord.start({ signingKey: generateKeyPairSync('ed25519').privateKey });
  server = spawnHttpServer(fake, { LOG_LEVEL: 'debug' });
  const port = await fake.waitFor(() => /listening on http:\/\/127\.0\.0\.1:(\d+)\/interactions/.exec(server.log())?.[1], 20_000, 'the "listening on" line');
  base = `http://127.0.0.1:${port}`;
  // The port is open while the library loads: /healthz says so until it is ready.
  const first = await health();
  expect([200, 503]).toContain(first.status);
  for (let r = first; r.status !== 200; r = await health()) await new Promise((resolve) => setTimeout(resolve, 50));
  fake.setInteractionsEndpoint(`${base}/interactions`);
});

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

describe('npm run start:http', () => {
  it('logs where it listens and what it loaded, and registers the commands', () => {
    expect(server.log()).toMatch(
      /INFO 1 article \(\d+ paragraphs\) loaded from .*seeds; commands registered to guild \d+; serving interactions at http:\/\/127\.0\.0\.1:\d+\/interactions/,
    );
    expect(
      fake
        .commands(fake.guild.id)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['articles', 'ask', 'feeds', 'help', 'summary']);
  });

  it('reports the library on /healthz', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ status: 'ok', articles: 1, paragraphs: expect.any(Number), uptime: expect.any(Number) });
  });

  it('passes the developer portal check of the Interactions Endpoint URL', async () => {
    expect(await fake.checkInteractionsEndpoint(`${base}/interactions`)).toEqual([]);
  });

  it('answers /ask in the HTTP response, and its buttons work', async () => {
    const i = await fake.sendCommand({ name: 'ask', options: { question: 'Who condemned the attack on the embassy?' } });
    expect(i.delivery).toEqual({ status: 200, error: null });
    const response = await i.response();
    expect(response.type).toBe(4);
    expect(response.data.allowed_mentions).toEqual({ parse: [] });
    const reply = await i.reply();
    expect(reply.embeds[0].footer.text).toBe('Question: Who condemned the attack on the embassy?');
    const next = findButton(reply, 'Next match');
    expect(next).toBeTruthy();
    const click = await fake.sendButton({ message: reply, customId: next.custom_id, userId: i.userId });
    expect(click.delivery).toEqual({ status: 200, error: null });
    expect((await click.response()).type).toBe(7);
  });

  it('answers autocomplete', async () => {
    const a = await fake.sendAutocomplete({ name: 'summary', options: { article: 'kabul' }, focused: 'article' });
    expect(a.delivery).toEqual({ status: 200, error: null });
    expect((await a.choices()).length).toBeGreaterThan(0);
  });

  it('refuses a forged request with 401, logging it at debug level only', async () => {
    const forger = new EndpointClient(`${base}/interactions`, generateKeyPairSync('ed25519').privateKey);
    const before = fake.requests.length;
    const res = await forger.post({ id: '1', type: 2, token: 't', application_id: fake.applicationId, version: 1, data: { name: 'ask' } });
    forger.close();
    expect(res.status).toBe(401);
    await fake.waitFor(() => /DEBUG refused a request to \/interactions: wrong signature/.test(server.log()), 5000, 'the debug line');
    expect(fake.requests.length).toBe(before);
    expect(server.log()).not.toMatch(/ (WARN|ERROR) /);
  });

  it('refuses to start without DISCORD_PUBLIC_KEY, with one line naming it', async () => {
    const broken = spawnBot('src/main/http.ts', { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, HOST: '127.0.0.1', PORT: '0' });
    const code = await new Promise<number | null>((resolve) => broken.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(broken.log().trim().split('\n')).toEqual([expect.stringMatching(/^Configuration error: DISCORD_PUBLIC_KEY is not set: HTTP mode needs the application's public key/)]);
  });

  it('exits 0 on SIGTERM, without ever logging the token', async () => {
    expect(await server.stop()).toBe(0);
    expect(server.log()).toMatch(/SIGTERM: no new connections; finishing the requests in flight/);
    expect(server.log()).not.toContain(fake.token);
  });
});
