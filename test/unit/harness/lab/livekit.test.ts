import { createHmac } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildLivekitServer, maskProxy } from '../../../../harness/lab/livekit/build-livekit-server.ts';
import { keysFromConfig, LIVEKIT_PORTS, livekitConfig, livekitConfigYaml, randomKeys } from '../../../../harness/lab/livekit/livekit-config.ts';
import { createLivekitPlatform, whyItDied } from '../../../../harness/lab/livekit/livekit.ts';
import { checkLivekitServer, livekitServerInstall } from '../../../../harness/lab/livekit/livekit-release.ts';
import { mintRoomToken } from '../../../../harness/lab/livekit/livekit-tokens.ts';
import { createMeetingPageServer } from '../../../../harness/lab/livekit/meeting-page-server.ts';
import { withRequirements } from '../../../../harness/lab/reference-platforms.ts';
import { turnServerConfig } from '../../../../harness/lab/coturn-config.ts';
import { redactTokens } from '../../../../harness/adapters/redact-tokens.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';

const turn = turnServerConfig('10.99.0.4');
const claims = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
const signedWith = (jwt: string, secret: string): boolean => {
  const [header, payload, signature] = jwt.split('.');
  return createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url') === signature;
};

describe('the lab LiveKit configuration', () => {
  it('listens and announces the namespace address only, without external IP discovery, on one UDP port', () => {
    const config = livekitConfig({ address: '10.99.0.5', interfaceName: 'mb-livekitn', keys: randomKeys(), turn }) as {
      bind_addresses: string[];
      port: number;
      rtc: Record<string, unknown>;
    };
    expect(config.bind_addresses).toEqual(['10.99.0.5']);
    expect(config.port).toBe(LIVEKIT_PORTS.http);
    expect(config.rtc).toMatchObject({
      node_ip: '10.99.0.5',
      use_external_ip: false,
      udp_port: LIVEKIT_PORTS.rtcUdp,
      tcp_port: LIVEKIT_PORTS.rtcTcp,
      enable_loopback_candidate: false,
      interfaces: { includes: ['mb-livekitn'] },
    });
    expect(config.rtc).not.toHaveProperty('port_range_start');
  });

  it("hands the lab's coturn to clients as their TURN server, so no public STUN server is announced", () => {
    const config = livekitConfig({ address: '10.99.0.5', interfaceName: 'mb-livekitn', keys: randomKeys(), turn }) as {
      rtc: { turn_servers: unknown[]; stun_servers?: unknown };
    };
    expect(config.rtc.turn_servers).toEqual([{ host: '10.99.0.4', port: 3478, protocol: 'udp', username: turn.username, credential: turn.credential }]);
  });

  it('gets new random keys at every start, never the development ones, with secrets LiveKit accepts', () => {
    const a = randomKeys();
    const b = randomKeys();
    expect(a.apiKey).not.toBe(b.apiKey);
    expect(a.apiSecret).not.toBe(b.apiSecret);
    for (const keys of [a, b]) {
      expect(keys.apiKey).not.toBe('devkey');
      expect(keys.apiSecret).not.toBe('secret');
      expect(keys.apiSecret.length).toBeGreaterThanOrEqual(32);
    }
  });

  it('writes YAML that gives the same keys back to the page server', () => {
    const keys = randomKeys();
    const yaml = livekitConfigYaml({ address: '10.99.0.5', interfaceName: 'mb-livekitn', keys, turn });
    expect(keysFromConfig(parse(yaml) as { keys: Record<string, string> })).toEqual(keys);
    expect(() => keysFromConfig({})).toThrow('no API key');
  });
});

describe('lab platforms and what they need', () => {
  it('starts coturn before LiveKit, and every platform once', () => {
    expect(withRequirements(['janus', 'livekit'])).toEqual(['janus', 'coturn', 'livekit']);
    expect(withRequirements(['livekit', 'coturn'])).toEqual(['coturn', 'livekit']);
    expect(withRequirements(['janus'])).toEqual(['janus']);
  });

  it("names the taken port from LiveKit's own log line", () => {
    expect(whyItDied(['2026-12-03T10:00:00.000Z\tERROR\tlivekit\tcould not start server', 'listen tcp 10.99.0.5:7880: bind: address already in use'])).toBe(
      'its TCP port 10.99.0.5:7880 is taken by another process in the namespace',
    );
    expect(whyItDied(['something else'])).toBeNull();
  });
});

describe('the pinned LiveKit server in the cache', () => {
  it('is missing until built, and says what the last build said', async () => {
    const install = livekitServerInstall('v1.13.5', { MEETBENCH_CACHE: tempDir('mb-lk-cache-') });
    expect((await checkLivekitServer(install)).detail).toMatch(
      /^LiveKit server v1\.13\.5 is not built \(no .*livekit-server\); node scripts\/setup\.mjs builds it with Go$/,
    );
    mkdirSync(path.dirname(install.errorFile), { recursive: true });
    writeFileSync(install.errorFile, 'go build failed:\n  403 Forbidden\n');
    expect((await checkLivekitServer(install)).detail).toContain('the last build said: go build failed: 403 Forbidden');
  });

  it('is the pinned version only when the binary says so', async () => {
    const install = livekitServerInstall('v1.13.5', { MEETBENCH_CACHE: tempDir('mb-lk-cache-') });
    mkdirSync(install.dir, { recursive: true });
    const fake = (version: string): void => {
      writeFileSync(install.binary, `#!/bin/sh\necho "livekit-server version ${version}"\n`);
      chmodSync(install.binary, 0o755);
    };
    fake('1.13.5');
    expect(await checkLivekitServer(install)).toEqual({ ok: true, detail: `LiveKit server v1.13.5 at ${install.binary}` });
    fake('1.9.11');
    expect(await checkLivekitServer(install)).toMatchObject({ ok: false, detail: expect.stringContaining('it says v1.9.11') });
  });

  it('skips the build when the pinned binary is there, and records "no Go" when there is none', async () => {
    const cache = tempDir('mb-lk-cache-');
    const install = livekitServerInstall('v1.13.5', { MEETBENCH_CACHE: cache });
    const noGo = await buildLivekitServer(install, { env: { GO: path.join(cache, 'no-such-go') } });
    expect(noGo.status).toBe('no-go');
    expect(readFileSync(install.errorFile, 'utf8')).toContain('no Go toolchain found');
    mkdirSync(install.dir, { recursive: true });
    writeFileSync(install.binary, '#!/bin/sh\necho "livekit-server version 1.13.5"\n');
    chmodSync(install.binary, 0o755);
    expect(await buildLivekitServer(install, { env: { GO: path.join(cache, 'no-such-go') } })).toMatchObject({ status: 'cached' });
  });

  it('stops the lab with the reason when the server is not built, before anything starts', async () => {
    const install = livekitServerInstall('v1.13.5', { MEETBENCH_CACHE: tempDir('mb-lk-cache-') });
    mkdirSync(path.dirname(install.errorFile), { recursive: true });
    writeFileSync(install.errorFile, 'no Go toolchain found (set GO=/path/to/go, or install Go); LiveKit is not built\n');
    const host = { namespace: 'mb-livekit', address: '10.99.0.5', interfaceName: 'mb-livekitn', workDir: tempDir('mb-lk-work-') };
    await expect(createLivekitPlatform(install).start(host, { count: 1, maxPublishers: 4, bitrateBps: 512_000 }, { turn })).rejects.toThrow(
      /^LiveKit server v1\.13\.5 is not built .*; the last build said: no Go toolchain found/,
    );
  });

  it("keeps the module proxy's address out of what it records", () => {
    expect(maskProxy('reading https://proxy.example.org/github.com/livekit/dtls/v3/@v/v3.1.5.zip: 403 Forbidden')).toBe(
      'reading <GOPROXY>/github.com/livekit/dtls/v3/@v/v3.1.5.zip: 403 Forbidden',
    );
  });
});

describe('lab tokens and the meeting page server', () => {
  const keys = randomKeys();
  const root = tempDir('mb-lk-page-');
  writeFileSync(path.join(root, 'index.html'), '<title>page</title>');
  writeFileSync(path.join(root, 'meeting-page.js'), 'void 0;');
  const server = createMeetingPageServer({ root, keys, serverUrl: 'ws://10.99.0.5:7880' });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  it('mints a token for one identity in one room, signed with the lab key, as LiveKit expects it', async () => {
    const token = await mintRoomToken(keys, { room: 'meetbench-1', identity: 'bench1' });
    expect(signedWith(token, keys.apiSecret)).toBe(true);
    const c = claims(token);
    expect(c).toMatchObject({
      iss: keys.apiKey,
      sub: 'bench1',
      name: 'bench1',
      video: { room: 'meetbench-1', roomJoin: true, canPublish: true, canSubscribe: true },
    });
    expect(Number(c.exp)).toBeGreaterThan(Date.now() / 1000);
    const expired = claims(await mintRoomToken(keys, { room: 'meetbench-1', identity: 'bench1', ttlS: -60 }));
    expect(Number(expired.exp)).toBeLessThan(Date.now() / 1000);
  });

  it("answers /api/connection-details as LiveKit Meet's route does", async () => {
    const response = await fetch(`${base}/api/connection-details?roomName=meetbench-2&participantName=bench4`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { serverUrl: string; roomName: string; participantName: string; participantToken: string };
    expect(body).toMatchObject({ serverUrl: 'ws://10.99.0.5:7880', roomName: 'meetbench-2', participantName: 'bench4' });
    expect(signedWith(body.participantToken, keys.apiSecret)).toBe(true);
    expect(claims(body.participantToken)).toMatchObject({ sub: 'bench4', video: { room: 'meetbench-2' } });
    const refused = await fetch(`${base}/api/connection-details?roomName=meetbench-2`);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'roomName and participantName are required' });
  });

  it("serves the page at Meet's two addresses and its files beside", async () => {
    for (const route of ['/rooms/meetbench-1', '/custom?liveKitUrl=ws%3A%2F%2Fx&token=t']) {
      const response = await fetch(`${base}${route}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('<title>page</title>');
    }
    expect(await (await fetch(`${base}/meeting-page.js`)).text()).toBe('void 0;');
    expect((await fetch(`${base}/rooms/a/b`)).status).toBe(404);
  });
});

describe('tokens kept out of records', () => {
  it('masks every JSON Web Token in a sentence, as LiveKit quotes a refused one whole', () => {
    const said =
      'could not establish signal connection: invalid token: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiZW5jaDEifQ.c2lnbmF0dXJl, error: token has invalid claims: token is expired';
    expect(redactTokens(said)).toBe('could not establish signal connection: invalid token: ***, error: token has invalid claims: token is expired');
    expect(redactTokens('room meetbench-1.eyJ not a token')).toBe('room meetbench-1.eyJ not a token');
  });
});
