/**
 * Names and addresses of everything the lab creates. Every kernel object starts with `mb-` so the reaper,
 * `lab down` and the test suite's leak check can find them; interface names must fit Linux' 15 characters.
 */
import { HarnessError } from '../errors.ts';

export const BRIDGE = 'mb-br0';
export const SUBNET_PREFIX = '10.99.0.';
export const PREFIX_LENGTH = 24;
export const BRIDGE_ADDRESS = `${SUBNET_PREFIX}1`;
/** reference platforms use .2 to .19, participants .20 + index */
export const PARTICIPANT_BASE_OCTET = 20;
export const MAX_PARTICIPANT_INDEX = 254 - PARTICIPANT_BASE_OCTET;

export interface NamespaceNames {
  namespace: string;
  address: string;
  /** veth end in the root namespace, attached to the bridge */
  hostVeth: string;
  /** veth end inside the namespace */
  nsVeth: string;
}

// a hyphen inside is allowed (zimbra-p2p): `mb-` + 11 characters + the veth's h/n suffix fits 15
const PLATFORM_ID = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,10}$/;

export function platformNames(id: string, octet: number): NamespaceNames {
  // p<digits> would collide with participant names
  if (!PLATFORM_ID.test(id) || /^p\d+$/.test(id)) {
    throw new HarnessError('INVALID_INPUT', `reference platform id "${id}" cannot name a lab namespace`, {
      hint: 'use 2 to 11 lower-case letters, digits or inner hyphens, starting with a letter, and not p<number>',
    });
  }
  if (!Number.isInteger(octet) || octet < 2 || octet >= PARTICIPANT_BASE_OCTET) {
    throw new HarnessError('INVALID_INPUT', `reference platform "${id}": address octet ${octet} is outside 2..${PARTICIPANT_BASE_OCTET - 1}`);
  }
  return { namespace: `mb-${id}`, address: `${SUBNET_PREFIX}${octet}`, hostVeth: `mb-${id}h`, nsVeth: `mb-${id}n` };
}

export function participantNames(index: number): NamespaceNames {
  if (!Number.isInteger(index) || index < 0 || index > MAX_PARTICIPANT_INDEX) {
    throw new HarnessError('INVALID_INPUT', `participant index ${index} is outside 0..${MAX_PARTICIPANT_INDEX}`, {
      hint: `the lab subnet ${SUBNET_PREFIX}0/${PREFIX_LENGTH} has room for ${MAX_PARTICIPANT_INDEX + 1} participants`,
    });
  }
  return {
    namespace: `mb-p${index}`,
    address: `${SUBNET_PREFIX}${PARTICIPANT_BASE_OCTET + index}`,
    hostVeth: `mb-p${index}h`,
    nsVeth: `mb-p${index}n`,
  };
}
