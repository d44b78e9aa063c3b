// `themes(first, after, roles, names, reverse)` and `theme(id)` with `files(filenames, first,
// after)`: enough for an app to read the published theme's config/settings_data.json and JSON
// templates (is our app embed on, is our app block placed?). Every shop starts with one MAIN
// theme whose files look like a fresh install: our embed absent, no app block placed.
import { GraphQLError } from 'graphql';
import { type PageArgs, paginate } from './connection.js';
import { type Theme, type ThemeRole, toDateTime } from './model.js';

type Args = Record<string, unknown>;

/** Shopify's own header on generated JSON files: readers must cope with it. */
const GENERATED_HEADER = `/*
 * ------------------------------------------------------------
 * IMPORTANT: The contents of this file are auto-generated.
 * ------------------------------------------------------------
 */
`;

/** A JSON theme file as Shopify stores it (with the generated-file comment on top). */
export const themeJson = (value: unknown): string => `${GENERATED_HEADER}${JSON.stringify(value, null, 2)}`;

/** The files a freshly installed Dawn-like theme has, as far as apps read them. */
export function defaultThemeFiles(): Record<string, string> {
  return {
    'config/settings_data.json': themeJson({ current: { type_header_font: 'assistant_n4', blocks: {} } }),
    'templates/index.json': themeJson({
      sections: { image_banner: { type: 'image-banner', settings: {} } },
      order: ['image_banner'],
    }),
    'templates/page.json': themeJson({
      sections: { main: { type: 'main-page', settings: {} } },
      order: ['main'],
    }),
    'sections/footer-group.json': themeJson({
      type: 'footer',
      name: 'Footer',
      sections: { footer: { type: 'footer', settings: {} } },
      order: ['footer'],
    }),
    'layout/theme.liquid':
      '<!doctype html><html><head>{{ content_for_header }}</head><body>{{ content_for_layout }}</body></html>',
  };
}

/** `*` matches zero or more characters; everything else is literal (Shopify's filenames filter). */
const globMatcher = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

function fileView(theme: Theme, filename: string, content: string) {
  const size = Buffer.byteLength(content);
  return {
    filename,
    body: { __typename: 'OnlineStoreThemeFileBodyText', content },
    checksumMd5: null,
    contentType: filename.endsWith('.json') ? 'application/json' : 'text/plain',
    createdAt: toDateTime(theme.createdAt),
    updatedAt: toDateTime(theme.updatedAt),
    size: String(size),
  };
}

function filesConnection(theme: Theme, args: PageArgs & { filenames?: string[] | null }) {
  if (args.filenames && args.filenames.length > 50) {
    throw new GraphQLError('At most 50 filenames can be specified', { extensions: { code: 'BAD_REQUEST' } });
  }
  const matchers = args.filenames?.map(globMatcher) ?? null;
  const names = [...theme.files.keys()].filter((f) => !matchers || matchers.some((m) => m.test(f)));
  // Files are ordered by name; the cursor keys on (name, position).
  const sorted = names.sort();
  const page = paginate(
    sorted,
    (f) => [f, sorted.indexOf(f)],
    { first: args.first ?? 50, after: args.after ?? null },
    (f) => fileView(theme, f, theme.files.get(f) ?? ''),
  );
  return { ...page, userErrors: [] };
}

export function themeView(theme: Theme) {
  return {
    id: theme.id,
    name: theme.name,
    prefix: `/t/${theme.legacyId}`,
    processing: false,
    processingFailed: false,
    role: theme.role,
    themeStoreId: null,
    createdAt: toDateTime(theme.createdAt),
    updatedAt: toDateTime(theme.updatedAt),
    translations: [],
    files: (args: PageArgs & { filenames?: string[] | null }) => filesConnection(theme, args),
  };
}

/** Resolvers over a shop's themes (the store's ShopState, typed by what they read: no import cycle). */
export function themeResolvers(state: { readonly themes: readonly Theme[] }) {
  return {
    themes: (args: Args) => {
      const roles = (args.roles as ThemeRole[] | null | undefined) ?? null;
      const names = ((args.names as string[] | null | undefined) ?? null)?.map(globMatcher) ?? null;
      const themes = state.themes.filter(
        (t) => (!roles || roles.includes(t.role)) && (!names || names.some((m) => m.test(t.name))),
      );
      return paginate(themes, (t) => [t.createdAt, t.legacyId], args as PageArgs, themeView);
    },
    theme: (args: Args) => {
      const theme = state.themes.find((t) => t.id === String(args.id));
      return theme ? themeView(theme) : null;
    },
  };
}
