/** Pure parts of the adapters: custom recipe templates and schema, Jitsi's hash config, LiveKit tokens, Carbonio URLs. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { customOptionsSchema, describeStep, fillTemplate } from '../../../../harness/adapters/custom/recipe.ts';
import { jitsiUrl } from '../../../../harness/adapters/jitsi-meet/hash-config.ts';
import { mintAccessToken } from '../../../../harness/adapters/livekit-meet/access-token.ts';
import { loginUrl, meetingUrl } from '../../../../harness/adapters/zimbra-connect/index.ts';
import { verifyToken } from '../../../replicas/livekit-meet/server-handler.ts';
import { ADAPTERS } from '../../../../harness/adapters/registry.ts';

const values = { base: 'https://meet.example/app', origin: 'https://meet.example', room: 'r-2', name: 'bench1', index: 0 };

describe('custom recipe', () => {
  it('fills templates, reading {env:…} through the secret reader only', () => {
    const asked: string[] = [];
    const secret = (n: string): string | undefined => (asked.push(n), n === 'ROOM_PW' ? 'pw' : undefined);
    expect(fillTemplate('{base}/{room}?n={name}&i={index}&p={env:ROOM_PW}', values, secret)).toBe('https://meet.example/app/r-2?n=bench1&i=0&p=pw');
    expect(asked).toEqual(['ROOM_PW']);
    expect(() => fillTemplate('{env:MISSING}', values, secret)).toThrow('environment variable MISSING is not set');
    // unknown placeholders stay as written (a CSS or JSON brace is not a template)
    expect(fillTemplate('{other}', values, secret)).toBe('{other}');
  });

  it('names steps by their name or action and position', () => {
    expect(describeStep({ click: '#go', name: 'join-button' }, 2).name).toBe('join-button');
    expect(describeStep({ waitForFunction: 'x' }, 3).name).toBe('wait-for-function-4');
    expect(describeStep({ dismiss: '.x', waitMs: 1 }, 0).name).toBe('dismiss-1');
  });

  it('refuses a step with two actions, an unknown key and an empty recipe', () => {
    expect(customOptionsSchema.safeParse({ steps: [{ click: '#a', fill: '#b' }], joined: { selector: '#x' } }).success).toBe(false);
    expect(customOptionsSchema.safeParse({ steps: [{ clik: '#a' }], joined: { selector: '#x' } }).success).toBe(false);
    expect(customOptionsSchema.safeParse({ steps: [], joined: { selector: '#x' } }).success).toBe(false);
    expect(customOptionsSchema.safeParse({ steps: [{ goto: '{base}' }], joined: { function: 'true' } }).success).toBe(true);
  });
});

describe('Jitsi URL', () => {
  it('puts config in the hash as JSON values, display name quoted, jwt in the query and hidden on demand', () => {
    const input = {
      base: 'https://meet.example/',
      room: 'meetbench-1',
      displayName: 'bench 1',
      prejoin: false,
      p2p: false,
      receiveOnly: false,
      extraConfig: { channelLastN: 4 },
      jwt: 'secret.jwt',
    };
    const url = jitsiUrl(input);
    expect(url.startsWith('https://meet.example/meetbench-1?jwt=secret.jwt#')).toBe(true);
    expect(url).toContain('config.prejoinConfig.enabled=false');
    expect(url).toContain('config.p2p.enabled=false');
    expect(url).toContain('config.channelLastN=4');
    expect(url).toContain('userInfo.displayName=%22bench%201%22');
    expect(jitsiUrl(input, { hideSecrets: true })).not.toContain('secret.jwt');
  });
});

describe('LiveKit access token', () => {
  it('is an HS256 JWT with the room grant that the replica server verifies', () => {
    const token = mintAccessToken({
      apiKey: 'APIk',
      apiSecret: 'sec',
      identity: 'bench1',
      name: 'bench1',
      room: 'meetbench-1',
      canPublish: true,
      nowS: 1_000_000,
    });
    const [h, p, s] = token.split('.');
    expect(s).toBe(createHmac('sha256', 'sec').update(`${h}.${p}`).digest('base64url'));
    expect(verifyToken(token, 'APIk', 'sec', 1_000_100)).toEqual({ ok: true, room: 'meetbench-1', identity: 'bench1' });
    expect(verifyToken(token, 'APIk', 'other', 1_000_100)).toMatchObject({ ok: false, reason: 'invalid signature' });
    expect(verifyToken(token, 'APIk', 'sec', 2_000_000)).toMatchObject({ ok: false });
  });
});

describe('Carbonio / Zimbra Connect URLs', () => {
  it('builds meeting and login URLs from templates, passing full meeting URLs through', () => {
    const opts = { flavor: 'carbonio' as const, meetings: { '1': 'abc', '2': 'https://z.example/meet/xyz' }, urls: {} };
    expect(meetingUrl('https://mail.example/carbonio/', opts, '1')).toBe('https://mail.example/carbonio/focus-mode/meetings/abc');
    expect(meetingUrl('https://mail.example/', opts, '2')).toBe('https://z.example/meet/xyz');
    expect(loginUrl('https://mail.example/', opts, 'https://mail.example/carbonio/focus-mode/meetings/abc')).toBe(
      'https://mail.example/static/login/?destinationUrl=https%3A%2F%2Fmail.example%2Fcarbonio%2Ffocus-mode%2Fmeetings%2Fabc',
    );
    expect(() => meetingUrl('https://mail.example/', opts, '9')).toThrow('no meeting for room 9');
  });

  it('makes every room its meeting from one template (the lab, where any meeting id exists)', () => {
    const opts = { flavor: 'carbonio' as const, meetings: 'lab-{room}', urls: {} };
    expect(meetingUrl('http://10.99.0.6:8090', opts, '3')).toBe('http://10.99.0.6:8090/carbonio/focus-mode/meetings/lab-3');
  });

  it('refuses members who log in without credentials, and a guest path outside Carbonio', () => {
    const adapter = ADAPTERS['zimbra-connect']!;
    expect(adapter.optionsSchema.safeParse({ meetings: 'm-{room}' }).success).toBe(false);
    expect(adapter.optionsSchema.safeParse({ meetings: 'm-{room}', login: false }).success).toBe(true);
    expect(adapter.optionsSchema.safeParse({ meetings: 'm-{room}', access: 'guest' }).success).toBe(true);
    expect(adapter.optionsSchema.safeParse({ meetings: 'm-{room}', access: 'guest', flavor: 'zimbra-connect' }).success).toBe(false);
    expect(adapter.optionsSchema.safeParse({ meetings: 'no-room-placeholder', login: false }).success).toBe(false);
  });
});

describe('every adapter', () => {
  it.each(Object.values(ADAPTERS).map((a) => [a.id, a]))('%s documents every option (a .describe() on each)', (_id, adapter) => {
    const schema =
      (adapter.optionsSchema as unknown as { shape?: Record<string, { description?: string }> }).shape ??
      (adapter.optionsSchema as unknown as { def?: { in?: { shape?: Record<string, { description?: string }> } } }).def?.in?.shape;
    if (!schema) return;
    for (const [name, option] of Object.entries(schema)) expect(option.description, `${adapter.id}.${name}`).toBeTruthy();
  });
});
