/**
 * A polite HTTP client for feeds and article pages, on Node's own fetch: a User-Agent naming
 * Newsdesk, at most 2 requests at a time per host, a 10 s timeout for the whole exchange,
 * redirects followed by hand (at most 5), bodies read as a stream and cut off past a size
 * limit (never buffered whole), and `429`/`503` with `Retry-After` honoured: the host is left
 * alone until then (a short wait is waited and the request retried once).
 */
export const USER_AGENT = 'Newsdesk/0.1 (news feed reader; Discord bot)';

export interface HttpOptions {
  userAgent?: string;
  /** Requests in flight per host. */
  perHost?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  /** The longest Retry-After the client waits out itself; a longer one fails the request. */
  maxRetryWaitMs?: number;
}

export interface GetOptions {
  /** The body is cut off (and the request fails) past this many bytes. */
  maxBytes: number;
  accept?: string;
  /** Conditional GET: the validators of the copy we hold. */
  etag?: string;
  lastModified?: string;
  /** Content types to accept (prefixes); any other fails before its body is read. */
  types?: readonly string[];
}

export interface HttpResponse {
  /** The URL finally served, after redirects. */
  url: string;
  /** 200-299, or 304 for a conditional GET whose copy is still current (then `body` is empty). */
  status: number;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  body: Uint8Array;
}

export type HttpFailure = 'network' | 'timeout' | 'status' | 'too-large' | 'redirects' | 'type' | 'rate-limited';

/** A request that did not give a usable response; the message is for people. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    message: string,
    readonly kind: HttpFailure,
    readonly status?: number,
    /** When the server said to come back (epoch ms), for 429/503. */
    readonly retryAt?: number,
  ) {
    super(message);
  }
}

interface HostState {
  active: number;
  waiting: (() => void)[];
  /** Epoch ms before which the host asked not to be asked again. */
  notBefore: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class HttpClient {
  private readonly hosts = new Map<string, HostState>();
  private readonly userAgent: string;
  private readonly perHost: number;
  private readonly timeoutMs: number;
  private readonly maxRedirects: number;
  private readonly maxRetryWaitMs: number;

  constructor(options: HttpOptions = {}) {
    this.userAgent = options.userAgent ?? USER_AGENT;
    this.perHost = options.perHost ?? 2;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxRedirects = options.maxRedirects ?? 5;
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? 30_000;
  }

  /** GETs `url`; throws HttpError when no usable response comes. */
  async get(url: string, options: GetOptions): Promise<HttpResponse> {
    try {
      return await this.getOnce(url, options);
    } catch (error) {
      // One retry after a short Retry-After; a long one is the caller's to schedule.
      if (error instanceof HttpError && error.retryAt !== undefined && error.retryAt - Date.now() <= this.maxRetryWaitMs) {
        return this.getOnce(url, options);
      }
      throw error;
    }
  }

  private async getOnce(url: string, options: GetOptions): Promise<HttpResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      let current = new URL(url);
      for (let hop = 0; ; hop++) {
        if (current.protocol !== 'http:' && current.protocol !== 'https:') {
          throw new HttpError(`${current.href} is not an http(s) URL`, 'network');
        }
        const response = await this.withHost(current.host, () => this.request(current, options, controller.signal));
        if (REDIRECTS.has(response.status)) {
          await response.body?.cancel();
          const location = response.headers.get('location');
          if (!location) throw new HttpError(`${current.href} redirected (HTTP ${response.status}) without a Location`, 'redirects', response.status);
          if (hop >= this.maxRedirects) throw new HttpError(`more than ${this.maxRedirects} redirects from ${url}`, 'redirects');
          current = new URL(location, current);
          continue;
        }
        return await this.read(current, response, options, controller.signal);
      }
    } catch (error) {
      if (error instanceof HttpError) throw error;
      if (controller.signal.aborted) throw new HttpError(`${url} did not answer within ${this.timeoutMs / 1000} s`, 'timeout');
      const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
      throw new HttpError(`${url} could not be reached (${cause?.code ?? cause?.message ?? (error as Error).message})`, 'network');
    } finally {
      clearTimeout(timer);
    }
  }

  private async request(url: URL, options: GetOptions, signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: options.accept ?? '*/*' };
    if (options.etag) headers['if-none-match'] = options.etag;
    if (options.lastModified) headers['if-modified-since'] = options.lastModified;
    const response = await fetch(url, { headers, redirect: 'manual', signal });
    if (response.status === 429 || response.status === 503) {
      await response.body?.cancel();
      const retryAt = retryAfter(response.headers.get('retry-after'));
      if (retryAt !== undefined) this.host(url.host).notBefore = Math.max(this.host(url.host).notBefore, retryAt);
      throw new HttpError(
        `${url.href} answered HTTP ${response.status}${retryAt ? ` (retry after ${Math.ceil((retryAt - Date.now()) / 1000)} s)` : ''}`,
        'rate-limited',
        response.status,
        retryAt,
      );
    }
    return response;
  }

  private async read(url: URL, response: Response, options: GetOptions, signal: AbortSignal): Promise<HttpResponse> {
    const meta = {
      url: url.href,
      status: response.status,
      contentType: response.headers.get('content-type'),
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    };
    if (response.status === 304) {
      await response.body?.cancel();
      return { ...meta, body: new Uint8Array() };
    }
    if (response.status < 200 || response.status > 299) {
      await response.body?.cancel();
      throw new HttpError(`${url.href} answered HTTP ${response.status}`, 'status', response.status);
    }
    const type = (meta.contentType ?? '').split(';')[0].trim().toLowerCase();
    if (options.types && type && !options.types.some((t) => type.startsWith(t))) {
      await response.body?.cancel();
      throw new HttpError(`${url.href} is ${type}, not ${options.types.join(' or ')}`, 'type');
    }
    const declared = Number(response.headers.get('content-length'));
    if (declared > options.maxBytes) {
      await response.body?.cancel();
      throw new HttpError(`${url.href} is larger than ${megabytes(options.maxBytes)} (${declared} bytes)`, 'too-large');
    }
    return { ...meta, body: await readCapped(url.href, response, options.maxBytes, signal) };
  }

  /** Runs `fn` holding one of the host's slots, after the host's Retry-After has passed. */
  private async withHost<T>(host: string, fn: () => Promise<T>): Promise<T> {
    const state = this.host(host);
    const wait = state.notBefore - Date.now();
    if (wait > 0) {
      if (wait > this.maxRetryWaitMs) {
        throw new HttpError(`${host} asked not to be contacted for another ${Math.ceil(wait / 1000)} s`, 'rate-limited', 429, state.notBefore);
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    while (state.active >= this.perHost) await new Promise<void>((resolve) => state.waiting.push(resolve));
    state.active++;
    try {
      return await fn();
    } finally {
      state.active--;
      state.waiting.shift()?.();
    }
  }

  private host(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) this.hosts.set(host, (state = { active: 0, waiting: [], notBefore: 0 }));
    return state;
  }
}

/** Reads a body chunk by chunk, giving up (and closing the stream) as soon as it passes `maxBytes`. */
async function readCapped(url: string, response: Response, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    if (signal.aborted) throw new Error('aborted');
    size += chunk.byteLength;
    // Leaving the loop cancels the stream: the rest is never downloaded.
    if (size > maxBytes) throw new HttpError(`${url} is larger than ${megabytes(maxBytes)}; cut off`, 'too-large');
    chunks.push(chunk);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** `Retry-After` (seconds or an HTTP date) as epoch ms; undefined when absent or unreadable. */
export function retryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return now + Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(now, at);
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
