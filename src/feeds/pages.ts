import { decodeText } from '../extract/charset.ts';
import { extractArticle, type ExtractedArticle } from '../extract/extract.ts';
import type { HttpClient } from './http.ts';

/** Article pages larger than this are cut off while streaming and not extracted. */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
const HTML_TYPES = ['text/html', 'application/xhtml+xml'] as const;
const ACCEPT_HTML = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1';

/** The page is not HTML (a PDF, an image, a binary file). */
export class NotHtmlError extends Error {
  override readonly name = 'NotHtmlError';
}

/** Fetches an article page and extracts its article; throws HttpError, NotHtmlError or NoArticleError. */
export async function fetchArticle(client: HttpClient, url: string): Promise<ExtractedArticle> {
  const response = await client.get(url, { maxBytes: MAX_PAGE_BYTES, accept: ACCEPT_HTML, types: HTML_TYPES });
  return extractFromBytes(response.body, response.contentType, response.url);
}

/** Extracts the article from a page's bytes (charset from `contentType` or the page itself). */
export function extractFromBytes(bytes: Uint8Array, contentType: string | null, url: string | undefined): ExtractedArticle {
  if (!looksLikeText(bytes)) throw new NotHtmlError('it is not an HTML page (binary content)');
  const html = decodeText(bytes, contentType);
  if (!/<[a-z!]/i.test(html.slice(0, 4096))) throw new NotHtmlError('it is not an HTML page');
  return extractArticle(html, { url });
}

/** PDFs, images and other binaries: a magic number or NUL bytes near the top. */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  const start = new TextDecoder('latin1').decode(head.subarray(0, 8));
  if (start.startsWith('%PDF') || start.startsWith('\x89PNG') || start.startsWith('GIF8') || start.startsWith('\xff\xd8\xff')) return false;
  return !head.includes(0) || isUtf16(head);
}

function isUtf16(head: Uint8Array): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}
