/**
 * coturn as a lab service: Debian's `turnserver` in its own namespace (mb-coturn, 10.99.0.4), for
 * participants whose network profile is turn-only (their namespace lets UDP out only to this address).
 * Registered like a reference platform, so `lab up`, `lab down`, the state file and the reaper handle it;
 * it has no page to join: `pageUrl` is its turn: URL and `extra` holds the static credentials.
 * Ready when it answers a STUN Binding request (sent from the root namespace over the lab bridge).
 */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { HarnessError } from '../errors.ts';
import { coturnArgs, TURN_PORT, turnServerConfig, type TurnServerConfig } from './coturn-config.ts';
import { logTail, spawnInNamespace } from './namespace-spawn.ts';
import { isAlive } from '../system/processes.ts';
import type { LabHost, ReferencePlatform, ReferencePlatformEndpoints } from './reference-platform.ts';

export const TURNSERVER_BINARY = '/usr/bin/turnserver';

/** One STUN Binding request (RFC 5389); true when a Binding success response with our transaction id comes back. */
export function stunAnswers(address: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const id = randomBytes(12);
    const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), id]);
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('error', () => done(false));
    socket.on('message', (msg) => done(msg.length >= 20 && msg.readUInt16BE(0) === 0x0101 && msg.subarray(8, 20).equals(id)));
    socket.send(request, port, address);
  });
}

export const coturn: ReferencePlatform = {
  id: 'coturn',

  async check() {
    return existsSync(TURNSERVER_BINARY)
      ? { ok: true, detail: `${TURNSERVER_BINARY} (Debian coturn)` }
      : { ok: false, detail: `${TURNSERVER_BINARY} not found (apt-get install -y coturn)` };
  },

  async start(host: LabHost): Promise<ReferencePlatformEndpoints> {
    if (!existsSync(TURNSERVER_BINARY)) {
      throw new HarnessError('LAB_FAILED', `coturn is not installed (${TURNSERVER_BINARY}), needed by turn-only network profiles`, {
        hint: 'as root: apt-get install -y coturn',
      });
    }
    const logFile = path.join(host.workDir, 'turnserver.log');
    const args = coturnArgs({ address: host.address, logFile, pidFile: path.join(host.workDir, 'turnserver.pid') });
    const pid = spawnInNamespace(host.namespace, TURNSERVER_BINARY, args, { logFile: path.join(host.workDir, 'turnserver.out') });
    const turn = turnServerConfig(host.address);
    return {
      pageUrl: turn.urls[0]!,
      extra: { username: turn.username, credential: turn.credential, address: host.address, log: logFile, output: path.join(host.workDir, 'turnserver.out') },
      pids: [pid],
    };
  },

  async waitReady(host: LabHost, endpoints: ReferencePlatformEndpoints, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const pid = endpoints.pids[0]!;
      if (!isAlive(pid)) {
        throw new HarnessError('LAB_FAILED', `turnserver (pid ${pid}) exited while starting in ${host.namespace}`, {
          details: logTail(endpoints.extra.output ?? ''),
        });
      }
      if (await stunAnswers(host.address, TURN_PORT, 500)) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new HarnessError('LAB_FAILED', `coturn did not answer STUN on ${host.address}:${TURN_PORT} within ${timeoutMs} ms`, {
      details: logTail(endpoints.extra.log ?? ''),
    });
  },
};

/** The TURN server of a running lab, from its state record; null when the lab has none. */
export function labTurnServer(platforms: Array<{ id: string; endpoints: ReferencePlatformEndpoints | null }>): TurnServerConfig | null {
  const record = platforms.find((p) => p.id === 'coturn');
  if (!record?.endpoints) return null;
  const { username, credential, address } = record.endpoints.extra;
  if (!username || !credential || !address) return null;
  return { urls: [record.endpoints.pageUrl], username, credential, address };
}
