// @shopify/ui-extensions names preact's types (`preact.Key`, `preact.Ref`, `preact.ComponentChildren`)
// in its component props; preact is its optional peer dependency and these extensions render
// without it (render.ts uses the remote DOM), so this stands in for the three names only. With
// `preact` installed, delete this file.
declare namespace preact {
  type Key = string | number;
  type Ref<T> = { current: T | null } | ((instance: T | null) => void) | null;
  type ComponentChildren = unknown;
}
