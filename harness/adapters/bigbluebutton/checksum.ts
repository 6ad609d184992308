/**
 * BigBlueButton API call signing (api.md "Usage"): checksum = hex(HASH(callName + queryString + secret)),
 * queryString exactly as sent, without the checksum parameter. SHA-1 and SHA-256 historically, SHA-384
 * and SHA-512 since 2.5 (allowed set in bbb-web.properties `supportedChecksumAlgorithms`).
 */
import { createHash } from 'node:crypto';

export const CHECKSUM_ALGORITHMS = ['sha1', 'sha256', 'sha384', 'sha512'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export function bbbChecksum(callName: string, queryString: string, secret: string, algorithm: ChecksumAlgorithm): string {
  return createHash(algorithm)
    .update(callName + queryString + secret)
    .digest('hex');
}

/**
 * The query string BBB's own examples use: `+` for spaces (form encoding), other reserved characters
 * percent-encoded. The checksum covers these exact bytes, so the same string is signed and sent.
 */
export function bbbQuery(params: Array<[string, string]>): string {
  return params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%20/g, '+')}`).join('&');
}

export function signedUrl(apiBase: string, callName: string, params: Array<[string, string]>, secret: string, algorithm: ChecksumAlgorithm): string {
  const query = bbbQuery(params);
  return `${apiBase.replace(/\/+$/, '')}/${callName}?${query}&checksum=${bbbChecksum(callName, query, secret, algorithm)}`;
}

/** The algorithm a server infers from a checksum's length (older ChecksumValidator, extended to 2.5's set). */
export function algorithmFromLength(checksum: string): ChecksumAlgorithm | null {
  return ({ 40: 'sha1', 64: 'sha256', 96: 'sha384', 128: 'sha512' } as const)[checksum.length as 40 | 64 | 96 | 128] ?? null;
}
