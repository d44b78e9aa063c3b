// Sandbox only: a stand-in for the Shopify theme editor's deep links, so the admin's "Turn on in
// theme editor" and "Add block" lead somewhere offline. GET /sandbox/theme-editor?shop=…&
// activateAppId={key}/{handle} (or addAppBlockId={key}/{handle}) shows the published theme's app
// embed with a switch and the share block with "Add to home page"; each is a form POSTed to the
// same URL, which writes what the real editor writes (setAppEmbed, placeAppBlock) and redirects
// back. "Back to the admin" goes to return_to, accepted only on http://localhost or 127.0.0.1.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './http.js';
import { readThemeJson, type ShopState } from './store.js';

export const THEME_EDITOR_PATH = '/sandbox/theme-editor';

const DEFAULT_EMBED = 'referral-embed';
const DEFAULT_BLOCK = 'share';
const HOME_TEMPLATE = 'templates/index.json';

/** The names the extension's blocks give themselves ({% schema %} "name"). */
const BLOCK_NAMES: Record<string, string> = {
  'referral-embed': 'Referral tracking',
  share: 'Referral share',
};

export type ThemeEditorContext = {
  apiKey: string;
  /** The installed shop's state, or undefined. */
  shop(domain: string): ShopState | undefined;
};

/** A return URL the page may link to: plain http on this machine only (never an open redirect). */
export function isLocalReturnUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === 'http:' &&
    (url.hostname === 'localhost' || url.hostname === '127.0.0.1') &&
    url.username === '' &&
    url.password === ''
  );
}

type EditorQuery = {
  shop: string;
  embedHandle: string;
  blockHandle: string;
  returnTo: string | null;
  /** The query string the page was opened with, rebuilt from the checked parameters. */
  search: string;
};

/** `{api key}/{handle}`: the handle when the key is this app's, null when it is another app's. */
function appHandle(value: string | null, apiKey: string, fallback: string): string | null {
  if (value === null || value === '') return fallback;
  const slash = value.lastIndexOf('/');
  if (slash < 0) return null;
  const key = value.slice(0, slash);
  const handle = value.slice(slash + 1);
  return key === apiKey && /^[a-z0-9_-]+$/i.test(handle) ? handle : null;
}

function parseQuery(url: URL, ctx: ThemeEditorContext): EditorQuery | { status: number; message: string } {
  const params = url.searchParams;
  const shop = params.get('shop') ?? '';
  if (!shop) return { status: 400, message: 'The shop parameter is missing.' };
  const embedHandle = appHandle(params.get('activateAppId'), ctx.apiKey, DEFAULT_EMBED);
  const blockHandle = appHandle(params.get('addAppBlockId'), ctx.apiKey, DEFAULT_BLOCK);
  if (!embedHandle || !blockHandle) return { status: 404, message: 'No such app is installed on this shop.' };
  const returnTo = params.get('return_to');
  if (returnTo !== null && !isLocalReturnUrl(returnTo)) {
    return {
      status: 400,
      message: 'The return URL is refused: only http://localhost and http://127.0.0.1 addresses are allowed.',
    };
  }
  const search = new URLSearchParams({ shop });
  for (const name of ['activateAppId', 'addAppBlockId', 'template', 'context', 'target', 'return_to']) {
    const value = params.get(name);
    if (value !== null) search.set(name, value);
  }
  return { shop, embedHandle, blockHandle, returnTo, search: search.toString() };
}

const blockTypeOf = (handle: string) => new RegExp(`^shopify://apps/[^/]+/blocks/${handle}/`);

const valuesOf = (record: unknown): Record<string, unknown>[] =>
  typeof record === 'object' && record !== null ? (Object.values(record) as Record<string, unknown>[]) : [];

function embedEnabled(state: ShopState, handle: string): boolean {
  const data = readThemeJson(state.mainTheme().files.get('config/settings_data.json'));
  const current = data?.current as { blocks?: unknown } | undefined;
  return valuesOf(current?.blocks).some(
    (b) => typeof b.type === 'string' && blockTypeOf(handle).test(b.type) && b.disabled !== true,
  );
}

function blockOnHomePage(state: ShopState, handle: string): boolean {
  const data = readThemeJson(state.mainTheme().files.get(HOME_TEMPLATE));
  return valuesOf(data?.sections).some(
    (section) =>
      section.disabled !== true &&
      valuesOf(section.blocks).some(
        (b) => typeof b.type === 'string' && blockTypeOf(handle).test(b.type) && b.disabled !== true,
      ),
  );
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; background: #f1f1f1; color: #303030; }
main { max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
.note { color: #616161; margin: 0 0 1.5rem; }
section { background: #fff; border-radius: .75rem; padding: 1rem 1.25rem; margin-bottom: 1rem; box-shadow: 0 1px 2px rgba(0,0,0,.15); }
h2 { font-size: 1rem; margin: 0 0 .75rem; }
.row { display: flex; align-items: center; justify-content: space-between; gap: 1rem; }
.status { color: #616161; font-size: .9rem; }
form { margin: 0; }
button { font: inherit; cursor: pointer; border-radius: .5rem; border: 1px solid #8a8a8a; background: #fff; padding: .35rem .9rem; }
button.primary { background: #303030; color: #fff; border-color: #303030; }
button[role=switch] { width: 3rem; height: 1.6rem; padding: 0; border-radius: 1rem; background: #b5b5b5; border: none; position: relative; }
button[role=switch]::after { content: ""; position: absolute; top: .2rem; left: .2rem; width: 1.2rem; height: 1.2rem; border-radius: 50%; background: #fff; transition: left .1s; }
button[role=switch][aria-checked=true] { background: #29845a; }
button[role=switch][aria-checked=true]::after { left: 1.6rem; }
a { color: #005bd3; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    'cache-control': 'no-store',
  });
  res.end(html);
}

function editorPage(state: ShopState, query: EditorQuery): string {
  const theme = state.mainTheme();
  const embedName = BLOCK_NAMES[query.embedHandle] ?? query.embedHandle;
  const blockName = BLOCK_NAMES[query.blockHandle] ?? query.blockHandle;
  const on = embedEnabled(state, query.embedHandle);
  const placed = blockOnHomePage(state, query.blockHandle);
  const action = escapeHtml(`${THEME_EDITOR_PATH}?${query.search}`);
  const back = query.returnTo ? `<p><a href="${escapeHtml(query.returnTo)}">Back to the admin</a></p>` : '';
  return page(
    `Sandbox theme editor — ${theme.name}`,
    `<h1>Sandbox theme editor — ${escapeHtml(theme.name)} (your published theme)</h1>
<p class="note">A stand-in for Shopify's theme editor in sandbox mode: changes are written to the emulated shop ${escapeHtml(query.shop)}, as the real editor would save them.</p>
<section aria-labelledby="embeds">
<h2 id="embeds">App embeds</h2>
<form method="post" action="${action}" class="row">
<span><strong>${escapeHtml(embedName)}</strong><br><span class="status">${on ? 'On' : 'Off'}</span></span>
<input type="hidden" name="embed" value="${on ? 'off' : 'on'}">
<button type="submit" role="switch" aria-checked="${on}" aria-label="${escapeHtml(embedName)}" title="${on ? 'Turn off' : 'Turn on'}"></button>
</form>
</section>
<section aria-labelledby="blocks">
<h2 id="blocks">App blocks</h2>
<form method="post" action="${action}" class="row">
<span><strong>${escapeHtml(blockName)}</strong><br><span class="status">${placed ? 'On the home page' : 'Not on the home page'}</span></span>
<input type="hidden" name="block" value="add">
${placed ? '' : '<button type="submit" class="primary">Add to home page</button>'}
</form>
</section>
${back}`,
  );
}

/** Answers GET and POST on THEME_EDITOR_PATH. */
export async function handleThemeEditor(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ThemeEditorContext,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'POST') {
    res.writeHead(405, { allow: 'GET, POST' });
    res.end();
    return;
  }
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const query = parseQuery(url, ctx);
  if ('status' in query) {
    return sendHtml(res, query.status, page('Sandbox theme editor', `<p>${escapeHtml(query.message)}</p>`));
  }
  const state = ctx.shop(query.shop);
  if (!state?.themes.some((t) => t.role === 'MAIN')) {
    return sendHtml(
      res,
      404,
      page('Sandbox theme editor', `<p>${escapeHtml(query.shop)} has no published theme here.</p>`),
    );
  }
  if (req.method === 'POST') {
    const form = new URLSearchParams(await readBody(req));
    const embed = form.get('embed');
    if (embed === 'on' || embed === 'off') state.setAppEmbed({ handle: query.embedHandle }, embed === 'on');
    if (form.get('block') === 'add' && !blockOnHomePage(state, query.blockHandle)) {
      state.placeAppBlock({ handle: query.blockHandle }, { file: HOME_TEMPLATE });
    }
    // Back to the page, on this server: the location is ours, only the checked query is kept.
    res.writeHead(303, { location: `${THEME_EDITOR_PATH}?${query.search}`, 'content-length': 0 });
    res.end();
    return;
  }
  return sendHtml(res, 200, editorPage(state, query));
}
