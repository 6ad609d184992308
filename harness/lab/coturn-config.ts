/**
 * The command line of the lab's TURN server (Debian's coturn, `turnserver -n`: no config file, everything
 * here): listening and relaying only on its namespace's address, long-term credentials with one static
 * user (the lab is local and throwaway: a fixed secret is fine and lets reports name it), no TLS/DTLS, no
 * CLI, peers allowed only inside the lab subnet (coturn would otherwise relay to any address).
 * Pure: coturn.ts starts the process.
 */
import { PREFIX_LENGTH, SUBNET_PREFIX } from './lab-names.ts';

export const TURN_PORT = 3478;
export const TURN_REALM = 'meetbench.lab';
export const TURN_USER = 'meetbench';
export const TURN_PASSWORD = 'meetbench-lab-turn';
/** relay ports: a small range is plenty for a lab and keeps firewall rules readable */
export const TURN_RELAY_PORTS = { min: 49160, max: 49400 } as const;

export interface TurnServerConfig {
  /** e.g. turn:10.99.0.4:3478?transport=udp */
  urls: string[];
  username: string;
  credential: string;
  address: string;
}

export function turnServerConfig(address: string): TurnServerConfig {
  return { urls: [`turn:${address}:${TURN_PORT}?transport=udp`], username: TURN_USER, credential: TURN_PASSWORD, address };
}

export function coturnArgs(options: { address: string; logFile: string; pidFile: string }): string[] {
  if (PREFIX_LENGTH !== 24) throw new Error('coturn-config assumes the lab subnet is a /24');
  return [
    '-n',
    `--listening-ip=${options.address}`,
    `--relay-ip=${options.address}`,
    `--listening-port=${TURN_PORT}`,
    `--min-port=${TURN_RELAY_PORTS.min}`,
    `--max-port=${TURN_RELAY_PORTS.max}`,
    '--lt-cred-mech',
    `--user=${TURN_USER}:${TURN_PASSWORD}`,
    `--realm=${TURN_REALM}`,
    '--fingerprint',
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--no-multicast-peers',
    // relay to the lab only: every address denied, the lab subnet allowed (an allow overrides a deny)
    '--denied-peer-ip=0.0.0.0-255.255.255.255',
    `--allowed-peer-ip=${SUBNET_PREFIX}0-${SUBNET_PREFIX}255`,
    `--log-file=${options.logFile}`,
    '--simple-log',
    `--pidfile=${options.pidFile}`,
  ];
}
