// A tiny `html` tagged template for the proxy's pages. Shopify renders them as Liquid, so an
// interpolated value must be inert twice over: as HTML (& < > " ') and as Liquid ({ and }, so no
// `{{ … }}` or `{% … %}` can form from data). Only the template's literal text is trusted.

/** Markup that has already been escaped (or is literal template text). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '{': '&#123;',
  '}': '&#125;',
};

export const escapeHtml = (text: string): string => text.replace(/[&<>"'{}]/g, (c) => ENTITIES[c]!);

/** What may be interpolated: escaped text, nested markup, or lists of either; nullish and false render nothing. */
export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}
