import { createPublicKey, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/discord/index.ts';

/** The fake Discord delivering interactions to an Interactions Endpoint URL (a canned endpoint here). */

let fake: FakeDiscord;
let endpoint: Server;
let url: string;
/** What the endpoint answers next: status and body. */
let answer: { status: number; body: string } = { status: 200, body: '{}' };
const received: Array<{ headers: IncomingMessage['headers']; body: Buffer }> = [];

beforeAll(async () => {
  fake = await FakeDiscord.start();
  endpoint = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/interactions`;
  fake.setInteractionsEndpoint(url);
});

afterAll(async () => {
  await fake.close();
  await new Promise((resolve) => endpoint.close(resolve));
});

describe('fake Discord: HTTP delivery', () => {
  it('POSTs the interaction signed with the application key and takes the response as its callback', async () => {
    answer = { status: 200, body: JSON.stringify({ type: 4, data: { content: 'hello', flags: 64 } }) };
    const i = await fake.sendCommand({ name: 'ask', options: { question: 'who?' } });
    expect(i.delivery).toEqual({ status: 200, error: null });
    expect(i.shardId).toBeNull();
    const last = received.at(-1)!;
    expect(JSON.parse(last.body.toString())).toEqual(i.payload);
    expect(last.headers['content-type']).toBe('application/json');
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(fake.publicKey, 'hex').toString('base64url') }, format: 'jwk' });
    const signed = Buffer.concat([Buffer.from(String(last.headers['x-signature-timestamp'])), last.body]);
    expect(verify(null, signed, key, Buffer.from(String(last.headers['x-signature-ed25519']), 'hex'))).toBe(true);
    const reply = await i.reply();
    expect(reply).toMatchObject({ content: 'hello', ephemeral: true });
  });

  it('says why an answer was not taken', async () => {
    answer = { status: 401, body: '{"message":"invalid request signature"}' };
    expect((await fake.sendCommand({ name: 'ask', options: { question: 'x' } })).delivery).toEqual({ status: 401, error: 'the endpoint answered 401' });

    answer = { status: 200, body: 'not json' };
    const notJson = await fake.sendCommand({ name: 'ask', options: { question: 'x' } });
    expect(notJson.delivery).toEqual({ status: 200, error: 'the response is not JSON: not json' });
    expect(notJson.callback).toBeNull();

    answer = { status: 200, body: JSON.stringify({ type: 4, data: { embeds: [{ title: 'x'.repeat(300) }] } }) };
    expect((await fake.sendCommand({ name: 'ask', options: { question: 'x' } })).delivery).toEqual({ status: 200, error: '400 50035 Invalid Form Body' });

    answer = { status: 200, body: JSON.stringify({ type: 4, data: { content: 'a message for an autocomplete' } }) };
    const ac = await fake.sendAutocomplete({ name: 'ask', options: { question: 'x', article: 'ka' }, focused: 'article' });
    expect(ac.delivery?.error).toBe('400 50035 Invalid Form Body');
  });

  it('lets a deferred answer be finished over the webhook routes', async () => {
    answer = { status: 200, body: JSON.stringify({ type: 5 }) };
    const i = await fake.sendCommand({ name: 'summary' });
    expect(i.delivery).toEqual({ status: 200, error: null });
    expect(i.message).toMatchObject({ loading: true });
    const res = await fetch(`${fake.apiUrl}/v10/webhooks/${fake.applicationId}/${i.token}/messages/@original`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'done' }),
    });
    expect(res.status).toBe(200);
    expect(await i.reply()).toMatchObject({ content: 'done', loading: false });
  });

  it('checks an endpoint as the developer portal does', async () => {
    answer = { status: 200, body: '{"type":1}' };
    expect(await fake.checkInteractionsEndpoint(url)).toEqual(['a PING with a wrong signature got 200, not 401']);
    expect(await fake.checkInteractionsEndpoint('http://127.0.0.1:1/interactions')).toEqual([expect.stringMatching(/^the endpoint could not be reached: .*ECONNREFUSED/)]);
  });

  it('reports the public key as the application verify_key', async () => {
    const res = await fetch(`${fake.apiUrl}/v10/applications/@me`, { headers: { authorization: `Bot ${fake.token}` } });
    expect(((await res.json()) as { verify_key: string }).verify_key).toBe(fake.publicKey);
  });
});
