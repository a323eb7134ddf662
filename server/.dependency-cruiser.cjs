// Architecture rules: data flows one way, http -> jobs -> workers -> engine -> text -> audio -> storage,
// with shared/ at the bottom and the composition (main.ts and composition/, which build and
// start the layers) on top. CI fails on a violation.
const layers = ['http', 'jobs', 'workers', 'engine', 'text', 'audio', 'storage', 'shared'];

/** A forbidden import: modules matching `from` must not import modules matching `to`. */
const rule = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });

const upwardImports = layers.slice(1).map((layer, index) =>
  rule(
    `${layer}-imports-upward`,
    `server/${layer}/ must not import the layers above it (${layers.slice(0, index + 1).join(', ')})`,
    { path: `^server/${layer}/` },
    { path: `^server/(${layers.slice(0, index + 1).join('|')})/` },
  ),
);

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    rule(
      'nothing-imports-main',
      'main.ts is the entry point; it starts the service and exports nothing the rest uses',
      { path: '^(server|models)/', pathNot: '^server/main\\.ts$' },
      { path: '^server/main\\.ts$' },
    ),
    rule(
      'nothing-below-imports-the-composition',
      'the layers and config/ are built by composition/; they never reach up to it',
      { path: `^(models/|server/(${[...layers, 'config'].join('|')})/)` },
      { path: '^server/composition/' },
    ),
    rule(
      'wiring-lives-in-composition',
      'server/ holds main.ts and the layer folders; wiring code belongs in composition/',
      { path: '^server/[^/]+\\.ts$', pathNot: '^server/main\\.ts$' },
      {},
    ),
    rule(
      'config-is-a-leaf',
      'config/ parses the environment; it depends on shared/ only',
      { path: '^server/config/' },
      { path: '^server/', pathNot: '^server/(config|shared)/' },
    ),
    rule(
      'models-stay-below-the-server',
      'models/ (manifest, contract, download, tiny model) may use server/shared/ only',
      { path: '^models/' },
      { path: '^server/', pathNot: '^server/shared/' },
    ),
    rule(
      'server-reads-models-through-the-contract',
      'of models/, the service layers use contract.ts only (the engine reads it); resolving a model is composition work',
      { path: '^server/', pathNot: '^server/(engine/|composition/)' },
      { path: '^models/' },
    ),
    rule(
      'engine-reads-the-model-contract-only',
      'the engine checks and runs a model folder by its contract; the tiny generator and downloads are not its business',
      { path: '^server/engine/' },
      { path: '^models/', pathNot: '^models/(contract|onnx/onnx-reader)\\.ts$' },
    ),
    rule(
      'wiring-uses-the-http-app-only',
      'the composition builds the HTTP layer through createApp; wire shapes the lower layers need live in those layers',
      { path: '^server/(main\\.ts$|composition/)' },
      { path: '^server/http/', pathNot: '^server/http/app(-deps)?\\.ts$' },
    ),
    rule(
      'one-file-imports-onnxruntime',
      'engine/onnx/session.ts is the one door to onnxruntime-node',
      { pathNot: '^server/engine/onnx/session\\.ts$' },
      { path: 'onnxruntime-node' },
    ),
    ...upwardImports,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|/dist/|server/http/ui/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
  },
};
