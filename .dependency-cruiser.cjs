/** Import rules that the lint enforces (see docs/adr/0003-import-rules.md). */
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
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.turbo)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['source', 'import', 'default'] },
  },
};
