// Lint with import boundaries (ARCHITECTURE.md): server/ reads results/ only; results/ imports neither
// harness/ nor server/; scenarios/ imports no other top-level folder; one adapter never imports another;
// in-page scripts import nothing from Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const adapterFolders = ['janus-videoroom', 'janus-videocall', 'galene', 'jitsi-meet', 'bigbluebutton', 'nextcloud-talk', 'livekit-meet', 'zimbra-connect', 'custom'];

export default tseslint.config(
  { ignores: ['node_modules/**', '.meetbench/**', 'test-output/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['server/**'], rules: restrict([{ group: ['**/harness/**', '**/scenarios/**'], message: 'server/ reads results/ only: the viewer can never start a browser.' }]) },
  { files: ['results/**'], rules: restrict([{ group: ['**/harness/**', '**/server/**'], message: 'results/ imports neither harness/ nor server/.' }]) },
  { files: ['scenarios/**'], rules: restrict([{ group: ['**/harness/**', '**/server/**', '**/results/**'], message: 'scenarios/ is data and imports no other top-level folder.' }]) },
  {
    files: ['harness/page-scripts/**'],
    rules: restrict([{ group: ['node:*', 'fs', 'path', 'child_process', '**/harness/**', '**/results/**'], message: 'in-page scripts run in the browser: no Node imports.' }]),
  },
  ...adapterFolders.map((name) => ({
    files: [`harness/adapters/${name}/**`],
    rules: restrict(
      adapterFolders.filter((other) => other !== name).map((other) => ({ group: [`**/adapters/${other}/**`, `../${other}/**`], message: 'one adapter never imports another; share code through harness/adapters/ helpers.' })),
    ),
  })),
);
