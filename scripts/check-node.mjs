// Fails early, with a way out, when npm scripts run on a Node older than the platform SDKs need.
// `npm install` puts Node 24 (the `node` package) in node_modules/.bin, which npm scripts use first.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `Node ${process.versions.node} is running these scripts, but the project needs Node >= 22.\n` +
      'Run `npm install` first: it installs Node 24 into node_modules/.bin, which npm scripts use.',
  );
  process.exit(1);
}
