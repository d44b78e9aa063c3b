// Runs the real storefront script (extensions/referral-embed/assets/referral-embed.js) in node:vm,
// one fresh window per page view, against small fakes of the browser APIs it touches. The cookie
// jar and sessionStorage outlive a page view, as they do in a browser tab; the clock is the
// browser's, moved by the test.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseCartTouches } from '../webhooks/cart-touches.js';
import {
  REFERRAL_CODE_ATTRIBUTE,
  REFERRAL_SIGNATURE_ATTRIBUTE,
  REFERRAL_TOUCHES_ATTRIBUTE,
  VISITOR_ID_ATTRIBUTE,
} from '../webhooks/payloads.js';

const scriptUrl = new URL('../../extensions/referral-embed/assets/referral-embed.js', import.meta.url);
const script = readFileSync(scriptUrl, 'utf8');
const embedBlock = readFileSync(new URL('../blocks/referral-embed.liquid', scriptUrl), 'utf8');

/** Keeps name=value per cookie like a browser: attributes are dropped, Max-Age <= 0 deletes. */
class CookieJar {
  readonly writes: string[] = [];
  private readonly values = new Map<string, string>();

  get header(): string {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  set(line: string): void {
    this.writes.push(line);
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq < 1) return;
    const name = pair.slice(0, eq).trim();
    const maxAge = attributes
      .map((attribute) => attribute.trim().split('='))
      .find(([key]) => key?.toLowerCase() === 'max-age')?.[1];
    if (maxAge !== undefined && Number(maxAge) <= 0) this.values.delete(name);
    else this.values.set(name, pair.slice(eq + 1).trim());
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }
}

type FetchCall = { url: string; init: { method?: string; headers?: Record<string, string>; body?: string } };
type FetchBehaviour = 'ok' | 'http-error' | 'reject' | 'missing';
type PageOptions = {
  dataset?: Record<string, string>;
  fetch?: FetchBehaviour;
  storage?: 'available' | 'blocked';
  shopifyRoot?: string;
  /** Evaluate the script this many times on the page (a theme that includes it twice). */
  loads?: number;
};

/** The browser's clock at the first page view, in epoch seconds. */
const T0 = 1_764_000_000;
const DAY = 86_400;

class Browser {
  /** Epoch seconds; tests move it between page views. */
  now = T0;
  readonly cookies = new CookieJar();
  readonly session = new Map<string, string>();
  readonly fetches: FetchCall[] = [];
  readonly consoleCalls: unknown[][] = [];

  /** One page view: a new window whose script runs, then every pending promise settles. */
  async visit(href: string, options: PageOptions = {}): Promise<void> {
    const url = new URL(href);
    const jar = this.cookies;
    const blocked = options.storage === 'blocked';
    const record = (...args: unknown[]) => this.consoleCalls.push(args);
    const window: Record<string, unknown> = {
      location: {
        href: url.href,
        protocol: url.protocol,
        host: url.host,
        pathname: url.pathname,
        search: url.search,
      },
      document: {
        currentScript: { dataset: { cookieDays: '30', ...options.dataset } },
        get cookie() {
          return jar.header;
        },
        set cookie(line: string) {
          jar.set(line);
        },
      },
      sessionStorage: {
        getItem: (key: string) => {
          if (blocked) throw new Error('SecurityError');
          return this.session.get(key) ?? null;
        },
        setItem: (key: string, value: string) => {
          if (blocked) throw new Error('SecurityError');
          this.session.set(key, String(value));
        },
      },
      URLSearchParams,
      Date: { now: () => this.now * 1000 },
      console: { log: record, info: record, warn: record, error: record, debug: record },
    };
    if (options.shopifyRoot) window.Shopify = { routes: { root: options.shopifyRoot } };
    if (options.fetch !== 'missing') {
      window.fetch = (input: string, init: FetchCall['init']) => {
        this.fetches.push({ url: input, init });
        if (options.fetch === 'reject') return Promise.reject(new TypeError('Failed to fetch'));
        return Promise.resolve({
          ok: options.fetch !== 'http-error',
          status: options.fetch === 'http-error' ? 500 : 200,
        });
      };
    }
    window.window = window;
    for (let i = 0; i < (options.loads ?? 1); i += 1)
      runInNewContext(script, window, { filename: 'referral-embed.js' });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  /** The attributes each cart update sent. */
  cartUpdates(): unknown[] {
    return this.fetches.map((call) => JSON.parse(call.init.body ?? 'null'));
  }
}

const visitorId = randomUUID();
const shop = 'https://acme.myshopify.com';
let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

test('the script stays small (under 3 KB gzipped, unminified)', () => {
  expect(gzipSync(script).length).toBeLessThan(3072);
});

test('the embed block writes the cart attributes the webhook mapper reads', () => {
  expect(embedBlock).toContain(`data-code-attribute="${REFERRAL_CODE_ATTRIBUTE}"`);
  expect(embedBlock).toContain(`data-visitor-attribute="${VISITOR_ID_ATTRIBUTE}"`);
  expect(embedBlock).toContain(`data-touches-attribute="${REFERRAL_TOUCHES_ATTRIBUTE}"`);
  expect(embedBlock).toContain(`data-signature-attribute="${REFERRAL_SIGNATURE_ATTRIBUTE}"`);
  expect(embedBlock).toContain(`src="{{ 'referral-embed.js' | asset_url }}"`);
  expect(embedBlock).toContain('"target": "body"');
});

describe('a friend arriving through a referral link', () => {
  test('keeps the code and visitor id in cookies and posts them to the cart once', async () => {
    const browser = new Browser();
    await browser.visit(`${shop}/products/hat?ref=ABC123&rv=${visitorId}`);

    expect(browser.cookies.get('_ref_code')).toBe('ABC123');
    expect(browser.cookies.get('_ref_vid')).toBe(visitorId);
    for (const name of ['_ref_code', '_ref_vid']) {
      const write = browser.cookies.writes.find((line) => line.startsWith(`${name}=`));
      expect(write).toContain('Path=/');
      expect(write).toContain('SameSite=Lax');
      expect(write).toContain(`Max-Age=${30 * 86400}`);
      expect(write).toContain('Secure');
    }
    expect(browser.fetches).toHaveLength(1);
    expect(browser.fetches[0]).toMatchObject({
      url: '/cart/update.js',
      init: { method: 'POST', headers: { 'Content-Type': 'application/json' } },
    });
    expect(browser.cartUpdates()).toEqual([
      {
        attributes: {
          _referral_code: 'ABC123',
          _referral_sig: '',
          _referral_touches: `ABC123:${T0}:${T0}`,
          _referral_visitor: visitorId,
        },
      },
    ]);
    expect(browser.consoleCalls).toEqual([]);
  });

  test('a second page view without parameters posts nothing', async () => {
    const browser = new Browser();
    await browser.visit(`${shop}/?ref=ABC123&rv=${visitorId}`);
    await browser.visit(`${shop}/collections/all`);
    await browser.visit(`${shop}/products/hat`);

    expect(browser.fetches).toHaveLength(1);
    expect(browser.cookies.get('_ref_code')).toBe('ABC123');
  });

  test('a later session with only the cookies writes the cart again, once', async () => {
    const browser = new Browser();
    await browser.visit(`${shop}/?ref=ABC123&rv=${visitorId}`);
    browser.session.clear(); // the tab was closed; the cookies remain
    await browser.visit(`${shop}/cart`);
    await browser.visit(`${shop}/cart`);

    const written = {
      attributes: {
        _referral_code: 'ABC123',
        _referral_sig: '',
        _referral_touches: `ABC123:${T0}:${T0}`,
        _referral_visitor: visitorId,
      },
    };
    expect(browser.cartUpdates()).toEqual([written, written]);
  });

  test('a new referral code becomes the latest, and the history keeps both with their times', async () => {
    const browser = new Browser();
    await browser.visit(`${shop}/?ref=ABC123&rv=${visitorId}`);
    browser.now = T0 + DAY;
    await browser.visit(`${shop}/?ref=NEW-CODE_2`);

    expect(browser.cookies.get('_ref_code')).toBe('NEW-CODE_2');
    expect(browser.cookies.get('_ref_touches')).toBe(`ABC123:${T0}:${T0}|NEW-CODE_2:${T0 + DAY}:${T0 + DAY}`);
    expect(browser.cartUpdates().at(-1)).toEqual({
      attributes: {
        _referral_code: 'NEW-CODE_2',
        _referral_sig: '',
        _referral_touches: `ABC123:${T0}:${T0}|NEW-CODE_2:${T0 + DAY}:${T0 + DAY}`,
        _referral_visitor: visitorId,
      },
    });
  });

  test('the cookie lifetime comes from the block setting; plain http gets no Secure flag', async () => {
    const browser = new Browser();
    await browser.visit('http://localhost:9292/?ref=ABC123', { dataset: { cookieDays: '7' } });

    const write = browser.cookies.writes.find((line) => line.startsWith('_ref_code='));
    expect(write).toContain(`Max-Age=${7 * 86400}`);
    expect(write).not.toContain('Secure');
    expect(browser.cartUpdates()).toEqual([
      {
        attributes: { _referral_code: 'ABC123', _referral_sig: '', _referral_touches: `ABC123:${T0}:${T0}` },
      },
    ]);
  });

  test('a storefront under a locale path posts to its own cart route', async () => {
    const browser = new Browser();
    await browser.visit(`${shop}/fr/?ref=ABC123`, { shopifyRoot: '/fr/' });
    expect(browser.fetches.map((call) => call.url)).toEqual(['/fr/cart/update.js']);
  });

  test('included twice on a page, it still posts once', async () => {
    const browser = new Browser();
    await browser.visit(`${shop}/?ref=ABC123`, { loads: 2 });
    expect(browser.fetches).toHaveLength(1);
  });
});

describe('the touch history (first- and last-touch)', () => {
  test('a code seen again keeps its first time and moves its last; the latest code is the cart code', async () => {
    const browser = new Browser();
    await browser.visit(`${shop}/?ref=ADA111&rv=${visitorId}`);
    browser.now = T0 + 2 * DAY;
    await browser.visit(`${shop}/?ref=BOB222`);
    browser.now = T0 + 5 * DAY;
    await browser.visit(`${shop}/?ref=ada-111`); // the same code, as the engine normalises it

    const history = `ADA111:${T0}:${T0 + 5 * DAY}|BOB222:${T0 + 2 * DAY}:${T0 + 2 * DAY}`;
    expect(browser.cookies.get('_ref_touches')).toBe(history);
    expect(browser.cartUpdates().at(-1)).toMatchObject({
      attributes: { _referral_code: 'ada-111', _referral_touches: history },
    });
    // What the embed writes is what the webhook mapper accepts.
    expect(parseCartTouches(history, new Date((T0 + 6 * DAY) * 1000))).toEqual({
      cartTouches: [
        { code: 'ADA111', firstSeenAt: new Date(T0 * 1000), lastSeenAt: new Date((T0 + 5 * DAY) * 1000) },
        {
          code: 'BOB222',
          firstSeenAt: new Date((T0 + 2 * DAY) * 1000),
          lastSeenAt: new Date((T0 + 2 * DAY) * 1000),
        },
      ],
      cartTouchesNote: null,
    });
  });

  test('holds at most 5 codes: the first stays, the least recently seen of the others goes', async () => {
    const browser = new Browser();
    for (const [i, code] of ['AAA111', 'BBB222', 'CCC333', 'DDD444', 'EEE555', 'FFF666'].entries()) {
      browser.now = T0 + i * 60;
      await browser.visit(`${shop}/?ref=${code}`);
    }
    const codes = (browser.cookies.get('_ref_touches') ?? '').split('|').map((e) => e.split(':')[0]);
    expect(codes).toEqual(['AAA111', 'CCC333', 'DDD444', 'EEE555', 'FFF666']);
  });

  test('entries older than the cookie life are forgotten; tampered entries are dropped', async () => {
    const browser = new Browser();
    browser.cookies.set(
      `_ref_touches=OLD111:${T0 - 40 * DAY}:${T0 - 31 * DAY}|<b>:1:2|BAD222:${T0}:${T0 - 1}|KEEP33:${T0 - DAY}:${T0 - DAY}; Path=/`,
    );
    browser.cookies.set('_ref_code=KEEP33; Path=/');
    await browser.visit(`${shop}/`);
    expect(browser.cartUpdates()).toEqual([
      {
        attributes: {
          _referral_code: 'KEEP33',
          _referral_sig: '',
          _referral_touches: `KEEP33:${T0 - DAY}:${T0 - DAY}`,
        },
      },
    ]);
  });
});

describe('the link signature (?rs=)', () => {
  const sig = 'c2lnbmF0dXJlLW9mLWFkYQ';

  test('is kept with its code and posted as _referral_sig; the same code without rs keeps it', async () => {
    const browser = new Browser();
    await browser.visit(`${shop}/?ref=ADA111&rv=${visitorId}&rs=${sig}`);
    expect(browser.cookies.get('_ref_sig')).toBe(`ADA111:${sig}`);
    browser.session.clear();
    await browser.visit(`${shop}/?ref=ADA111`);
    expect(browser.cartUpdates().map((u) => (u as { attributes: object }).attributes)).toEqual([
      expect.objectContaining({ _referral_code: 'ADA111', _referral_sig: sig }),
      expect.objectContaining({ _referral_code: 'ADA111', _referral_sig: sig }),
    ]);
  });

  test('a new code without its own rs drops the old signature (and clears it on the cart)', async () => {
    const browser = new Browser();
    await browser.visit(`${shop}/?ref=ADA111&rs=${sig}`);
    await browser.visit(`${shop}/?ref=BOB222`);
    expect(browser.cookies.get('_ref_sig')).toBeUndefined();
    expect(browser.cartUpdates().at(-1)).toMatchObject({
      attributes: { _referral_code: 'BOB222', _referral_sig: '' },
    });
  });

  test.each([
    ['too short', 'abc'],
    ['too long', 'a'.repeat(65)],
    ['not base64url', encodeURIComponent('abc+def/ghi=jklmnop')],
  ])('ignores a signature that is %s', async (_case, rs) => {
    const browser = new Browser();
    await browser.visit(`${shop}/?ref=ADA111&rs=${rs}`);
    expect(browser.cookies.get('_ref_sig')).toBeUndefined();
    expect(browser.cartUpdates()).toEqual([
      expect.objectContaining({ attributes: expect.objectContaining({ _referral_sig: '' }) }),
    ]);
  });

  test('a signature without a code, or paired with another code in a tampered cookie, is not sent', async () => {
    const browser = new Browser();
    await browser.visit(`${shop}/?rs=${sig}&rv=${visitorId}`);
    expect(browser.cookies.get('_ref_sig')).toBeUndefined();
    browser.cookies.set(`_ref_sig=OTHER1:${sig}; Path=/`);
    browser.session.clear();
    await browser.visit(`${shop}/?ref=ADA111`);
    expect(browser.cartUpdates().at(-1)).toMatchObject({ attributes: { _referral_sig: '' } });
  });
});

describe('untrusted input', () => {
  test.each([
    ['a script tag', encodeURIComponent('<script>alert(1)</script>')],
    ['a cookie attribute injection', encodeURIComponent('ABC123; Domain=evil.example')],
    ['a code over 32 characters', 'A'.repeat(33)],
    ['a code under 3 characters', 'AB'],
    ['an empty code', ''],
  ])('ignores %s as ?ref=', async (_case, ref) => {
    const browser = new Browser();
    await browser.visit(`${shop}/?ref=${ref}&rv=${encodeURIComponent('"><img src=x>')}`);

    expect(browser.cookies.writes).toEqual([]);
    expect(browser.fetches).toEqual([]);
  });

  test('a bad ?ref= leaves an earlier valid referral in place', async () => {
    const browser = new Browser();
    await browser.visit(`${shop}/?ref=ABC123&rv=${visitorId}`);
    await browser.visit(`${shop}/?ref=${encodeURIComponent('<script>')}&rv=short`);

    expect(browser.cookies.get('_ref_code')).toBe('ABC123');
    expect(browser.cookies.get('_ref_vid')).toBe(visitorId);
    expect(browser.fetches).toHaveLength(1);
  });

  test('tampered cookies are not sent to the cart', async () => {
    const browser = new Browser();
    browser.cookies.set('_ref_code=<b>x</b>; Path=/');
    browser.cookies.set(`_ref_vid=${'x'.repeat(65)}; Path=/`);
    await browser.visit(`${shop}/`);
    expect(browser.fetches).toEqual([]);
  });
});

describe('failures stay silent', () => {
  test('fetch rejecting does not throw, and the next page view tries again', async () => {
    const browser = new Browser();
    await expect(browser.visit(`${shop}/?ref=ABC123`, { fetch: 'reject' })).resolves.toBeUndefined();
    await browser.visit(`${shop}/`);

    expect(browser.fetches).toHaveLength(2);
    expect(browser.consoleCalls).toEqual([]);
  });

  test('an HTTP error from the cart is retried on the next page view', async () => {
    const browser = new Browser();
    await browser.visit(`${shop}/?ref=ABC123`, { fetch: 'http-error' });
    await browser.visit(`${shop}/`);
    await browser.visit(`${shop}/`);

    expect(browser.fetches).toHaveLength(2);
  });

  test('no fetch at all still sets the cookies and throws nothing', async () => {
    const browser = new Browser();
    await browser.visit(`${shop}/?ref=ABC123`, { fetch: 'missing' });
    expect(browser.cookies.get('_ref_code')).toBe('ABC123');
  });

  test('with sessionStorage blocked, a session cookie remembers the write', async () => {
    const browser = new Browser();
    await browser.visit(`${shop}/?ref=ABC123&rv=${visitorId}`, { storage: 'blocked' });
    await browser.visit(`${shop}/`, { storage: 'blocked' });

    expect(browser.fetches).toHaveLength(1);
    const marker = browser.cookies.writes.find((line) => line.startsWith('_ref_synced='));
    expect(marker).toBeDefined();
    expect(marker).not.toContain('Max-Age');
  });
});
