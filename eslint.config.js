// Lint with import boundaries (docs/architecture.md "Import rules"):
//  - server/ reads results/ only (the viewer can never start a browser); results/ imports neither harness/
//    nor server/; scenarios/ imports no other top-level folder;
//  - in-page scripts import nothing from Node; one adapter never imports another;
//  - the lab is used through its public API (harness/lab/index.ts) from outside harness/lab/;
//  - the lower wings of harness/ (system/, network/, devices/, collectors/, lab/) never import the runner or the CLI.
// Each zone's rules are gathered into one `no-restricted-imports` per file pattern, since a later config
// object replaces an earlier one's options for the same rule.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const adapterFolders = [
  'janus-videoroom',
  'janus-videocall',
  'galene',
  'jitsi-meet',
  'bigbluebutton',
  'nextcloud-talk',
  'livekit-meet',
  'zimbra-connect',
  'zimbra-p2p',
  'custom',
];

const SERVER = { group: ['**/harness/**', '**/scenarios/**'], message: 'server/ reads results/ only: the viewer can never start a browser.' };
const RESULTS = { group: ['**/harness/**', '**/server/**'], message: 'results/ imports neither harness/ nor server/.' };
const SCENARIOS = { group: ['**/harness/**', '**/server/**', '**/results/**'], message: 'scenarios/ is data and imports no other top-level folder.' };
const PAGE = {
  group: ['node:*', 'fs', 'path', 'child_process', '**/harness/**', '**/results/**'],
  message: 'in-page scripts run in the browser: no Node imports.',
};
// a lab platform's web page (harness/lab/<platform>/page): browser code bundled for the page, which may share
// only its platform's message types (one folder up) and never reach the Node side
const LAB_PAGE = {
  group: ['node:*', 'fs', 'path', 'child_process', 'ws', 'express', '**/results/**', '../../**', '../*/**'],
  message: "a lab page runs in the browser: its own folder and its platform's message types only.",
};
const LAB_API = { group: ['**/lab/*.ts', '!**/lab/index.ts'], message: 'use the lab through its public API, harness/lab/index.ts.' };
const LOWER_WINGS = {
  group: ['**/runner/**', '**/cli/**', '**/nightly/**', '**/capacity/**'],
  message: 'system/, network/, devices/, collectors/ and lab/ sit below the runner and the CLI: they never import them.',
};
const otherAdapters = (name) =>
  adapterFolders
    .filter((other) => other !== name)
    .map((other) => ({
      group: [`**/adapters/${other}/**`, `../${other}/**`],
      message: 'one adapter never imports another; share code through harness/adapters/ helpers.',
    }));

const restrict = (files, patterns, ignores = []) => ({ files, ignores, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['node_modules/**', '.meetbench/**', 'test-output/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Prettier wraps code at 160 columns but leaves strings and comments as written: comments are held to the same width
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
    },
  },
  restrict(['server/**'], [SERVER]),
  restrict(['results/**'], [RESULTS]),
  restrict(['scenarios/**'], [SCENARIOS]),
  restrict(['harness/page-scripts/**'], [PAGE]),
  restrict(['harness/system/**', 'harness/network/**', 'harness/devices/**', 'harness/collectors/**'], [LAB_API, LOWER_WINGS]),
  restrict(['harness/lab/**'], [LOWER_WINGS]),
  restrict(['harness/lab/*/page/**'], [LOWER_WINGS, LAB_PAGE]),
  restrict(
    ['harness/**', 'scripts/**'],
    [LAB_API],
    [
      'harness/lab/**',
      'harness/page-scripts/**',
      'harness/system/**',
      'harness/network/**',
      'harness/devices/**',
      'harness/collectors/**',
      'harness/adapters/**',
    ],
  ),
  ...adapterFolders.map((name) => restrict([`harness/adapters/${name}/**`], [LAB_API, ...otherAdapters(name)])),
);
