import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ShopifyEmulator, startShopifyEmulator } from './server.js';
import type { ShopState } from './store.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL responses are read field by field in assertions.
type Json = any;

const SHOP = 'themes.myshopify.com';
const TOKEN = 'shpat_themes';
let emulator: ShopifyEmulator;
let shop: ShopState;

beforeAll(async () => {
  emulator = await startShopifyEmulator();
  shop = emulator.addShop(SHOP, TOKEN);
});
afterAll(() => emulator.close());

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${emulator.url}${emulator.graphqlPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': TOKEN },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as Json;
}

const MAIN_FILES = `query($filenames: [String!], $after: String) {
  themes(first: 1, roles: [MAIN]) {
    nodes {
      id name role
      files(filenames: $filenames, first: 2, after: $after) {
        nodes { filename body { ... on OnlineStoreThemeFileBodyText { content } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

const parseThemeJson = (content: string) => JSON.parse(content.replace(/^\s*\/\*[\s\S]*?\*\//, ''));

describe('themes', () => {
  test('a new shop has one main theme without our embed; filenames take * and pages', async () => {
    const first = await gql(MAIN_FILES, { filenames: ['config/settings_data.json', 'templates/*.json'] });
    expect(first.errors).toBeUndefined();
    const theme = first.data.themes.nodes[0];
    expect(theme).toMatchObject({
      name: 'Dawn',
      role: 'MAIN',
      id: expect.stringMatching(/OnlineStoreTheme\/\d+$/),
    });
    expect(theme.files.nodes.map((f: Json) => f.filename)).toEqual([
      'config/settings_data.json',
      'templates/index.json',
    ]);
    expect(parseThemeJson(theme.files.nodes[0].body.content).current.blocks).toEqual({});
    expect(theme.files.pageInfo.hasNextPage).toBe(true);
    const next = await gql(MAIN_FILES, {
      filenames: ['config/settings_data.json', 'templates/*.json'],
      after: theme.files.pageInfo.endCursor,
    });
    expect(next.data.themes.nodes[0].files.nodes.map((f: Json) => f.filename)).toEqual([
      'templates/page.json',
    ]);
    expect(next.data.themes.nodes[0].files.pageInfo.hasNextPage).toBe(false);
  });

  test('setAppEmbed and placeAppBlock write what the theme editor writes', async () => {
    shop.setAppEmbed({ handle: 'referral-embed' }, false);
    shop.setAppEmbed({ handle: 'referral-embed' }, true);
    shop.placeAppBlock({ handle: 'share' }, { file: 'templates/page.json', section: 'main' });
    const data = await gql(MAIN_FILES, { filenames: ['config/settings_data.json', 'templates/page.json'] });
    const [settings, page] = data.data.themes.nodes[0].files.nodes;
    const blocks = Object.values(parseThemeJson(settings.body.content).current.blocks);
    expect(blocks).toEqual([
      {
        type: expect.stringMatching(/^shopify:\/\/apps\/referrals\/blocks\/referral-embed\/[0-9a-f-]+$/),
        disabled: false,
        settings: {},
      },
    ]);
    const section = parseThemeJson(page.body.content).sections.main;
    expect(Object.values(section.blocks)).toEqual([
      { type: expect.stringMatching(/^shopify:\/\/apps\/referrals\/blocks\/share\//), settings: {} },
    ]);
  });

  test('publishing another theme moves MAIN; theme(id) and names filter', async () => {
    const old = shop.mainTheme();
    const next = shop.addTheme({ name: 'Horizon', role: 'MAIN' });
    const data = await gql(`{ themes(first: 5, roles: [MAIN]) { nodes { name } }
      all: themes(first: 5, names: ["Da*"]) { nodes { name role } } }`);
    expect(data.errors).toBeUndefined();
    expect(data.data.themes.nodes).toEqual([{ name: 'Horizon' }]);
    expect(data.data.all.nodes).toEqual([{ name: 'Dawn', role: 'UNPUBLISHED' }]);
    const byId = await gql('query($id: ID!) { theme(id: $id) { name files { nodes { filename } } } }', {
      id: next.id,
    });
    expect(byId.data.theme).toEqual({ name: 'Horizon', files: { nodes: [] } });
    expect(old.role).toBe('UNPUBLISHED');
  });
});
