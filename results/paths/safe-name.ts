/**
 * The alphabet of ids and names that become file and folder names in the data directory (run ids, trial
 * ids, artifact names): letters, digits, `.`, `_` and `-`, starting with a letter or digit, never `..`.
 * The store refuses to save anything else, the viewer answers 404 for anything else, and paths are built
 * from such names only through paths/inside-root.ts.
 */
export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isSafeName(name: unknown): name is string {
  return typeof name === 'string' && SAFE_NAME.test(name) && !name.includes('..');
}
