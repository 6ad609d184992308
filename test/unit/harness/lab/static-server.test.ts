/** The lab's static server: paths never escape the root, aliases map prefixes, real requests on loopback. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticServer, resolveFile } from '../../../../harness/lab/static-server.ts';

describe('resolveFile', () => {
  const options = { root: '/srv/demos', aliases: { '/javascript/bootswatch/fonts/': '/usr/share/javascript/bootstrap/fonts' } };

  it('maps paths inside the root and directories to index.html', () => {
    expect(resolveFile(options, '/videoroomtest.html')).toBe('/srv/demos/videoroomtest.html');
    expect(resolveFile(options, '/')).toBe('/srv/demos/index.html');
  });

  it.each(['/../etc/passwd', '/a/../../etc/passwd', '/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd'])('keeps %s inside the root', (p) => {
    expect(resolveFile(options, p)).toBe('/srv/demos/etc/passwd');
  });

  it.each(['/x%00.html', '/%E0%A4%A'])('refuses the undecodable or NUL path %s', (p) => {
    expect(resolveFile(options, p)).toBeNull();
  });

  it('serves an alias prefix from its own folder', () => {
    expect(resolveFile(options, '/javascript/bootswatch/fonts/glyphicons-halflings-regular.woff')).toBe(
      '/usr/share/javascript/bootstrap/fonts/glyphicons-halflings-regular.woff',
    );
  });
});

describe('createStaticServer on loopback', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mb-static-'));
  const missing: string[] = [];
  let base = '';
  const server = createStaticServer({ root: path.join(dir, 'root'), onMissing: (p) => missing.push(p) });

  beforeAll(async () => {
    mkdirSync(path.join(dir, 'root'));
    mkdirSync(path.join(dir, 'shared'));
    writeFileSync(path.join(dir, 'root', 'page.html'), '<p>hi</p>');
    writeFileSync(path.join(dir, 'shared', 'lib.js'), 'var x = 1;');
    // Debian links the demos' javascript/ folder to a shared package folder
    symlinkSync(path.join(dir, 'shared'), path.join(dir, 'root', 'javascript'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves files with their content type, following symlinked folders', async () => {
    const page = await fetch(`${base}/page.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const lib = await fetch(`${base}/javascript/lib.js`);
    expect(lib.headers.get('content-type')).toMatch(/javascript/);
    expect(await lib.text()).toBe('var x = 1;');
  });

  it('answers 404 for missing files and reports them', async () => {
    const res = await fetch(`${base}/nope.css`);
    expect(res.status).toBe(404);
    expect(missing).toContain('/nope.css');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await fetch(`${base}/page.html`, { method: 'POST' })).status).toBe(405);
    const head = await fetch(`${base}/page.html`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe('9');
  });
});
