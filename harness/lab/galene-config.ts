/**
 * What Galène needs on disk and on its command line to run as a lab platform: a data folder, one group
 * file per room and the flags. Pure functions, so the generated configuration is tested without a server.
 * Facts: docs/adapters.md "Sources" (galene.md, galene.go).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Galène's web server port inside its namespace (its own default, served over plain HTTP with -insecure). */
export const GALENE_HTTP_PORT = 8443;
/** UDP ports for media; a fixed range keeps the namespace's traffic easy to read in captures. */
export const GALENE_UDP_RANGE = '20000-20999';
export const GALENE_ROOM_PREFIX = 'meetbench-';

export interface GaleneRooms {
  count: number;
  maxPublishers: number;
}

export interface GaleneFiles {
  dataDir: string;
  groupsDir: string;
  recordingsDir: string;
  /** file name (relative to groupsDir) → content */
  groups: Record<string, GaleneGroup>;
  /** file name (relative to dataDir) → content */
  data: Record<string, unknown>;
}

export interface GaleneGroup {
  displayName: string;
  public: boolean;
  'max-clients': number;
  'wildcard-user': { password: { type: 'wildcard' }; permissions: 'present' };
}

export function galeneRoomName(index: number): string {
  return `${GALENE_ROOM_PREFIX}${index}`;
}

/**
 * An open group: any username with any password (even empty) gets "present", which is what publishing
 * needs. max-clients covers senders and receivers; Galène counts every client, so leave headroom.
 */
export function galeneGroup(index: number, maxPublishers: number): GaleneGroup {
  return {
    displayName: `meetbench room ${index}`,
    public: true,
    'max-clients': Math.max(32, maxPublishers * 4),
    'wildcard-user': { password: { type: 'wildcard' }, permissions: 'present' },
  };
}

export function galeneFiles(workDir: string, rooms: GaleneRooms): GaleneFiles {
  if (!Number.isInteger(rooms.count) || rooms.count < 1) throw new RangeError(`Galène needs at least one room, got ${rooms.count}`);
  const groups: Record<string, GaleneGroup> = {};
  for (let i = 1; i <= rooms.count; i++) groups[`${galeneRoomName(i)}.json`] = galeneGroup(i, rooms.maxPublishers);
  return {
    dataDir: join(workDir, 'data'),
    groupsDir: join(workDir, 'groups'),
    recordingsDir: join(workDir, 'recordings'),
    groups,
    data: {
      // No server-wide options needed; written so the folder is complete and the file says who made it.
      'config.json': {},
      // An empty ICE server list: the clients then gather host candidates only, which inside the lab are
      // namespace addresses. Otherwise Galène would hand out its built-in TURN, which -turn "" disables.
      'ice-servers.json': [],
    },
  };
}

export async function writeGaleneFiles(files: GaleneFiles): Promise<void> {
  await mkdir(files.dataDir, { recursive: true });
  await mkdir(files.groupsDir, { recursive: true });
  await mkdir(files.recordingsDir, { recursive: true });
  for (const [name, content] of Object.entries(files.data)) await writeFile(join(files.dataDir, name), `${JSON.stringify(content, null, 2)}\n`);
  for (const [name, content] of Object.entries(files.groups)) await writeFile(join(files.groupsDir, name), `${JSON.stringify(content, null, 2)}\n`);
}

/**
 * The command line. `-turn ""` disables the built-in TURN server (it would advertise addresses outside
 * the lab); `-udp-range` exists only in recent Galène, so it is passed when the binary lists it.
 */
export function galeneArgs(opts: { address: string; port: number; files: GaleneFiles; staticDir: string; udpRange: string | null }): string[] {
  const args = [
    '-insecure',
    '-http',
    `${opts.address}:${opts.port}`,
    '-static',
    opts.staticDir,
    '-data',
    opts.files.dataDir,
    '-groups',
    opts.files.groupsDir,
    '-recordings',
    opts.files.recordingsDir,
    '-turn',
    '',
  ];
  if (opts.udpRange) args.push('-udp-range', opts.udpRange);
  return args;
}
