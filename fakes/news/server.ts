/**
 * A fake news site on 127.0.0.1 for tests and benchmarks: feeds in every format, article pages
 * with the usual furniture around the story, and every bad case a feed reader meets (malformed
 * feeds, HTML where a feed should be, 404/500, a server that never answers, oversized bodies,
 * redirects and redirect loops, 429 with Retry-After, conditional GET, Latin-1 and Windows-1252
 * pages, PDFs). It records each request, and the most requests it ever had in flight at once.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { atom, jsonFeed, linkFeed, rdf, rss, type LinkItem } from './feeds.ts';
import { articlePage, esc, oldStylePage } from './page.ts';
import { STORIES, type Story } from './stories.ts';

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
}

export interface FakeNewsOptions {
  /** How long /feeds/slow.xml and /pages/slow wait before answering (ms). */
  slowMs?: number;
  /** How long each article page takes to serve (ms), to see requests overlap. */
  pageDelayMs?: number;
}

const LATIN1_TEXT = [
  'Le café de la gare a rouvert ses portes après trois mois de travaux, à la grande joie des habitués du quartier.',
  'Les propriétaires ont gardé le comptoir en zinc et les banquettes rouges, mais la cuisine a été entièrement refaite.',
  "Le menu propose désormais des crêpes, une soupe à l'oignon et un gâteau aux noix préparé chaque matin.",
];

export class FakeNewsServer {
  readonly requests: RecordedRequest[] = [];
  /** The stories the main feeds list (tests add, remove and revise them between polls). */
  stories: Story[] = STORIES.map((s) => ({ ...s, body: [...s.body] }));
  /** Stories whose page answers 500 (a site having a bad moment). */
  brokenPages = new Set<string>();
  /** Most requests in flight at once, over the server's life. */
  maxInFlight = 0;
  private inFlight = 0;
  private busyServed = new Set<string>();
  private server: Server | null = null;
  private base = '';
  private readonly options: Required<FakeNewsOptions>;

  constructor(options: FakeNewsOptions = {}) {
    this.options = { slowMs: 30_000, pageDelayMs: 0, ...options };
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  get url(): string {
    return this.base;
  }

  /** Requests made to `path` (without the query string). */
  hits(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.split('?')[0] === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    this.requests.push({ path, headers: req.headers });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.on('close', () => this.inFlight--);
    try {
      await this.route(new URL(path, this.base), req, res);
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  }

  private async route(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const p = url.pathname;
    const base = this.base;
    const stories = this.stories;
    switch (p) {
      case '/feeds/rss.xml':
        return conditional(req, res, 'application/rss+xml; charset=utf-8', rss(stories, base), 'Mon, 30 Nov 2026 08:15:00 GMT');
      case '/feeds/atom.xml':
        return send(res, 200, 'application/atom+xml', atom(stories, base));
      case '/feeds/rdf.xml':
        return send(res, 200, 'application/rdf+xml', rdf(stories, base));
      case '/feeds/feed.json':
        return send(res, 200, 'application/feed+json', jsonFeed(stories, base));
      case '/feeds/malformed.xml':
        // Unclosed tags and a bare ampersand: recoverable.
        return send(
          res,
          200,
          'application/rss+xml',
          rss(stories.slice(0, 2), base).replace('</channel>', '<item><title>Broken & unclosed <b></title><link>' + base + '/news/' + stories[2].slug + '</link></item>'),
        );
      case '/feeds/garbage.xml':
        return send(res, 200, 'application/xml', 'this is not a feed at all {{{ <<<');
      case '/feeds/page.html':
        return send(res, 200, 'text/html', articlePage(stories[0]));
      case '/feeds/xxe.xml':
        // An external entity: a parser that resolved it would put /etc/passwd into the item.
        return send(
          res,
          200,
          'application/rss+xml',
          `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>Entity test</title><link>${base}/</link>
<item><title>Secret &xxe; here</title><link>${base}/news/${stories[0].slug}</link><description>The entity &xxe; stays text. Nothing is read from disk.</description></item>
</channel></rss>`,
        );
      case '/feeds/missing.xml':
        return send(res, 404, 'text/html', '<h1>Not found</h1>');
      case '/feeds/error.xml':
        return send(res, 500, 'text/html', '<h1>Internal server error</h1>');
      case '/feeds/slow.xml':
      case '/pages/slow':
        await delay(this.options.slowMs);
        return send(res, 200, 'application/rss+xml', rss(stories, base));
      case '/feeds/huge.xml':
        return stream(res, 'application/rss+xml', 11 * 1024 * 1024, '<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>');
      case '/pages/huge':
        return stream(res, 'text/html', 6 * 1024 * 1024, '<html><body><article>');
      case '/feeds/moved.xml':
        return redirect(res, 301, '/feeds/hop.xml');
      case '/feeds/hop.xml':
        return redirect(res, 302, `${base}/feeds/rss.xml`);
      case '/feeds/loop.xml':
        return redirect(res, 302, '/feeds/loop.xml');
      case '/feeds/busy.xml':
      case '/pages/busy':
        if (!this.busyServed.has(p)) {
          this.busyServed.add(p);
          res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' });
          return void res.end('slow down');
        }
        return p === '/pages/busy' ? send(res, 200, 'text/html; charset=utf-8', articlePage(stories[1])) : send(res, 200, 'application/rss+xml', rss(stories, base));
      case '/feeds/closed.xml':
        res.writeHead(503, { 'retry-after': '3600' });
        return void res.end();
      case '/feeds/bad-items.xml':
        return send(res, 200, 'application/rss+xml', linkFeed('Bad items', badItems(base, stories)));
      case '/pages/latin1':
        return sendBytes(res, 200, 'text/html; charset=ISO-8859-1', Buffer.from(latin1Page('Le café de la gare rouvre'), 'latin1'));
      case '/pages/cp1252': {
        const html = latin1Page('Nouvelles “du quartier” – édition spéciale').replace('<head>', '<head><meta charset="windows-1252">');
        return sendBytes(res, 200, 'text/html', encodeCp1252(html));
      }
      case '/pages/empty':
        return send(res, 200, 'text/html', '<html><head><title>Index</title></head><body><nav><a href="/">Home</a></nav></body></html>');
      case '/pages/missing':
        return send(res, 404, 'text/html', '<h1>Not found</h1>');
      case '/pages/error':
        return send(res, 500, 'text/html', '<h1>Oops</h1>');
      case '/files/report.pdf':
        return sendBytes(res, 200, 'application/pdf', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n'));
      case '/feeds/bench.xml': {
        const n = Number(url.searchParams.get('n') ?? 50);
        const items: LinkItem[] = Array.from({ length: n }, (_, i) => ({ title: benchStory(i).headline, link: `${base}/bench/${i}`, description: benchStory(i).summary }));
        return send(res, 200, 'application/rss+xml', linkFeed('Bench', items));
      }
    }
    const news = /^\/news\/([\w-]+)$/.exec(p);
    if (news) {
      const story = STORIES.find((s) => s.slug === news[1]) ?? stories.find((s) => s.slug === news[1]);
      if (!story) return send(res, 404, 'text/html', '<h1>Not found</h1>');
      if (this.brokenPages.has(story.slug)) return send(res, 500, 'text/html', '<h1>Internal server error</h1>');
      const current = stories.find((s) => s.slug === story.slug) ?? story;
      await delay(this.options.pageDelayMs);
      return send(res, 200, 'text/html; charset=utf-8', articlePage(current));
    }
    const old = /^\/old\/([\w-]+)$/.exec(p);
    const oldStory = old && STORIES.find((s) => s.slug === old[1]);
    if (oldStory) return send(res, 200, 'text/html', oldStylePage(oldStory));
    const bench = /^\/bench\/(\d+)$/.exec(p);
    if (bench) return send(res, 200, 'text/html; charset=utf-8', articlePage(benchStory(Number(bench[1]))));
    return send(res, 404, 'text/html', '<h1>Not found</h1>');
  }
}

/** One feed item per bad case, each pointing at a page of the site. */
function badItems(base: string, stories: readonly Story[]): LinkItem[] {
  return [
    { title: stories[0].headline, link: `${base}/news/${stories[0].slug}`, description: stories[0].summary },
    { title: 'A page that is gone', link: `${base}/pages/missing`, description: 'Gone.' },
    { title: 'A page that fails', link: `${base}/pages/error`, description: 'The server failed. It will be back.' },
    { title: 'The annual report', link: `${base}/files/report.pdf`, description: 'The annual report is out. It shows growth in every district.' },
    { title: 'A page far too large', link: `${base}/pages/huge`, description: 'Too big.' },
    { title: 'Le café de la gare rouvre', link: `${base}/pages/latin1`, description: 'Un café rouvre.' },
    { title: 'Nouvelles du quartier', link: `${base}/pages/cp1252`, description: 'Des nouvelles.' },
    { title: 'An index page', link: `${base}/pages/empty`, description: 'No story here.' },
    { title: 'An old page', link: `${base}/old/${stories[3].slug}`, description: stories[3].summary },
  ];
}

function latin1Page(title: string): string {
  return `<html><head><title>${esc(title)}</title><meta property="og:site_name" content="Le Journal du Quartier"></head><body>
<nav><a href="/">Accueil</a> <a href="/sport">Sport</a></nav>
<article><h1>${esc(title)}</h1>${LATIN1_TEXT.map((p) => `<p>${esc(p)}</p>`).join('\n')}</article>
<footer>© Le Journal</footer></body></html>`;
}

const CP1252: Record<string, number> = { '“': 0x93, '”': 0x94, '–': 0x96, '’': 0x92, '€': 0x80 };
/** Windows-1252 bytes (Latin-1 plus the printable characters it puts in 0x80–0x9F). */
function encodeCp1252(text: string): Buffer {
  return Buffer.from(Array.from(text, (ch) => CP1252[ch] ?? (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 0x3f)));
}

/** Generated stories for the throughput benchmark: each different, each a full page. */
export function benchStory(i: number): Story {
  const s = STORIES[i % STORIES.length];
  return {
    ...s,
    slug: `bench-${i}`,
    headline: `${s.headline} (report ${i})`,
    body: s.body.map((p) => (p.startsWith('## ') ? p : `${p} This is report number ${i}.`)),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  sendBytes(res, status, type, Buffer.from(body, 'utf8'));
}

function sendBytes(res: ServerResponse, status: number, type: string, body: Buffer): void {
  res.writeHead(status, { 'content-type': type, 'content-length': body.length });
  res.end(body);
}

/** Serves `body` with an ETag and Last-Modified, and 304 when the client's copy is current. */
function conditional(req: IncomingMessage, res: ServerResponse, type: string, body: string, lastModified: string): void {
  const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
  if (req.headers['if-none-match'] === etag || (!req.headers['if-none-match'] && req.headers['if-modified-since'] === lastModified)) {
    res.writeHead(304, { etag, 'last-modified': lastModified });
    return void res.end();
  }
  res.writeHead(200, { 'content-type': type, etag, 'last-modified': lastModified });
  res.end(body);
}

function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location });
  res.end();
}

/** Streams `bytes` of filler after `head`, without a Content-Length, until done or the client hangs up. */
function stream(res: ServerResponse, type: string, bytes: number, head: string): void {
  res.writeHead(200, { 'content-type': type });
  res.write(head);
  const chunk = Buffer.alloc(64 * 1024, '<p>filler text</p>\n');
  let sent = 0;
  const pump = () => {
    while (sent < bytes && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
