// Import rules from ARCHITECTURE.md ("Dependency rules"), checked by `npm run lint`.
// Paths are relative to the repository root. Type-only imports count too
// (tsPreCompilationDeps), so a layer cannot lean on another layer's types either.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // ---- process boundaries -------------------------------------------------------------
    {
      name: 'shared-imports-nothing-of-ours',
      comment: 'shared/ holds contracts used by several processes: it imports nothing of ours.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(server|main|preload|renderer|tests)/' },
    },
    {
      name: 'shared-no-node-builtins',
      comment: 'shared/ also runs in the renderer and the web build: no Node built-ins.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-no-electron',
      comment: 'shared/ runs outside Electron too.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '(^|/)node_modules/electron/|^electron$' },
    },
    {
      name: 'server-not-to-desktop',
      comment: 'The backend never imports the desktop app (main/, preload/, renderer/).',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^(main|preload|renderer)/' },
    },
    {
      name: 'desktop-node-not-to-server-or-renderer',
      comment: 'main/ and preload/ talk to the backend over the network, to the renderer over IPC.',
      severity: 'error',
      from: { path: '^(main|preload)/' },
      to: { path: '^(server|renderer)/' },
    },
    {
      name: 'renderer-only-shared',
      comment: 'renderer/ reaches the rest only through the typed API in shared/ (exposed by preload).',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(main|preload|server)/' },
    },
    {
      name: 'renderer-no-node-builtins',
      comment: 'The renderer is sandboxed browser code: no Node built-ins.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-no-electron',
      comment: 'The renderer never imports electron; it calls the typed API that preload/ exposes.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '(^|/)node_modules/electron/|^electron$' },
    },

    // ---- layers inside server/ ----------------------------------------------------------
    {
      name: 'server-domain-is-pure',
      comment: 'server/domain/ holds pure rules: no db, services, adapters.',
      severity: 'error',
      from: { path: '^server/domain/' },
      to: { path: '^server/(db|services|http|realtime|whatsapp)/' },
    },
    {
      name: 'server-domain-no-node-builtins',
      comment: 'server/domain/ does no I/O: no Node built-ins (time is passed in).',
      severity: 'error',
      from: { path: '^server/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'server-db-not-to-upper-layers',
      comment: 'server/db/ is below services and the adapters.',
      severity: 'error',
      from: { path: '^server/db/' },
      to: { path: '^server/(services|http|realtime|whatsapp)/' },
    },
    {
      name: 'server-services-not-to-transport',
      comment: 'server/services/ knows nothing of HTTP or socket.io; the adapters call it.',
      severity: 'error',
      from: { path: '^server/services/' },
      to: { path: '^server/(http|realtime)/' },
    },

    // ---- hygiene ------------------------------------------------------------------------
    {
      name: 'no-circular',
      comment: 'Circular imports make initialisation order fragile.',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve (typo, or a package missing from package.json).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-test',
      comment: 'Production code does not import test files.',
      severity: 'error',
      from: { pathNot: '\\.(test|spec)\\.ts$|^tests/' },
      to: { path: '\\.(test|spec)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|out|dist|coverage|\\.data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
