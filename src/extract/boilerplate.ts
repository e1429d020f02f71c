import { textOf, type DomDocument, type DomElement } from './dom.ts';

/** Elements that never hold article text. Scripts are removed unrun. */
const NEVER_TEXT = 'script, style, noscript, template, iframe, object, embed, svg, canvas, button, select, input, textarea';

/** ARIA roles of page furniture. */
const FURNITURE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar', 'toolbar']);
const FURNITURE_TAGS = new Set(['nav', 'aside', 'footer', 'figcaption']);

/**
 * Words in class names and ids that mark page furniture: adverts, related and recommended
 * stories, newsletter and subscription boxes, comments, sharing buttons, navigation.
 */
const FURNITURE_TOKENS = new Set([
  'ad',
  'ads',
  'adv',
  'advert',
  'adverts',
  'advertisement',
  'advertising',
  'adslot',
  'adunit',
  'adsense',
  'dfp',
  'sponsor',
  'sponsored',
  'promo',
  'promoted',
  'outbrain',
  'taboola',
  'related',
  'recommended',
  'recommendations',
  'newsletter',
  'subscribe',
  'subscription',
  'signup',
  'comments',
  'comment',
  'disqus',
  'share',
  'sharing',
  'sharebar',
  'social',
  'sidebar',
  'breadcrumb',
  'breadcrumbs',
  'nav',
  'navbar',
  'navigation',
  'menu',
  'popup',
  'modal',
  'cookie',
  'consent',
  'trending',
  'popular',
  'rail',
  'caption',
  'captions',
  'credit',
  'credits',
  'byline',
  'dateline',
  'timestamp',
  'submitted',
  'tooltip',
  'popover',
  'rollover',
  'hovercard',
  'copyright',
  'disclaimer',
]);

/** Whole class names that hide an element from readers. */
const HIDDEN_CLASSES = new Set(['hidden', 'hide', 'd-none', 'sr-only', 'visually-hidden', 'visuallyhidden', 'screen-reader-text']);

/**
 * An element is removed only when it holds at most this share of the page's text: furniture is
 * small next to the story, and a wrapper whose class happens to say "comments" may be the page.
 */
const MAX_SHARE = 0.15;

/** Removes what never holds article text (scripts go unrun). */
export function removeUnreadable(doc: DomDocument): void {
  removeAll(doc.querySelectorAll(NEVER_TEXT));
}

/**
 * Takes the page furniture out of `root`, in place: navigation, adverts, related links,
 * newsletter boxes, comments and sharing tools (by tag, ARIA role, and class/id words), each only
 * when it holds at most MAX_SHARE of `root`'s text.
 */
export function removeFurniture(root: DomElement): void {
  const rootChars = textOf(root).length;
  if (rootChars === 0) return;
  const all = root.querySelectorAll('*');
  const doomed: DomElement[] = [];
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    if (!isFurniture(el)) continue;
    if (doomed.some((d) => contains(d, el))) continue;
    if (textOf(el).length <= rootChars * MAX_SHARE) doomed.push(el);
  }
  removeAll(doomed);
}

function isFurniture(el: DomElement): boolean {
  const tag = el.localName;
  if (tag === 'article' || tag === 'main' || tag === 'body') return false;
  if (FURNITURE_TAGS.has(tag)) return true;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const role = el.getAttribute('role');
  if (role && FURNITURE_ROLES.has(role.trim().toLowerCase())) return true;
  const classes = el.getAttribute('class') ?? '';
  const names = `${classes} ${el.getAttribute('id') ?? ''}`;
  if (names.length < 2) return false;
  for (const name of classes.split(/\s+/)) if (HIDDEN_CLASSES.has(name.toLowerCase())) return true;
  for (const token of nameTokens(names)) if (FURNITURE_TOKENS.has(token)) return true;
  return false;
}

/** `relatedStories ad-slot share_bar` → related, stories, ad, slot, share, bar. */
export function nameTokens(names: string): string[] {
  return names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function contains(ancestor: DomElement, el: DomElement): boolean {
  for (let node: DomElement | null = el; node; node = node.parentElement) if (node === ancestor) return true;
  return false;
}

function removeAll(elements: ArrayLike<DomElement>): void {
  for (const el of Array.from(elements)) el.remove();
}

/** A short block that is a label of the page, not a sentence of the story. */
const FURNITURE_LINE = new RegExp(
  '^(?:advert(?:isement)?s?|sponsored(?: content)?|ad|comments?|print|e-?mail|tweet|share(?: this)?(?: article| story| on \\w+)?' +
    "|related(?: articles| stories| content| links)?|read more|see more|more from .*|you (?:may|might) also like.*|don'?t miss" +
    '|recommended(?: for you)?|(?:published|updated|posted|last updated|first published)\\b.*' +
    '|this (?:slideshow|video|content|page) requires javascript.*)$',
  'i',
);
const MAX_LINE_CHARS = 80;

export function isFurnitureLine(text: string): boolean {
  return text.length <= MAX_LINE_CHARS && FURNITURE_LINE.test(text.replace(/[.…:!|]+$/, '').trim());
}
