// ViewNode -> elements on the extension's remote DOM (`document` in the extension worker, where
// Shopify's host draws the `s-*` Polaris components). Props that the element knows are set as
// properties (booleans included), the rest as attributes.
import type { Action, ViewNode } from './views.js';

type Act = (action: Action, checked?: boolean) => void;

function element(node: ViewNode, doc: Document, act: Act): Element {
  // Typed by tag on the extension's surface; here every tag is just an element.
  const el: HTMLElement = doc.createElement(node.tag as string);
  for (const [key, value] of Object.entries(node.props ?? {})) {
    if (key in el) Reflect.set(el, key, value);
    else if (value !== false) el.setAttribute(key, value === true ? '' : value);
  }
  if (node.text !== undefined) el.append(node.text);
  for (const child of node.children ?? []) el.append(element(child, doc, act));
  const action = node.action;
  if (action) {
    el.addEventListener(action === 'toggle-consent' ? 'change' : 'click', (event) => {
      const target = event.currentTarget as { checked?: unknown } | null;
      act(action, typeof target?.checked === 'boolean' ? target.checked : undefined);
    });
  }
  return el;
}

/** Replaces what `root` shows with `node`. */
export function draw(root: Element, node: ViewNode, act: Act): void {
  root.replaceChildren(element(node, root.ownerDocument, act));
}
