import { createHash } from 'node:crypto';

/** Query parameters that only say how a link was reached, not what it points to. */
const TRACKING = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ns_\w+|at_\w+|rss|src)$/i;

/**
 * The key an article URL is known by: scheme and host lowercased (URL does that), no fragment,
 * no tracking parameters, no trailing slash. The same story linked from two feeds has one key.
 */
export function urlKey(url: string): string {
  const u = new URL(url);
  u.hash = '';
  for (const name of [...u.searchParams.keys()]) if (TRACKING.test(name)) u.searchParams.delete(name);
  u.search = u.searchParams.toString() ? `?${u.searchParams.toString()}` : '';
  if (u.pathname.length > 1 && u.pathname.endsWith('/')) u.pathname = u.pathname.slice(0, -1);
  return u.href;
}

const MAX_SLUG = 60;

/**
 * A readable id, stable per article URL: a slug of the URL's last meaningful path segment (or
 * of the headline when the path says nothing, like `/index.php?id=5`) plus a short hash of the
 * URL's key, e.g. `harbour-bridge-reopens-3f9a12c4`.
 */
export function articleId(url: string, headline: string | null): string {
  const key = urlKey(url);
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 8);
  const segments = new URL(key).pathname.split('/').map((s) => slugify(decodeSegment(s).replace(/\.(s?html?|php|aspx?|jsp|cms)$/i, '')));
  const fromPath = segments.reverse().find((s) => /[a-z]/.test(s) && s.split('-').length >= 2);
  const slug = fromPath ?? slugify(headline ?? '');
  return slug ? `${slug}-${hash}` : `article-${hash}`;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Lowercase ASCII words joined by hyphens, accents dropped, at most MAX_SLUG characters at a word boundary. */
export function slugify(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG) break;
    slug = next;
  }
  return slug || (words[0] ?? '').slice(0, MAX_SLUG);
}
