/**
 * Import rules that the lint enforces (see docs/adr/0008-import-rules.md). Folder cycles in
 * core/src are checked by a second pass, .dependency-cruiser.folders.cjs.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make modules impossible to reason about in isolation.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-stays-platform-neutral',
      severity: 'error',
      comment: 'core imports no HTTP framework, queue or vendor SDK (DESIGN.md): use a port.',
      from: { path: '^core/' },
      to: { path: 'node_modules/(express|bullmq|ioredis|@shopify|@hubspot)/' },
    },
    {
      name: 'core-does-not-import-deployables',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(worker|apps)/' },
    },
    {
      name: 'deployables-use-core-entry-points',
      severity: 'error',
      comment:
        "worker and apps call core's use cases: no drizzle-orm (no queries on core's tables) and only " +
        "core's entry points '@referrals/core', '@referrals/core/testing' (and its fixtures).",
      from: { path: '^(worker|apps)/' },
      to: {
        path: ['(^|/)node_modules/drizzle-orm/', '^core/'],
        pathNot: '^core/src/(index|testing/index|testing/fixtures)\\.ts$',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // .types: Shopify's type definitions fetched for the UI extensions (not our code).
    exclude: { path: '(^|/)(dist|\\.turbo|\\.types)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['source', 'import', 'default'] },
  },
};
