// Layer rules from the README's Design section, enforced the way VS Code enforces its own layering.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import prettierConfig from 'eslint-config-prettier';
import featureBoundaries from './eslint-rules/feature-boundaries.mjs';
import oneCsvWriter from './eslint-rules/one-csv-writer.mjs';

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'zlib',
  'worker_threads',
];
const nodeOnly = [
  {
    group: ['node:*', ...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `${m}/*`)],
    message: 'Node built-ins belong in src/main.',
  },
];
const noElectron = [
  { group: ['electron', 'electron/*'], message: 'Only src/main/electron and src/preload may import electron.' },
];
const noDatabase = [{ group: ['better-sqlite3*', 'kysely'], message: 'The store lives in src/main/store.' }];
const noRenderer = [
  {
    group: ['**/renderer/**', 'react', 'react-dom', 'react-dom/*'],
    message: 'Main and shared code never import the renderer or React.',
  },
];
const noMain = [
  { group: ['**/main/**', '../main', '../../main'], message: 'Reach main only through the contract in src/shared.' },
];

// A renderer feature never reaches the app layer that hosts it; the app layer reaches features through index.ts.
const noAppLayer = [
  { regex: String.raw`^\.\./\.\./app(/|$)`, message: 'Features never import the app layer that composes them.' },
];
const appToFeatures = [
  {
    regex: String.raw`^\.\./features/[^/]+/.+`,
    message: 'Import a feature through its index.ts: "../features/<feature>".',
  },
];
// One folder per feature on each layer; a feature reaches another only through its public entry.
// `contract` in shared is the infrastructure that aggregates every feature's channels.
const FEATURE_LAYERS = {
  shared: { root: 'src/shared', entries: ['index'], infrastructure: ['contract'] },
  main: { root: 'src/main/services', entries: ['index', '*-read'] },
  renderer: { root: 'src/renderer/src/features', entries: ['index'] },
};
const RENDERER_FEATURE_BOUNDARIES = true;
const featureBoundaryConfigs = [
  { files: ['src/shared/**'], layer: FEATURE_LAYERS.shared },
  { files: ['src/main/services/**'], layer: FEATURE_LAYERS.main },
  ...(RENDERER_FEATURE_BOUNDARIES ? [{ files: ['src/renderer/src/features/**'], layer: FEATURE_LAYERS.renderer }] : []),
].map(({ files, layer }) => ({
  files,
  plugins: { 'feature-boundaries': featureBoundaries },
  rules: { 'feature-boundaries/public-entry': ['error', { layers: [layer] }] },
}));

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns: patterns.flat() }] });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'build/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettierConfig,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['src/shared/**'], rules: restrict(nodeOnly, noElectron, noDatabase, noRenderer, noMain) },
  { files: ['src/main/**'], rules: restrict(noRenderer, noElectron) },
  {
    files: ['src/main/electron/**'],
    rules: restrict(noRenderer),
  },
  {
    // Migrations are written against Kysely<any> on purpose: they are frozen and must not follow today's types.
    files: ['src/main/store/migrations/**', 'src/main/team-server/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...featureBoundaryConfigs,
  {
    // One CSV writer for the whole app, so every CSV it writes is safe to open in a spreadsheet.
    files: ['src/**', 'scripts/**', 'bench/**'],
    plugins: { csv: oneCsvWriter },
    rules: {
      'csv/one-writer': ['error', { writer: 'src/shared/csv.ts', readers: ['src/main/services/csv/read-csv.ts'] }],
    },
  },
  { files: ['src/preload/**'], rules: restrict(noMain, noRenderer, noDatabase, nodeOnly) },
  {
    files: ['src/renderer/**', 'test/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(nodeOnly, noElectron, noDatabase, noMain),
    },
  },
  {
    files: ['src/renderer/src/features/**'],
    rules: restrict(nodeOnly, noElectron, noDatabase, noMain, noAppLayer),
  },
  { files: ['src/renderer/src/app/**'], rules: restrict(nodeOnly, noElectron, noDatabase, noMain, appToFeatures) },
  {
    files: ['scripts/**/*.mjs', '.ci/**', 'eslint-rules/**'],
    languageOptions: { globals: { ...globals.node } },
  },
);
