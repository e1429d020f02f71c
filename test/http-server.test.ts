import { generateKeyPairSync } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REST, type APIInteraction } from 'discord.js';
import { commands } from '../src/bot/commands/registry.ts';
import { Cooldown } from '../src/bot/cooldown.ts';
import { createHttpDispatcher, type HttpDispatcher } from '../src/bot/http-dispatcher.ts';
import { Library, LibraryStore } from '../src/library/library.ts';
import { InteractionsServer, type InteractionsApp } from '../src/http/server.ts';
import { publicKeyFromHex } from '../src/http/signature.ts';
import { createLogger } from '../src/runtime/log.ts';
import { EndpointClient, FakeDiscord, publicKeyHex, signInteraction } from '../fakes/discord/index.ts';
import { newsArticles } from './helpers/bot-fixtures.ts';
import { rawExchange } from './helpers/http-endpoint.ts';

/**
 * The HTTP server (src/http/server.ts) on 127.0.0.1 with the bot's real dispatcher behind it and
 * the fake Discord's REST behind that: what a refused request must not reach.
 */

const keys = generateKeyPairSync('ed25519');
const otherKeys = generateKeyPairSync('ed25519');

/** Log lines above debug (a refused request must leave none). */
const lines: string[] = [];
const log = createLogger({ level: 'debug', write: (line) => lines.push(line) });
const loud = () => lines.filter((l) => !/ DEBUG /.test(l));

let fake: FakeDiscord;
let dispatcher: HttpDispatcher;
/** What reached the dispatcher. */
const calls: APIInteraction[] = [];
let gate: Promise<void> | null = null;
const app: InteractionsApp = {
  async dispatch(interaction) {
    calls.push(interaction);
    if (gate) await gate;
    return dispatcher(interaction);
  },
  status: () => ({ articles: 3, paragraphs: 12 }),
};

let server: InteractionsServer;
let port: number;
let url: string;
let discord: EndpointClient;

/** A PING (the dispatcher answers it without REST), unique per call. */
let pings = 0;
function interaction(type = 1, id = String(1_000_000_000_000_000_000n + BigInt(++pings))) {
  return { id, application_id: '111111111111111111', type, token: 'tok', version: 1, ...(type === 2 ? { data: { name: 'ask', type: 1 } } : {}) };
}

beforeAll(async () => {
  fake = await FakeDiscord.start();
  const ctx = {
    store: new LibraryStore(new Library(newsArticles())),
    log,
    cooldown: new Cooldown(0, 1000),
    cooldownSettings: { questions: 0, seconds: 1 },
    deferAbove: 100_000,
  };
  dispatcher = createHttpDispatcher({ commands, ctx, rest: new REST({ api: fake.apiUrl, retries: 0 }).setToken(fake.token), applicationId: fake.applicationId });
  server = new InteractionsServer({ publicKey: publicKeyFromHex(publicKeyHex(keys.publicKey)), log, app });
  ({ port } = await server.listen(0, '127.0.0.1'));
  url = `http://127.0.0.1:${port}/interactions`;
  discord = new EndpointClient(url, keys.privateKey);
});

afterAll(async () => {
  discord.close();
  await server.close(1000);
  await fake.close();
});

afterEach(() => {
  gate = null;
});

describe('publicKeyFromHex', () => {
  it('reads the 64 hex characters the developer portal shows', () => {
    const hex = publicKeyHex(keys.publicKey);
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    expect(publicKeyFromHex(hex).export({ format: 'jwk' })).toEqual(keys.publicKey.export({ format: 'jwk' }));
    expect(publicKeyFromHex(hex.toUpperCase()).export({ format: 'jwk' })).toEqual(keys.publicKey.export({ format: 'jwk' }));
  });

  it('refuses anything else', () => {
    expect(() => publicKeyFromHex('ab'.repeat(31))).toThrow(/64 hex characters/);
    expect(() => publicKeyFromHex(`${'ab'.repeat(31)}zz`)).toThrow(/64 hex characters/);
  });
});

describe('signed interactions', () => {
  it('passes what the developer portal checks before it saves the endpoint URL', async () => {
    const { FakeDiscord } = await import('../fakes/discord/index.ts');
    const fake = await FakeDiscord.start({ signingKey: keys.privateKey });
    try {
      expect(fake.publicKey).toBe(publicKeyHex(keys.publicKey));
      expect(await fake.checkInteractionsEndpoint(url)).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('answers a signed interaction with what the dispatcher returns, as JSON', async () => {
    const before = calls.length;
    const help = fake.httpCommand({ name: 'help' });
    const res = await discord.post(help.payload);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    const body = JSON.parse(res.text);
    expect(body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(fake.acceptHttpResponse(help, body)).toEqual({ status: 204 });
    expect((await help.reply()).embeds[0].description).toContain('3 articles');
    expect(calls.slice(before)).toEqual([help.payload]);
  });

  it('takes the signature in upper-case hex and a content type with a charset', async () => {
    const payload = interaction(1);
    const body = JSON.stringify(payload);
    const signed = signInteraction(keys.privateKey, body);
    const res = await discord.send(Buffer.from(body), {
      'content-type': 'application/json; charset=utf-8',
      'x-signature-ed25519': signed['x-signature-ed25519'].toUpperCase(),
      'x-signature-timestamp': signed['x-signature-timestamp'],
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ type: 1 });
  });

  it('keeps the connection open between requests (keep-alive)', async () => {
    const one = JSON.stringify(interaction(1));
    const two = JSON.stringify(interaction(1));
    const req = (body: string) => {
      const h = signInteraction(keys.privateKey, body);
      return `POST /interactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Signature-Ed25519: ${h['x-signature-ed25519']}\r\nX-Signature-Timestamp: ${h['x-signature-timestamp']}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    const { responses, closed } = await rawExchange(port, [req(one), req(two)], 2);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(responses[0].headers.connection).toBe('keep-alive');
    expect(closed).toBe(false);
  });

  it('accepts a body of exactly 64 KiB', async () => {
    const payload = { ...interaction(1), padding: '' };
    payload.padding = 'x'.repeat(64 * 1024 - Buffer.byteLength(JSON.stringify(payload)));
    const body = JSON.stringify(payload);
    expect(Buffer.byteLength(body)).toBe(64 * 1024);
    const res = await discord.post(payload);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ type: 1 });
  });
});

describe('/healthz', () => {
  it('is 503 until the app is served, then 200 with articles, paragraphs and uptime', async () => {
    const starting = new InteractionsServer({ publicKey: keys.publicKey, log });
    const { port: p } = await starting.listen(0, '127.0.0.1');
    try {
      const get = (path: string, method = 'GET') =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          request({ host: '127.0.0.1', port: p, path, method }, (res) => {
            let body = '';
            res.on('data', (d) => (body += d));
            res.on('end', () => resolve({ status: res.statusCode!, body }));
          })
            .on('error', reject)
            .end();
        });
      const before = await get('/healthz');
      expect(before.status).toBe(503);
      expect(JSON.parse(before.body)).toMatchObject({ status: 'starting' });

      // Interactions are verified first; a PING is answered at once (the portal's check), the
      // others are told to come back.
      const client = new EndpointClient(`http://127.0.0.1:${p}/interactions`, keys.privateKey);
      const ping = await client.post(interaction(1));
      expect(ping.status).toBe(200);
      expect(JSON.parse(ping.text)).toEqual({ type: 1 });
      expect((await client.post(interaction(2))).status).toBe(503);
      expect((await client.post(interaction(1), { 'x-signature-ed25519': '0'.repeat(128) })).status).toBe(401);
      client.close();

      starting.serve(app);
      const after = await get('/healthz?probe=1');
      expect(after.status).toBe(200);
      const health = JSON.parse(after.body);
      expect(health).toEqual({ status: 'ok', articles: 3, paragraphs: 12, uptime: expect.any(Number) });
      expect(health.uptime).toBeGreaterThanOrEqual(0);
      const head = await get('/healthz', 'HEAD');
      expect(head).toEqual({ status: 200, body: '' });
    } finally {
      await starting.close(1000);
    }
  });
});

describe('forged, malformed and misdirected requests are refused with no other effect', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const good = () => JSON.stringify(fake.httpCommand({ name: 'ask', options: { question: 'Who was injured?' } }).payload);
  const signedBy = (key = keys.privateKey, body = good(), ts = now()) => ({ body, headers: signInteraction(key, body, ts) });
  const json = { 'content-type': 'application/json' };
  const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);

  type Case = { name: string; status: number; send: () => Promise<number> };
  const post = (body: string | Buffer, headers: Record<string, string>) => discord.send(Buffer.from(body), headers).then((r) => r.status);
  const raw = async (text: string | Buffer, extra: Array<string | Buffer> = []) => (await rawExchange(port, [text, ...extra])).responses[0]?.status ?? 0;

  const cases: Case[] = [
    { name: 'no signature headers', status: 401, send: () => post(good(), json) },
    {
      name: 'no X-Signature-Ed25519',
      status: 401,
      send: () => {
        const { body, headers } = signedBy();
        return post(body, { ...json, 'x-signature-timestamp': headers['x-signature-timestamp'] });
      },
    },
    {
      name: 'no X-Signature-Timestamp',
      status: 401,
      send: () => {
        const { body, headers } = signedBy();
        return post(body, { ...json, 'x-signature-ed25519': headers['x-signature-ed25519'] });
      },
    },
    {
      name: 'signed with another key',
      status: 401,
      send: () => {
        const { body, headers } = signedBy(otherKeys.privateKey);
        return post(body, { ...json, ...headers });
      },
    },
    {
      name: 'body altered after signing',
      status: 401,
      send: () => {
        const { body, headers } = signedBy();
        return post(body.replace('"ask"', '"asl"'), { ...json, ...headers });
      },
    },
    {
      name: 'body with a byte appended after signing',
      status: 401,
      send: () => {
        const { body, headers } = signedBy();
        return post(`${body} `, { ...json, ...headers });
      },
    },
    {
      name: 'timestamp altered after signing',
      status: 401,
      send: () => {
        const { body, headers } = signedBy();
        return post(body, { ...json, ...headers, 'x-signature-timestamp': String(Number(headers['x-signature-timestamp']) + 1) });
      },
    },
    {
      name: 'signature flipped in one digit',
      status: 401,
      send: () => {
        const { body, headers } = signedBy();
        return post(body, { ...json, ...headers, 'x-signature-ed25519': flip(headers['x-signature-ed25519']) });
      },
    },
    {
      name: 'the signature of another request (replayed onto a new body)',
      status: 401,
      send: () => {
        const { headers } = signedBy();
        return post(good(), { ...json, ...headers });
      },
    },
    {
      name: 'signed over the body alone, without the timestamp',
      status: 401,
      send: async () => {
        const { sign } = await import('node:crypto');
        const body = good();
        const signature = sign(null, Buffer.from(body), keys.privateKey).toString('hex');
        return post(body, { ...json, 'x-signature-ed25519': signature, 'x-signature-timestamp': String(now()) });
      },
    },
    {
      name: 'stale timestamp (6 minutes old), correctly signed',
      status: 401,
      send: () => {
        const { body, headers } = signedBy(keys.privateKey, good(), now() - 360);
        return post(body, { ...json, ...headers });
      },
    },
    {
      name: 'future timestamp (6 minutes ahead), correctly signed',
      status: 401,
      send: () => {
        const { body, headers } = signedBy(keys.privateKey, good(), now() + 360);
        return post(body, { ...json, ...headers });
      },
    },
    {
      name: 'timestamp that is not a number',
      status: 401,
      send: () => {
        const { body, headers } = signedBy();
        return post(body, { ...json, ...headers, 'x-signature-timestamp': 'yesterday' });
      },
    },
    {
      name: 'timestamp in milliseconds (signed as such)',
      status: 401,
      send: () => {
        const { body, headers } = signedBy(keys.privateKey, good(), Date.now());
        return post(body, { ...json, ...headers });
      },
    },
    {
      name: 'signature that is not hex',
      status: 401,
      send: () => {
        const { body, headers } = signedBy();
        return post(body, { ...json, ...headers, 'x-signature-ed25519': `zz${headers['x-signature-ed25519'].slice(2)}` });
      },
    },
    {
      name: 'signature of odd length (127 hex digits)',
      status: 401,
      send: () => {
        const { body, headers } = signedBy();
        return post(body, { ...json, ...headers, 'x-signature-ed25519': headers['x-signature-ed25519'].slice(1) });
      },
    },
    {
      name: 'signature too short (32 bytes)',
      status: 401,
      send: () => {
        const { body, headers } = signedBy();
        return post(body, { ...json, ...headers, 'x-signature-ed25519': headers['x-signature-ed25519'].slice(0, 64) });
      },
    },
    {
      name: 'signature in base64 instead of hex',
      status: 401,
      send: () => {
        const { body, headers } = signedBy();
        return post(body, { ...json, ...headers, 'x-signature-ed25519': Buffer.from(headers['x-signature-ed25519'], 'hex').toString('base64') });
      },
    },
    {
      name: 'two signature headers',
      status: 401,
      send: () => {
        const { body, headers } = signedBy();
        const sig = headers['x-signature-ed25519'];
        return raw(
          `POST /interactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Signature-Ed25519: ${sig}\r\nX-Signature-Ed25519: ${sig}\r\nX-Signature-Timestamp: ${headers['x-signature-timestamp']}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
      },
    },
    { name: 'empty body, unsigned', status: 401, send: () => post('', json) },
    {
      name: 'empty body, correctly signed',
      status: 400,
      send: () => {
        const { body, headers } = signedBy(keys.privateKey, '');
        return post(body, { ...json, ...headers });
      },
    },
    {
      name: 'correctly signed body that is not JSON',
      status: 400,
      send: () => {
        const { body, headers } = signedBy(keys.privateKey, '{"type": 2, "id": ');
        return post(body, { ...json, ...headers });
      },
    },
    {
      name: 'correctly signed JSON that is not an interaction',
      status: 400,
      send: () => {
        const { body, headers } = signedBy(keys.privateKey, '[{"type":2}]');
        return post(body, { ...json, ...headers });
      },
    },
    {
      name: 'correctly signed, wrong content type',
      status: 415,
      send: () => {
        const { body, headers } = signedBy();
        return post(body, { 'content-type': 'text/plain', ...headers });
      },
    },
    {
      name: 'correctly signed, no content type',
      status: 415,
      send: () => {
        const { body, headers } = signedBy();
        return post(body, { ...headers });
      },
    },
    {
      name: 'huge body (1 MiB, Content-Length given), correctly signed',
      status: 413,
      send: () => {
        const { body, headers } = signedBy(keys.privateKey, JSON.stringify({ ...interaction(2), pad: 'x'.repeat(1 << 20) }));
        return post(body, { ...json, ...headers });
      },
    },
    {
      name: 'body one byte over 64 KiB',
      status: 413,
      send: () => {
        const body = `{"type":2,"pad":"${'x'.repeat(64 * 1024 - 18)}"}`;
        expect(Buffer.byteLength(body)).toBe(64 * 1024 + 1);
        return post(body, { ...json, ...signInteraction(keys.privateKey, body) });
      },
    },
    {
      name: 'huge chunked body (no Content-Length), counted while it streams',
      status: 413,
      send: () =>
        new Promise<number>((resolve, reject) => {
          const req = request(url, { method: 'POST', headers: { ...json, 'transfer-encoding': 'chunked' } }, (res) => {
            res.resume();
            resolve(res.statusCode!);
          });
          req.on('error', reject);
          const chunk = Buffer.alloc(16 * 1024, 'x');
          let sent = 0;
          const more = (): void => {
            while (sent < 40 && !req.destroyed) {
              sent++;
              if (!req.write(chunk)) return void req.once('drain', more);
            }
            req.end();
          };
          more();
        }).catch((error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? 413 : Promise.reject(error))),
    },
    {
      name: 'huge Content-Length (1 TB) with no body sent',
      status: 413,
      send: () => raw('POST /interactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000000000\r\n\r\n'),
    },
    {
      name: 'huge Content-Length with Expect: 100-continue (refused before the body)',
      status: 413,
      send: () => raw('POST /interactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 5000000\r\n\r\n'),
    },
    {
      name: 'wrong path (POST /interaction), correctly signed',
      status: 404,
      send: async () => {
        const { body, headers } = signedBy();
        const other = new EndpointClient(url.replace('/interactions', '/interaction'), keys.privateKey);
        const status = (await other.send(Buffer.from(body), { ...json, ...headers })).status;
        other.close();
        return status;
      },
    },
    { name: 'wrong path (POST /)', status: 404, send: () => raw('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}') },
    { name: 'path with a trailing part (/interactions/x)', status: 404, send: () => raw('POST /interactions/x HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n') },
    { name: 'wrong method (GET /interactions)', status: 405, send: () => raw('GET /interactions HTTP/1.1\r\nHost: x\r\n\r\n') },
    { name: 'wrong method (PUT /interactions)', status: 405, send: () => raw('PUT /interactions HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}') },
    { name: 'wrong method (POST /healthz)', status: 405, send: () => raw('POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}') },
  ];

  it(`has at least 20 cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const c of cases) {
    it(`${c.name} → ${c.status}`, async () => {
      const callsBefore = calls.length;
      const restBefore = fake.requests.length;
      const linesBefore = loud().length;
      const unauthorizedBefore = server.counters.unauthorized;
      const answeredBefore = server.counters.answered;
      expect(await c.send()).toBe(c.status);
      expect(calls.length).toBe(callsBefore);
      expect(server.counters.answered).toBe(answeredBefore);
      expect(fake.requests.length).toBe(restBefore);
      expect(server.counters.unauthorized - unauthorizedBefore).toBe(c.status === 401 ? 1 : 0);
      expect(loud().slice(linesBefore)).toEqual([]);
    });
  }

  it('logs refused signatures at debug level only, with the reason', () => {
    expect(lines.some((l) => / DEBUG refused a request to \/interactions: wrong signature/.test(l))).toBe(true);
    expect(lines.some((l) => / DEBUG refused a request to \/interactions: stale or future timestamp/.test(l))).toBe(true);
    expect(loud()).toEqual([]);
  });

  it('a client that goes away mid-body is forgotten: nothing dispatched, nothing logged', async () => {
    const { connect } = await import('node:net');
    const callsBefore = calls.length;
    const abortedBefore = server.counters.aborted;
    const linesBefore = loud().length;
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    socket.write('POST /interactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type":');
    await expect.poll(() => server.pending).toBe(1);
    socket.destroy();
    await expect.poll(() => server.counters.aborted).toBe(abortedBefore + 1);
    expect(calls.length).toBe(callsBefore);
    expect(loud().slice(linesBefore)).toEqual([]);
  });

  it('still answers after all that', async () => {
    expect((await discord.post(interaction(1))).status).toBe(200);
  });
});

describe('stopping', () => {
  it('stops accepting, finishes the requests in flight, then closes', async () => {
    const stopping = new InteractionsServer({ publicKey: keys.publicKey, log, app });
    const { port: p } = await stopping.listen(0, '127.0.0.1');
    const client = new EndpointClient(`http://127.0.0.1:${p}/interactions`, keys.privateKey);
    let open!: () => void;
    gate = new Promise<void>((resolve) => (open = resolve));
    const before = calls.length;
    const inFlight = client.post(interaction(2));
    await expect.poll(() => calls.length).toBe(before + 1);
    const closed = stopping.close(5000);
    // No new connection is accepted once closing started.
    await expect(new EndpointClient(`http://127.0.0.1:${p}/interactions`, keys.privateKey).post(interaction(1))).rejects.toThrow(/ECONNREFUSED/);
    let done = false;
    void closed.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done).toBe(false);
    open();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.headers.connection).toBe('close');
    await closed;
    client.close();
  });
});
