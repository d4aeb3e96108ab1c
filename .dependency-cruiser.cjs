// The layers of src/, lowest first. A module may import its own layer and the layers below it,
// never above: docs/architecture.md draws the same picture. `npm run lint` runs this.
const LAYERS = [
  ['shared', '^src/shared/'],
  ['db', '^src/(db|generated)/'],
  ['paging', '^src/paging/'],
  ['entities', '^src/(orders|customers|products|categories|store)/'],
  ['config', '^src/(config|config-values|script-config|webhook-settings)\\.ts$'],
  ['observability', '^src/observability/'],
  ['http', '^src/http/'],
  ['sides', '^src/(feed|merchant|webhooks|import|openapi|status)/'],
  ['app', '^src/app\\.ts$'],
  ['process', '^src/(server|main)\\.ts$'],
];

const above = (index) => LAYERS.slice(index + 1).map(([, path]) => path);

module.exports = {
  forbidden: [
    ...LAYERS.slice(0, -1).map(([name, path], index) => ({
      name: `layer-${name}`,
      comment: `${name} (${path}) may not import a layer above it: ${LAYERS.slice(index + 1)
        .map(([n]) => n)
        .join(', ')}`,
      severity: 'error',
      from: { path },
      to: { path: above(index) },
    })),
    {
      name: 'sides-apart',
      comment:
        'feed, merchant, webhooks, import, openapi and status are siblings: what two of them share belongs in a layer below',
      severity: 'error',
      from: { path: '^src/(feed|merchant|webhooks|import|openapi|status)/' },
      to: { path: '^src/(feed|merchant|webhooks|import|openapi|status)/', pathNot: '^src/$1/' },
    },
    {
      name: 'src-not-scripts-or-tests',
      comment: 'the service never depends on its scripts or tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(scripts|test)/' },
    },
    {
      name: 'import-without-http',
      comment: 'npm run import writes through the entity modules; it must not load Express or the routes',
      severity: 'error',
      from: { path: '^(scripts/import\\.ts|src/import/)' },
      to: { path: '(^node_modules/(express|multer|helmet)/|^src/(http|feed|merchant|app)[/.])', reachable: true },
    },
    {
      name: 'no-circular',
      comment: 'a cycle of runtime imports makes load order matter; types alone may point back',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
