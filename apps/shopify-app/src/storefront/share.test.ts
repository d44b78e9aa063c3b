// Runs the share block's script (extensions/referral-embed/assets/share.js) in node:vm against a
// small fake of the DOM the block renders (blocks/share.liquid), a fake fetch for the app proxy
// (answering what GET /proxy/link answers, see proxy.int.test.ts), a fake clipboard and share sheet.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';

const extension = new URL('../../extensions/referral-embed/', import.meta.url);
const script = readFileSync(new URL('assets/share.js', extension), 'utf8');
const markup = readFileSync(new URL('blocks/share.liquid', extension), 'utf8');

/** An element with attributes, children and the few properties share.js uses. */
class FakeElement {
  hidden = false;
  textContent = '';
  value = '';
  selected = false;
  readonly attributes = new Map<string, string>();
  readonly children: FakeElement[] = [];
  private readonly listeners = new Map<string, (() => void)[]>();

  constructor(attributes: Record<string, string> = {}, children: FakeElement[] = []) {
    for (const [name, value] of Object.entries(attributes)) this.attributes.set(name, value);
    this.hidden = 'hidden' in attributes;
    this.children = children;
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  click(): void {
    for (const listener of this.listeners.get('click') ?? []) listener();
  }
  select(): void {
    this.selected = true;
  }
  /** `[name]` and `[name="value"]` selectors only, which is all share.js asks for. */
  querySelectorAll(selector: string): FakeElement[] {
    const [name = '', quoted] = selector.slice(1, -1).split('=');
    const value = quoted === undefined ? undefined : JSON.parse(quoted);
    const found: FakeElement[] = [];
    const walk = (element: FakeElement) => {
      for (const child of element.children) {
        const actual = child.getAttribute(name);
        if (actual !== null && (value === undefined || actual === value)) found.push(child);
        walk(child);
      }
    };
    walk(this);
    return found;
  }
  querySelector(selector: string): FakeElement | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }
}

type Proxy = { status: number; body?: unknown } | 'reject';
type PageOptions = {
  loggedIn?: boolean;
  proxy?: Proxy;
  proxyPath?: string;
  clipboard?: 'works' | 'rejects' | 'missing';
  /** Whether the browser has navigator.share (phones do; desktop Chromium on Linux does not). */
  shareSheet?: boolean;
};
const NETWORKS = ['whatsapp', 'sms', 'email', 'x', 'facebook'];
const URL_ = 'https://acme.example/r/ANNA-10';
const TEXT = "Here's 15% off your first order. (I get $10.00 in store credit if you order.)";
const MESSAGE = `Here's 15% off your first order: ${URL_} (I get $10.00 in store credit if you order.)`;
const ADVOCATE = { code: 'ANNA-10', url: URL_, headline: 'Give 15%, get $10', text: TEXT, message: MESSAGE };

/** The block as share.liquid renders it, as a fake DOM tree. */
function renderBlock(loggedIn: boolean, proxyPath: string) {
  const el = (attributes: Record<string, string> = {}, children: FakeElement[] = []) =>
    new FakeElement(attributes, children);
  const parts = {
    body: el({ 'data-referral-body': '', hidden: '' }),
    code: el({ 'data-referral-code': '' }),
    link: el({ 'data-referral-link': '' }),
    copy: el({ 'data-referral-copy': '' }),
    copied: el({ 'data-referral-copied': '', hidden: '' }),
    unavailable: el({ 'data-referral-unavailable': '', hidden: '' }),
    offer: el({ 'data-referral-offer': '', hidden: '' }),
    join: el({ 'data-referral-join': '', hidden: '' }),
    joinLink: el({ 'data-referral-join-link': '' }),
    native: el({ 'data-share-native': '', hidden: '' }),
    shares: NETWORKS.map((network) => el({ 'data-share': network })),
  };
  parts.body.children.push(
    parts.code,
    parts.link,
    parts.copy,
    parts.copied,
    el({}, [...parts.shares, parts.native]),
  );
  parts.join.children.push(parts.joinLink);
  const root = el(
    {
      'data-referral-share': '',
      'data-proxy-path': proxyPath,
      'data-email-subject': 'A gift for you from Acme',
    },
    loggedIn
      ? [parts.offer, el({}, [parts.body]), parts.join, parts.unavailable]
      : [el({ href: '/account/login' })],
  );
  return { root, ...parts };
}

async function openPage(options: PageOptions = {}) {
  const block = renderBlock(options.loggedIn ?? true, options.proxyPath ?? '/apps/referrals');
  const fetches: { url: string; init: unknown }[] = [];
  const clipboardWrites: string[] = [];
  const execCommands: string[] = [];
  const shared: unknown[] = [];
  const proxy = options.proxy ?? { status: 200, body: ADVOCATE };
  const document = {
    querySelectorAll: (selector: string) => new FakeElement({}, [block.root]).querySelectorAll(selector),
    execCommand: (command: string) => {
      execCommands.push(command);
      return true;
    },
  };
  const clipboard = {
    writeText: (text: string) => {
      clipboardWrites.push(text);
      return options.clipboard === 'rejects'
        ? Promise.reject(new Error('NotAllowedError'))
        : Promise.resolve();
    },
  };
  const window = {
    document,
    navigator: {
      ...(options.clipboard === 'missing' ? {} : { clipboard }),
      ...(options.shareSheet
        ? {
            share: (data: unknown) => {
              shared.push(data);
              return Promise.resolve();
            },
          }
        : {}),
    },
    URL,
    fetch: (url: string, init: unknown) => {
      fetches.push({ url, init });
      if (proxy === 'reject') return Promise.reject(new TypeError('Failed to fetch'));
      return Promise.resolve({
        ok: proxy.status < 300,
        status: proxy.status,
        json: async () => {
          if (proxy.body === undefined) throw new SyntaxError('Unexpected end of JSON input');
          return proxy.body;
        },
      });
    },
  };
  runInNewContext(script, window, { filename: 'share.js' });
  await settle();
  return { ...block, fetches, clipboardWrites, execCommands, shared };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const hrefs = (shares: FakeElement[]) => shares.map((anchor) => anchor.getAttribute('href'));

test('share.js stays small: at most 2 KB gzipped (README gives the figure)', () => {
  expect(gzipSync(script, { level: 9 }).length).toBeLessThanOrEqual(2048);
});

test('every hook share.js uses is in the block markup', () => {
  for (const hook of [
    'data-referral-share',
    'data-proxy-path',
    'data-email-subject',
    'data-referral-offer',
    'data-referral-join',
    'data-referral-join-link',
    'data-share-native',
    'data-referral-body',
    'data-referral-code',
    'data-referral-link',
    'data-referral-copy',
    'data-referral-copied',
    'data-referral-unavailable',
    ...NETWORKS.map((network) => `data-share="${network}"`),
  ]) {
    expect(markup).toContain(hook);
    expect(script).toContain(hook.split('=')[0]);
  }
});

describe('a logged-in customer with a referral link', () => {
  test('sees the live offer, the code, the link and share links carrying the message', async () => {
    const page = await openPage();

    expect(page.fetches).toEqual([
      {
        url: '/apps/referrals/link',
        init: { credentials: 'same-origin', headers: { Accept: 'application/json' } },
      },
    ]);
    expect(page.body.hidden).toBe(false);
    expect(page.offer.hidden).toBe(false);
    expect(page.offer.textContent).toBe('Give 15%, get $10');
    expect(page.code.textContent).toBe('ANNA-10');
    expect(page.link.value).toBe(URL_);
    const enc = encodeURIComponent;
    expect(hrefs(page.shares)).toEqual([
      `https://wa.me/?text=${enc(MESSAGE)}`,
      `sms:?&body=${enc(MESSAGE)}`,
      `mailto:?subject=${enc('A gift for you from Acme')}&body=${enc(MESSAGE)}`,
      `https://twitter.com/intent/tweet?text=${enc(TEXT)}&url=${enc(URL_)}`,
      `https://www.facebook.com/sharer/sharer.php?u=${enc(URL_)}`,
    ]);
    expect(page.unavailable.hidden).toBe(true);
    expect(page.join.hidden).toBe(true);
    // No share sheet in this browser: its button stays hidden.
    expect(page.native.hidden).toBe(true);
  });

  test('opens the share sheet with the message and link where the browser has one', async () => {
    const page = await openPage({ shareSheet: true });
    expect(page.native.hidden).toBe(false);
    page.native.click();
    expect(page.shared).toEqual([{ text: TEXT, url: URL_ }]);
  });

  test('copies the link with the clipboard API', async () => {
    const page = await openPage();
    page.copy.click();
    await settle();

    expect(page.clipboardWrites).toEqual([URL_]);
    expect(page.execCommands).toEqual([]);
    expect(page.copied.hidden).toBe(false);
  });

  test.each(['missing', 'rejects'] as const)(
    'copies by selecting the field when the clipboard API %s',
    async (clipboard) => {
      const page = await openPage({ clipboard });
      page.copy.click();
      await settle();

      expect(page.link.selected).toBe(true);
      expect(page.execCommands).toEqual(['copy']);
      expect(page.copied.hidden).toBe(false);
    },
  );

  test('asks the proxy path the merchant configured, but never another host', async () => {
    expect((await openPage({ proxyPath: '/a/refer/' })).fetches[0]?.url).toBe('/a/refer/link');
    expect((await openPage({ proxyPath: '//evil.example' })).fetches[0]?.url).toBe('/apps/referrals/link');
    expect((await openPage({ proxyPath: 'https://evil.example' })).fetches[0]?.url).toBe(
      '/apps/referrals/link',
    );
  });
});

describe('a logged-in customer who has not joined', () => {
  test('is invited to join, with the live offer, on the proxy page that enrols them', async () => {
    const page = await openPage({
      proxyPath: '/a/refer/',
      proxy: {
        status: 404,
        body: { error: 'NOT_FOUND', message: 'No referral link.', join: { headline: 'Give 15%, get $10' } },
      },
    });
    expect(page.join.hidden).toBe(false);
    expect(page.joinLink.getAttribute('href')).toBe('/a/refer');
    expect(page.offer.textContent).toBe('Give 15%, get $10');
    expect(page.unavailable.hidden).toBe(true);
    expect(page.body.hidden).toBe(true);
  });

  test('a headline that is not text is not shown', async () => {
    const page = await openPage({ proxy: { status: 404, body: { join: { headline: { evil: 1 } } } } });
    expect(page.join.hidden).toBe(false);
    expect(page.offer.hidden).toBe(true);
  });
});

test('a logged-out visitor is sent to log in and brought back to the page', () => {
  expect(markup).toContain(
    '<a href="{{ routes.account_login_url }}?return_url={{ request.path | url_encode }}">',
  );
});

describe('no usable link', () => {
  test.each<[string, Proxy]>([
    ['the proxy has none for this customer', { status: 404 }],
    ['the proxy is down', 'reject'],
    ['the link is not https', { status: 200, body: { code: 'ANNA-10', url: 'javascript:alert(1)' } }],
    [
      'the code is not a code',
      { status: 200, body: { code: '<img src=x>', url: 'https://acme.example/r/x' } },
    ],
    ['the answer is not an object', { status: 200, body: null }],
    ['the answer is not JSON', { status: 502 }],
    ['the shop runs no programme', { status: 404, body: { error: 'NOT_FOUND' } }],
  ])('shows the unavailable line when %s', async (_case, proxy) => {
    const page = await openPage({ proxy });

    expect(page.unavailable.hidden).toBe(false);
    expect(page.body.hidden).toBe(true);
    expect(page.join.hidden).toBe(true);
    expect(hrefs(page.shares)).toEqual([null, null, null, null, null]);
  });

  test('a logged-out visitor causes no proxy request', async () => {
    const page = await openPage({ loggedIn: false });
    expect(page.fetches).toEqual([]);
  });
});
