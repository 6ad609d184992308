/**
 * A corrupt store is kept aside before it is refused, so whoever repairs it has the bytes meetbench saw.
 * One copy per distinct content (named by its hash, so reading the same bad file again copies nothing),
 * and no new copy once MAX_QUARANTINE_COPIES are beside it: a store read on every viewer request, or
 * rewritten in a loop, must not fill the disk one store-sized copy at a time and stop the nightly results.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const MAX_QUARANTINE_COPIES = 3;

/** Keeps `bytes` (the content read from `file`) aside if needed; returns the sentence that says what was kept. */
export async function quarantineCopy(file: string, bytes: Buffer): Promise<string> {
  const untouched = 'the original was left untouched';
  const copy = `${file}.corrupt-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
  const prefix = `${path.basename(file)}.corrupt-`;
  const kept = (await fs.readdir(path.dirname(file)).catch(() => [] as string[])).filter((name) => name.startsWith(prefix));
  if (kept.includes(path.basename(copy))) return `this content was already kept as ${copy}; ${untouched}`;
  if (kept.length >= MAX_QUARANTINE_COPIES)
    return `no copy made: ${kept.length} copies of corrupt contents are already kept beside it (${kept.join(', ')}); ${untouched}`;
  try {
    // wx: two readers at once make one copy; 0600: results may be confidential even when broken
    await fs.writeFile(copy, bytes, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'EEXIST') return `this content was already kept as ${copy}; ${untouched}`;
    await fs.rm(copy, { force: true }).catch(() => undefined);
    return `no copy could be kept (${code}); ${untouched}`;
  }
  return `a copy was kept as ${copy}; ${untouched}`;
}
