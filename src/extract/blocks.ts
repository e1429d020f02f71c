import { foldSpace, isElement, TEXT_NODE, type DomNode } from './dom.ts';

/** A paragraph of extracted text, or a subheading. */
export interface TextBlock {
  text: string;
  heading: boolean;
}

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'figure',
  'figcaption',
  'address',
  'details',
  'summary',
  'hr',
  'form',
  'fieldset',
  'center',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * The text of an element as blocks in reading order: every block-level element (paragraph, list
 * item, quote, cell, heading) ends the block before it, and `<br><br>` ends one too, so words of
 * neighbouring blocks are never glued together.
 */
export function textBlocks(root: DomNode): TextBlock[] {
  const blocks: TextBlock[] = [];
  let parts: string[] = [];
  let heading = false;
  let breaks = 0;

  const flush = () => {
    const text = foldSpace(parts.join(''));
    if (text) blocks.push({ text, heading });
    parts = [];
    heading = false;
  };

  const walk = (node: DomNode) => {
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child.nodeType === TEXT_NODE) {
        const data = child.textContent ?? '';
        if (data.trim()) breaks = 0;
        parts.push(data);
        continue;
      }
      if (!isElement(child)) continue;
      const tag = child.localName;
      if (tag === 'br') {
        if (++breaks >= 2) flush();
        else parts.push('\n');
        continue;
      }
      breaks = 0;
      if (BLOCK_TAGS.has(tag)) {
        flush();
        if (HEADING_TAGS.has(tag)) heading = true;
        walk(child);
        flush();
      } else {
        walk(child);
      }
    }
  };
  walk(root);
  flush();
  return blocks;
}
