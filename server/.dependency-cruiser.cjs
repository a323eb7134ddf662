// Architecture rules: data flows one way, http -> jobs -> workers -> engine -> text -> audio -> storage,
// with shared/ at the bottom and the composition (main.ts and composition/, which build and
// start the layers) on top. CI fails on a violation.
const layers = ['http', 'jobs', 'workers', 'engine', 'text', 'audio', 'storage', 'shared'];

const upwardImports = layers.slice(1).map((layer, index) => ({
  name: `${layer}-imports-upward`,
  comment: `server/${layer}/ must not import the layers above it (${layers.slice(0, index + 1).join(', ')})`,
  severity: 'error',
  from: { path: `^server/${layer}/` },
  to: { path: `^server/(${layers.slice(0, index + 1).join('|')})/` },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'nothing-imports-main',
      severity: 'error',
      from: { path: '^(server|models)/', pathNot: '^server/main\\.ts$' },
      to: { path: '^server/main\\.ts$' },
    },
    {
      name: 'nothing-below-imports-the-composition',
      comment: 'the layers and config/ are built by composition/; they never reach up to it',
      severity: 'error',
      from: { path: `^(models/|server/(${[...layers, 'config'].join('|')})/)` },
      to: { path: '^server/composition/' },
    },
    {
      name: 'wiring-lives-in-composition',
      comment: 'server/ holds main.ts and the layer folders; wiring code belongs in composition/',
      severity: 'error',
      from: { path: '^server/[^/]+\\.ts$', pathNot: '^server/main\\.ts$' },
      to: {},
    },
    {
      name: 'config-is-a-leaf',
      comment: 'config/ parses the environment; it depends on shared/ only',
      severity: 'error',
      from: { path: '^server/config/' },
      to: { path: '^server/', pathNot: '^server/(config|shared)/' },
    },
    {
      name: 'models-stay-below-the-server',
      comment: 'models/ (manifest, contract, download, tiny model) may use server/shared/ only',
      severity: 'error',
      from: { path: '^models/' },
      to: { path: '^server/', pathNot: '^server/shared/' },
    },
    {
      name: 'server-reads-models-through-the-contract',
      comment: 'of models/, the service layers use contract.ts only (the engine reads it); resolving a model is composition work',
      severity: 'error',
      from: { path: '^server/', pathNot: '^server/(engine/|composition/)' },
      to: { path: '^models/' },
    },
    {
      name: 'engine-reads-the-model-contract-only',
      comment: 'the engine checks and runs a model folder by its contract; the tiny generator and downloads are not its business',
      severity: 'error',
      from: { path: '^server/engine/' },
      to: { path: '^models/', pathNot: '^models/(contract|onnx/onnx-reader)\\.ts$' },
    },
    {
      name: 'wiring-uses-the-http-app-only',
      comment: 'the composition builds the HTTP layer through createApp; wire shapes the lower layers need live in those layers',
      severity: 'error',
      from: { path: '^server/(main\\.ts$|composition/)' },
      to: { path: '^server/http/', pathNot: '^server/http/app(-deps)?\\.ts$' },
    },
    {
      name: 'one-file-imports-onnxruntime',
      severity: 'error',
      from: { pathNot: '^server/engine/onnx/session\\.ts$' },
      to: { path: 'onnxruntime-node' },
    },
    ...upwardImports,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|/dist/|server/http/ui/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
  },
};
