// Runs the real storefront script (extensions/referral-embed/assets/referral-embed.js) in node:vm,
// one fresh window per page view, against small fakes of the browser APIs it touches. The cookie
// jar and sessionStorage outlive a page view, as they do in a browser tab.
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { REFERRAL_CODE_ATTRIBUTE, VISITOR_ID_ATTRIBUTE } from '../webhooks/payloads.js';

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

class Browser {
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

test('the script stays small (under 4 KB unminified)', () => {
  expect(statSync(scriptUrl).size).toBeLessThan(4096);
});

test('the embed block writes the cart attributes the webhook mapper reads', () => {
  expect(embedBlock).toContain(`data-code-attribute="${REFERRAL_CODE_ATTRIBUTE}"`);
  expect(embedBlock).toContain(`data-visitor-attribute="${VISITOR_ID_ATTRIBUTE}"`);
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
      { attributes: { _referral_code: 'ABC123', _referral_visitor: visitorId } },
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

    expect(browser.cartUpdates()).toEqual([
      { attributes: { _referral_code: 'ABC123', _referral_visitor: visitorId } },
      { attributes: { _referral_code: 'ABC123', _referral_visitor: visitorId } },
    ]);
  });

  test('a new referral code replaces the old one and is posted', async () => {
    const browser = new Browser();
    await browser.visit(`${shop}/?ref=ABC123&rv=${visitorId}`);
    await browser.visit(`${shop}/?ref=NEW-CODE_2`);

    expect(browser.cookies.get('_ref_code')).toBe('NEW-CODE_2');
    expect(browser.cartUpdates().at(-1)).toEqual({
      attributes: { _referral_code: 'NEW-CODE_2', _referral_visitor: visitorId },
    });
  });

  test('the cookie lifetime comes from the block setting; plain http gets no Secure flag', async () => {
    const browser = new Browser();
    await browser.visit('http://localhost:9292/?ref=ABC123', { dataset: { cookieDays: '7' } });

    const write = browser.cookies.writes.find((line) => line.startsWith('_ref_code='));
    expect(write).toContain(`Max-Age=${7 * 86400}`);
    expect(write).not.toContain('Secure');
    expect(browser.cartUpdates()).toEqual([{ attributes: { _referral_code: 'ABC123' } }]);
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
