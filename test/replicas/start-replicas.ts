/**
 * Start the replica server inside the lab's Janus namespace (so replica origins are http://10.99.0.2:PORT
 * and ICE stays in the lab) and stop it again. The server also exits by itself when this process dies.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { logTail, spawnInNamespace } from '../../harness/lab/namespace-spawn.ts';
import { isAlive, terminateSync } from '../../harness/system/processes.ts';
import { NEVER_ANSWERS_PORT, REPLICA_PORTS, VARIANT_OFFSET, type ReplicaId } from './replica-server.ts';

const SERVER = fileURLToPath(new URL('./replica-server.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningReplicas {
  pid: number;
  url(id: ReplicaId, variant?: 'normal' | 'renamed'): string;
  neverAnswersUrl: string;
  stop(): void;
}

export async function startReplicas(namespace: string, address: string, workDir: string, timeoutMs = 20_000): Promise<RunningReplicas> {
  const logFile = path.join(workDir, 'replica-server.log');
  const pid = spawnInNamespace(namespace, process.execPath, ['--import', 'tsx', SERVER, '--host', address, '--parent-pid', String(process.pid)], {
    logFile,
    cwd: REPO_ROOT,
  });
  const url = (id: ReplicaId, variant: 'normal' | 'renamed' = 'normal'): string =>
    `http://${address}:${REPLICA_PORTS[id] + (variant === 'renamed' ? VARIANT_OFFSET : 0)}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isAlive(pid)) throw new Error(`replica server exited: ${logTail(logFile).join(' | ')}`);
    const up = await fetch(`${url('jitsi-meet')}/_shared/replica-ui.js`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      terminateSync([pid]);
      throw new Error(`replica server did not answer within ${timeoutMs} ms: ${logTail(logFile).join(' | ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { pid, url, neverAnswersUrl: `http://${address}:${NEVER_ANSWERS_PORT}`, stop: () => terminateSync([pid], 2000) };
}
