/**
 * Folder cycles in core/src (see docs/adr/0008-import-rules.md): the capability folders' imports
 * must point one way. Production code only: a test may import across folders, and `testing/` is
 * only imported by tests. Runs as the second depcruise pass of `npm run lint`.
 */
const { options } = require('./.dependency-cruiser.cjs');

module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycle',
      severity: 'error',
      scope: 'folder',
      comment:
        'These folders import each other, directly or through others: move the shared piece to the ' +
        'folder it belongs to. The imports between folders a and b: npx depcruise core --config ' +
        ".dependency-cruiser.folders.cjs --output-type text --include-only '^core/src/(a|b)/'",
      from: { path: '^core/src/' },
      to: { circular: true },
    },
  ],
  options: {
    ...options,
    exclude: { path: [options.exclude.path, '\\.test\\.ts$'] },
  },
};
