import { mkdtemp, readFile, readdir, rm, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { galeneArgs, galeneFiles, galeneGroup, writeGaleneFiles } from '../../../../harness/lab/galene-config.ts';
import { checkGaleneInstall, galeneInstall } from '../../../../harness/lab/galene.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mb-galene-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('Galène configuration', () => {
  it('writes one open group per room, named meetbench-1..N, and an empty ICE server list', async () => {
    const work = await tempDir();
    const files = galeneFiles(work, { count: 3, maxPublishers: 6 });
    await writeGaleneFiles(files);
    expect((await readdir(files.groupsDir)).sort()).toEqual(['meetbench-1.json', 'meetbench-2.json', 'meetbench-3.json']);
    const group = JSON.parse(await readFile(join(files.groupsDir, 'meetbench-2.json'), 'utf8'));
    expect(group['wildcard-user']).toEqual({ password: { type: 'wildcard' }, permissions: 'present' });
    expect(group.public).toBe(true);
    expect(group['max-clients']).toBeGreaterThanOrEqual(24);
    expect(JSON.parse(await readFile(join(files.dataDir, 'ice-servers.json'), 'utf8'))).toEqual([]);
  });

  it('leaves room for every client of a large room', () => {
    expect(galeneGroup(1, 20)['max-clients']).toBe(80);
  });

  it('refuses a lab without rooms', () => {
    expect(() => galeneFiles('/x', { count: 0, maxPublishers: 1 })).toThrow(/at least one room/);
  });

  it('binds plain HTTP to the namespace address and disables the built-in TURN', () => {
    const files = galeneFiles('/w', { count: 1, maxPublishers: 2 });
    const args = galeneArgs({ address: '10.99.0.3', port: 8443, files, staticDir: '/s', udpRange: null });
    expect(args).toContain('-insecure');
    expect(args[args.indexOf('-http') + 1]).toBe('10.99.0.3:8443');
    expect(args[args.indexOf('-turn') + 1]).toBe('');
    expect(args).not.toContain('-udp-range');
    const withRange = galeneArgs({ address: '10.99.0.3', port: 8443, files, staticDir: '/s', udpRange: '20000-20999' });
    expect(withRange.slice(-2)).toEqual(['-udp-range', '20000-20999']);
  });
});

describe('Galène install check', () => {
  it("says what is missing and repeats the install script's last error", async () => {
    const home = await tempDir();
    await writeFile(join(home, 'INSTALL-ERROR'), 'install-galene: cannot resolve github.com/jech/galene@latest:\n403 Forbidden\n');
    const result = await checkGaleneInstall(galeneInstall({ MEETBENCH_GALENE_HOME: home }));
    expect(result.ok).toBe(false);
    expect(result.detail).toContain(join(home, 'bin', 'galene'));
    expect(result.detail).toContain('403 Forbidden');
  });

  it('accepts an install folder with an executable binary and the web client', async () => {
    const home = await tempDir();
    await mkdir(join(home, 'bin'));
    await mkdir(join(home, 'static'));
    await writeFile(join(home, 'bin', 'galene'), '#!/bin/sh\n', { mode: 0o755 });
    await writeFile(join(home, 'static', 'galene.html'), '<!DOCTYPE html>');
    await writeFile(join(home, 'VERSION'), 'v0.0.0-test\n');
    const result = await checkGaleneInstall(galeneInstall({ MEETBENCH_GALENE_HOME: home }));
    expect(result).toMatchObject({ ok: true, version: 'v0.0.0-test' });
  });
});
