// The sandbox storefront (sandbox mode only; composeShopify starts it, never with real
// credentials): what Shopify's Online Store would be for the demo shop, so the printed demo link
// can be walked on this machine. GET / (a product) and /cart load the real theme embed script;
// /cart.js and /cart/update.js keep each browser's cart; /apps/referrals/* is the signed app
// proxy; POST /checkout is the emulator's checkout (the real Discount Function) followed by the
// orders/create and orders/paid webhooks Shopify would send, then the thank-you page.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { ShopifyEmulator } from '@referrals/shopify-emulator';
import express, { type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { readCookie } from '../../links/link-input.js';
import { SafeHtml } from '../../proxy/html.js';
import { deliverWebhook } from '../public-paths.js';
import { CART_COOKIE, Carts, cartJson, cartUpdateSchema } from './carts.js';
import {
  cartPage,
  layout,
  loginPage,
  money,
  type OrderSummary,
  PRODUCT,
  productPage,
  type Shopper,
  thankYouPage,
} from './pages.js';
import { forwardToProxy, PROXY_PREFIX } from './proxy-forward.js';

export type SandboxStorefrontOptions = {
  emulator: ShopifyEmulator;
  shop: string;
  /** Where the app listens: the proxy and the webhooks go there. */
  appUrl: string;
  /** The sandbox's one customer account (the demo advocate), for the stand-in log-in. */
  customer: { id: string; firstName: string };
  logger: Logger;
  port?: number;
};

export type SandboxStorefront = { url: string; close(): Promise<void> };

const ASSETS = new URL('../../../extensions/referral-embed/assets/', import.meta.url);
const ASSET_FILES = new Set(['referral-embed.js', 'share.js']);
const CUSTOMER_COOKIE = 'sandbox_customer';
const checkoutFormSchema = z.object({
  email: z.email().max(254),
  discount: z.string().trim().max(64).optional(),
});
const addFormSchema = z.object({ handle: z.literal(PRODUCT.handle) });

export async function startSandboxStorefront(options: SandboxStorefrontOptions): Promise<SandboxStorefront> {
  const { emulator, shop, logger } = options;
  const currency = emulator.shop(shop).currencyCode;
  const carts = new Carts();
  const orders = new Map<string, OrderSummary>();
  const app = express();
  app.disable('x-powered-by');

  const cartOf = (req: Request, res: Response) => {
    const cart = carts.get(readCookie(req.headers.cookie, CART_COOKIE));
    res.cookie(CART_COOKIE, cart.token, { httpOnly: true, sameSite: 'lax', path: '/' });
    return cart;
  };
  const shopperOf = (req: Request): Shopper =>
    readCookie(req.headers.cookie, CUSTOMER_COOKIE) === '1'
      ? { customerId: options.customer.id.split('/').pop() ?? null, name: options.customer.firstName }
      : { customerId: null, name: null };
  const page = (req: Request, res: Response, title: string, body: Parameters<typeof layout>[0]['body']) =>
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(layout({ title, cart: cartOf(req, res), shopper: shopperOf(req), body }));

  // GET /assets/:file - the theme extension's assets, served as the theme's asset_url would
  app.get('/assets/:file', async (req, res) => {
    if (!ASSET_FILES.has(req.params.file)) return void res.sendStatus(404);
    res.type('js').send(await readFile(new URL(req.params.file, ASSETS), 'utf8'));
  });
  // GET / - the product page (where /r/:code lands)
  app.get(['/', `/products/${PRODUCT.handle}`], (req, res) =>
    page(
      req,
      res,
      PRODUCT.title,
      productPage(currency, req.query.added === '1', cartOf(req, res).attributes._referral_code ?? null),
    ),
  );
  // POST /cart/add - the product form
  app.post('/cart/add', express.urlencoded({ extended: false }), (req, res) => {
    if (!addFormSchema.safeParse(req.body).success) return void res.status(422).send('Unknown product');
    carts.add(cartOf(req, res), PRODUCT, 1);
    res.redirect(303, '/?added=1');
  });
  // GET /cart.js - Shopify's Ajax cart
  app.get('/cart.js', (req, res) => res.json(cartJson(cartOf(req, res), currency)));
  // POST /cart/update.js - the embed writes its attributes here
  app.post('/cart/update.js', express.json({ limit: '16kb' }), (req, res) => {
    const body = cartUpdateSchema.safeParse(req.body);
    if (!body.success)
      return void res.status(422).json({ message: 'Invalid cart update', errors: body.error.issues });
    const cart = cartOf(req, res);
    carts.updateAttributes(cart, body.data.attributes ?? {});
    res.json(cartJson(cart, currency));
  });
  // GET /cart - the cart page
  app.get('/cart', (req, res) => page(req, res, 'Your cart', cartPage(cartOf(req, res), currency, null)));
  // POST /checkout - the emulator's checkout, then Shopify's order webhooks, then thank-you
  app.post('/checkout', express.urlencoded({ extended: false }), async (req, res) => {
    const cart = cartOf(req, res);
    const form = checkoutFormSchema.safeParse(req.body);
    if (!form.success || cart.lines.length === 0) {
      const why = cart.lines.length === 0 ? 'Your cart is empty.' : 'Enter a valid email address.';
      return void res
        .status(422)
        .type('html')
        .send(
          layout({ title: 'Your cart', cart, shopper: shopperOf(req), body: cartPage(cart, currency, why) }),
        );
    }
    const shopper = shopperOf(req);
    const result = emulator.checkout(shop, {
      lines: cart.lines.map((l) => ({
        title: l.title,
        price: (l.priceMinor / 100).toFixed(2),
        quantity: l.quantity,
      })),
      email: form.data.email,
      customerId: shopper.customerId ? options.customer.id : null,
      attributes: { ...cart.attributes },
      discountCode: form.data.discount || null,
      clientIp: req.ip ?? null,
      landingPageUrl: null,
    });
    if (!result.ok) {
      return void res
        .status(422)
        .type('html')
        .send(layout({ title: 'Your cart', cart, shopper, body: cartPage(cart, currency, result.error) }));
    }
    const orderId = String(result.order.legacyId);
    try {
      // Shopify sends both for a paid checkout; the app handles them in either order.
      for (const topic of ['orders/create', 'orders/paid']) {
        const payload = result.webhookPayload;
        await deliverWebhook(options.appUrl, {
          shop,
          secret: emulator.apiSecret,
          topic,
          eventId: randomUUID(),
          payload,
        });
      }
    } catch (error) {
      logger.error({ err: error, order: orderId }, 'sandbox storefront: the app refused the order webhooks');
    }
    orders.set(orderId, {
      name: result.order.name,
      email: form.data.email,
      subtotalMinor: result.subtotalMinor,
      totalMinor: result.totalMinor,
      currency,
      discounts: result.discounts.map((d) => ({ title: d.title, amountMinor: d.amountMinor })),
      referralCode: cart.attributes._referral_code ?? null,
    });
    logger.info(
      {
        order: orderId,
        total: money(result.totalMinor, currency),
        referral: cart.attributes._referral_code ?? null,
      },
      'sandbox storefront: order placed; orders/create and orders/paid sent to the app',
    );
    carts.clear(cart);
    res.redirect(303, `/thank-you/${encodeURIComponent(orderId)}`);
  });
  // GET /thank-you/:order - Shopify's order status page, reduced to its summary
  app.get('/thank-you/:order', (req, res) => {
    const order = orders.get(req.params.order);
    if (!order) return void res.status(404).type('html').send('Unknown order');
    page(req, res, 'Thank you', thankYouPage(order));
  });
  // GET/POST /account/login, GET /account/logout - a stand-in for customer accounts
  app.get('/account/login', (req, res) => page(req, res, 'Log in', loginPage()));
  app.post('/account/login', (_req, res) => {
    res.cookie(CUSTOMER_COOKIE, '1', { httpOnly: true, sameSite: 'lax', path: '/' });
    res.redirect(303, PROXY_PREFIX);
  });
  app.get('/account/logout', (_req, res) => {
    res.clearCookie(CUSTOMER_COOKIE, { path: '/' });
    res.redirect(303, '/');
  });
  // ALL /apps/referrals/* - the app proxy, signed as Shopify signs it
  app.use(PROXY_PREFIX, express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    const shopper = shopperOf(req);
    try {
      const answer = await forwardToProxy(req, {
        appUrl: options.appUrl,
        shop,
        customerId: shopper.customerId,
        secret: emulator.apiSecret,
      });
      if (answer.location) res.set('Location', answer.location);
      if (!answer.liquid) return void res.status(answer.status).type(answer.contentType).send(answer.body);
      const body = new SafeHtml(answer.body.toString('utf8'));
      res
        .status(answer.status)
        .type('html')
        .send(layout({ title: 'Referrals', cart: cartOf(req, res), shopper, body }));
    } catch (error) {
      logger.error({ err: error }, 'sandbox storefront: the app proxy did not answer');
      res.status(502).type('html').send('The app did not answer the proxy request.');
    }
  });

  const server = app.listen(options.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
