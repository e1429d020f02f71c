import { parseHTML } from 'linkedom';

/**
 * The little of the DOM that extraction uses, typed here because the project compiles without
 * the browser's DOM types. linkedom parses HTML into such nodes; it never runs page scripts,
 * loads resources or resolves entities beyond HTML's own.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly childNodes: ArrayLike<DomNode>;
  readonly parentNode: DomNode | null;
  textContent: string | null;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly localName: string;
  readonly children: ArrayLike<DomElement>;
  readonly parentElement: DomElement | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}

export interface DomDocument extends DomNode {
  readonly documentElement: DomElement;
  readonly head: DomElement | null;
  readonly body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/** Parses a page. `url` is where it was served from (Readability resolves links against it). */
export function parseDocument(html: string, url?: string): DomDocument {
  // linkedom's types name the browser's Window and Document, which this project does not compile with.
  const { document } = (parseHTML as (markup: string) => { document: DomDocument })(html);
  // linkedom leaves documentURI unset; Readability reads it.
  if (url) Object.defineProperty(document, 'documentURI', { value: url });
  return document;
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/** An element's text with its whitespace folded to single spaces. */
export function textOf(node: DomNode | null | undefined): string {
  return foldSpace(node?.textContent ?? '');
}

export function foldSpace(text: string): string {
  return text
    .replace(/\u200b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
