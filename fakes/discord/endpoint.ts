import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import { Agent, request } from 'node:http';

/**
 * Discord's side of an Interactions Endpoint URL: interactions POSTed as JSON, signed with the
 * application's Ed25519 key (`X-Signature-Ed25519`, hex, over `X-Signature-Timestamp` + body).
 */

export interface SignatureHeaders {
  'x-signature-ed25519': string;
  'x-signature-timestamp': string;
}

/** Signs a body as Discord does; `timestamp` in Unix seconds (default now). */
export function signInteraction(privateKey: KeyObject, body: string | Buffer, timestamp = Math.floor(Date.now() / 1000)): SignatureHeaders {
  const ts = String(timestamp);
  const signature = sign(null, Buffer.concat([Buffer.from(ts, 'utf8'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8')]), privateKey);
  return { 'x-signature-ed25519': signature.toString('hex'), 'x-signature-timestamp': ts };
}

/** The 64-hex-character public key the developer portal shows for a key (private or public). */
export function publicKeyHex(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const { x } = publicKey.export({ format: 'jwk' });
  return Buffer.from(x!, 'base64url').toString('hex');
}

export interface EndpointResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** POSTs signed interactions to one endpoint over keep-alive connections. */
export class EndpointClient {
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 512 });

  constructor(
    readonly url: string,
    readonly privateKey: KeyObject,
  ) {}

  /** POSTs `payload` (an object, sent as JSON) signed now, unless `headers` say otherwise. */
  post(payload: unknown, headers: Record<string, string> = {}): Promise<EndpointResponse> {
    const body = Buffer.from(JSON.stringify(payload), 'utf8');
    return this.send(body, {
      'content-type': 'application/json',
      'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)',
      ...signInteraction(this.privateKey, body),
      ...headers,
    });
  }

  send(body: Buffer, headers: Record<string, string>, method = 'POST'): Promise<EndpointResponse> {
    return new Promise((resolve, reject) => {
      const req = request(this.url, { method, agent: this.#agent, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}
