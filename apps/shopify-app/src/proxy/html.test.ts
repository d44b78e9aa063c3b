import { expect, test } from 'vitest';
import { escapeHtml, html } from './html.js';

test.each([
  ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
  [`" onmouseover='x'`, '&quot; onmouseover=&#39;x&#39;'],
  ['Tom & Jerry', 'Tom &amp; Jerry'],
  ['{{ customer.email }}', '&#123;&#123; customer.email &#125;&#125;'],
  ['{% render "x" %}', '&#123;% render &quot;x&quot; %&#125;'],
  ['plain text', 'plain text'],
])('escapeHtml(%j)', (input, expected) => {
  expect(escapeHtml(input)).toBe(expected);
});

test('values are escaped, nested templates and lists are not escaped twice, nothing renders for nullish', () => {
  const name = '<b>{{x}}</b>';
  const items = ['a&b', html`<i>${'<c>'}</i>`];
  const page = html`<p title="${name}">${name}</p><ul>${items.map((i) => html`<li>${i}</li>`)}</ul>${null}${undefined}${false}${0}`;
  expect(page.value).toBe(
    '<p title="&lt;b&gt;&#123;&#123;x&#125;&#125;&lt;/b&gt;">&lt;b&gt;&#123;&#123;x&#125;&#125;&lt;/b&gt;</p>' +
      '<ul><li>a&amp;b</li><li><i>&lt;c&gt;</i></li></ul>0',
  );
  expect(String(page)).toBe(page.value);
});
