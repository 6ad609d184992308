/**
 * BigBlueButton checksums against the worked example of the BBB API documentation (docs/docs/development/
 * api.md "Usage", facts file "2. BigBlueButton"): create + the query + the example secret gives the SHA-1
 * below. The facts record the query and the resulting checksum; the secret is the one printed in that
 * same api.md example.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { algorithmFromLength, bbbChecksum, bbbQuery, signedUrl } from '../../../../harness/adapters/bigbluebutton/checksum.ts';
import { createUrl, joinUrl, redactChecksum, type BbbCallInput } from '../../../../harness/adapters/bigbluebutton/api-urls.ts';
import { verifyChecksum } from '../../../replicas/bigbluebutton/api-handler.ts';

const DOC_SECRET = '639259d4-9dd8-4b25-bf01-95f9567eaf4b';
const DOC_QUERY = 'name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444';

describe('BBB checksums', () => {
  it('match the worked example of the API documentation (SHA-1)', () => {
    expect(bbbChecksum('create', DOC_QUERY, DOC_SECRET, 'sha1')).toBe('1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17');
  });

  it("sign exactly the query string BBB's example sends (spaces as +)", () => {
    const query = bbbQuery([
      ['name', 'Test Meeting'],
      ['meetingID', 'abc123'],
      ['attendeePW', '111222'],
      ['moderatorPW', '333444'],
    ]);
    expect(query).toBe(DOC_QUERY);
    expect(
      signedUrl(
        'https://bbb.example/bigbluebutton/api',
        'create',
        [
          ['name', 'Test Meeting'],
          ['meetingID', 'abc123'],
          ['attendeePW', '111222'],
          ['moderatorPW', '333444'],
        ],
        DOC_SECRET,
        'sha1',
      ),
    ).toBe(`https://bbb.example/bigbluebutton/api/create?${DOC_QUERY}&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17`);
  });

  it.each(['sha256', 'sha384', 'sha512'] as const)('%s is the same construction with a longer hash', (algorithm) => {
    const sum = bbbChecksum('create', DOC_QUERY, DOC_SECRET, algorithm);
    expect(sum).toBe(createHash(algorithm).update(`create${DOC_QUERY}${DOC_SECRET}`).digest('hex'));
    expect(algorithmFromLength(sum)).toBe(algorithm);
  });

  it('changes with the call name, the query and the secret', () => {
    const base = bbbChecksum('create', DOC_QUERY, DOC_SECRET, 'sha256');
    expect(bbbChecksum('join', DOC_QUERY, DOC_SECRET, 'sha256')).not.toBe(base);
    expect(bbbChecksum('create', `${DOC_QUERY}&x=1`, DOC_SECRET, 'sha256')).not.toBe(base);
    expect(bbbChecksum('create', DOC_QUERY, `${DOC_SECRET}x`, 'sha256')).not.toBe(base);
  });

  it('the replica server accepts what the adapter signs and refuses a tampered query or another secret', () => {
    const input: BbbCallInput = {
      base: 'http://10.99.0.2:8102',
      secret: 's3cret-value',
      algorithm: 'sha512',
      meetingId: 'meetbench-1',
      meetingName: 'meetbench-1',
      fullName: 'bench 1',
      moderator: true,
      credentials: 'password',
      moderatorPassword: 'mp',
      attendeePassword: 'ap',
      sender: true,
      skipModals: true,
      createParams: {},
      joinParams: {},
    };
    for (const url of [createUrl(input), joinUrl(input)]) {
      const call = new URL(url).pathname.split('/').pop()!;
      const raw = url.split('?')[1]!;
      expect(verifyChecksum(call, raw, 's3cret-value', ['sha512'])).toBe(true);
      expect(verifyChecksum(call, raw, 'other', ['sha512'])).toBe(false);
      expect(verifyChecksum(call, raw.replace('meetbench-1', 'meetbench-2'), 's3cret-value', ['sha512'])).toBe(false);
      // an algorithm the server does not allow
      expect(verifyChecksum(call, raw, 's3cret-value', ['sha1', 'sha256'])).toBe(false);
    }
    expect(joinUrl(input)).toContain('userdata-bbb_skip_check_audio=true');
    expect(joinUrl(input)).toContain('userdata-bbb_skip_video_preview=true');
    expect(joinUrl(input)).toContain('fullName=bench+1');
    expect(redactChecksum(joinUrl(input))).toMatch(/checksum=\*\*\*$/);
  });
});
