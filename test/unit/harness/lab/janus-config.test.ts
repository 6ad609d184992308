/** The Janus config generator: what the lab's Janus is told, checked on the generated text. */
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../../../harness/errors.ts';
import { DEFAULT_ROOMS, generateJanusConfig, videoroomConfig, type JanusConfigOptions } from '../../../../harness/lab/janus-config.ts';

// Debian ships each module as .so, .so.1 and .so.1.1.2
const debianModules = (names: string[]): string[] => names.flatMap((n) => [`libjanus_${n}.so`, `libjanus_${n}.so.1`, `libjanus_${n}.so.1.1.2`]);

const options = (over: Partial<JanusConfigOptions> = {}): JanusConfigOptions => ({
  configDir: '/data/lab/janus/config',
  interfaceName: 'mb-janusn',
  address: '10.99.0.2',
  rooms: DEFAULT_ROOMS,
  websockets: false,
  modules: {
    libDir: '/usr/lib/x86_64-linux-gnu/janus',
    plugins: debianModules(['videoroom', 'videocall', 'echotest', 'streaming', 'sip']),
    transports: debianModules(['http', 'websockets', 'mqtt']),
    events: debianModules(['sampleevh']),
    loggers: debianModules(['jsonlog']),
  },
  ...over,
});

/** the value of `key = "..."` inside `section: { ... }` */
function setting(text: string, section: string, key: string): string | undefined {
  const body = new RegExp(`^${section}: \\{\\n([\\s\\S]*?)^\\}`, 'm').exec(text)?.[1] ?? '';
  return new RegExp(`^\\s*${key} = (.*)$`, 'm').exec(body)?.[1];
}

describe('generateJanusConfig', () => {
  it('restricts ICE to the namespace veth and uses no STUN server', () => {
    const main = generateJanusConfig(options())['janus.jcfg']!;
    expect(setting(main, 'nat', 'ice_enforce_list')).toBe('"mb-janusn"');
    expect(main).not.toMatch(/stun_server/);
    expect(setting(main, 'general', 'interface')).toBe('"10.99.0.2"');
    expect(setting(main, 'general', 'configs_folder')).toBe('"/data/lab/janus/config"');
  });

  it('serves PeerConnections from static event loops when asked, and from a thread each otherwise', () => {
    expect(setting(generateJanusConfig(options({ eventLoops: 2 }))['janus.jcfg']!, 'general', 'event_loops')).toBe('2');
    expect(setting(generateJanusConfig(options())['janus.jcfg']!, 'general', 'event_loops')).toBeUndefined();
  });

  it('disables every plugin but VideoRoom and VideoCall, by the .so names Janus loads', () => {
    const files = generateJanusConfig(options());
    expect(setting(files['janus.jcfg']!, 'plugins', 'disable')).toBe('"libjanus_echotest.so,libjanus_sip.so,libjanus_streaming.so"');
    expect(files['janus.plugin.videocall.jcfg']).toBe('general: {\n}\n');
  });

  it('runs without VideoCall when that plugin is not installed (it only serves janus-videocall)', () => {
    const files = generateJanusConfig(options({ modules: { ...options().modules, plugins: debianModules(['videoroom', 'echotest']) } }));
    expect(setting(files['janus.jcfg']!, 'plugins', 'disable')).toBe('"libjanus_echotest.so"');
    expect(files['janus.plugin.videocall.jcfg']).toBeUndefined();
  });

  it('keeps the HTTP transport, and WebSockets only when asked', () => {
    const without = generateJanusConfig(options());
    expect(setting(without['janus.jcfg']!, 'transports', 'disable')).toBe('"libjanus_mqtt.so,libjanus_websockets.so"');
    expect(without['janus.transport.websockets.jcfg']).toBeUndefined();
    expect(setting(without['janus.transport.http.jcfg']!, 'general', 'port')).toBe('8088');
    expect(setting(without['janus.transport.http.jcfg']!, 'admin', 'admin_http')).toBe('false');

    const withWs = generateJanusConfig(options({ websockets: true }));
    expect(setting(withWs['janus.jcfg']!, 'transports', 'disable')).toBe('"libjanus_mqtt.so"');
    expect(setting(withWs['janus.transport.websockets.jcfg']!, 'general', 'ws_port')).toBe('8188');
  });

  it('disables all event handlers and loggers', () => {
    const main = generateJanusConfig(options())['janus.jcfg']!;
    expect(setting(main, 'events', 'disable')).toBe('"libjanus_sampleevh.so"');
    expect(setting(main, 'events', 'broadcast')).toBe('false');
    expect(setting(main, 'loggers', 'disable')).toBe('"libjanus_jsonlog.so"');
  });

  it('escapes quotes and backslashes in paths', () => {
    const main = generateJanusConfig(options({ configDir: '/tmp/a "b"\\c' }))['janus.jcfg']!;
    expect(setting(main, 'general', 'configs_folder')).toBe('"/tmp/a \\"b\\"\\\\c"');
  });

  it('refuses to generate a config without the VideoRoom plugin', () => {
    const modules = { ...options().modules, plugins: ['libjanus_echotest.so'] };
    expect(() => generateJanusConfig(options({ modules }))).toThrow(/VideoRoom plugin is missing/);
  });
});

describe('videoroomConfig', () => {
  it('writes rooms 1..N with the publishers and bitrate cap asked for, plus the demo default room', () => {
    const text = videoroomConfig({ count: 3, maxPublishers: 4, bitrateBps: 256_000 });
    const rooms = [...text.matchAll(/^room-(\d+): \{/gm)].map((m) => Number(m[1]));
    expect(rooms).toEqual([1, 2, 3, 1234]);
    for (const id of rooms) {
      expect(setting(text, `room-${id}`, 'publishers')).toBe('4');
      expect(setting(text, `room-${id}`, 'bitrate')).toBe('256000');
      expect(setting(text, `room-${id}`, 'bitrate_cap')).toBe('true');
    }
  });

  it('defaults to 8 publishers at 512 kbit/s', () => {
    const text = videoroomConfig(DEFAULT_ROOMS);
    expect(setting(text, 'room-1', 'publishers')).toBe('8');
    expect(setting(text, 'room-1', 'bitrate')).toBe('512000');
  });

  it('caps the demo default room 1234 like the others (Debian caps it at 128 kbit/s)', () => {
    const text = videoroomConfig(DEFAULT_ROOMS);
    expect(text.match(/^room-1234: \{/gm)).toHaveLength(1);
    expect(setting(text, 'room-1234', 'bitrate')).toBe('512000');
  });

  it.each([
    [{ count: 0, maxPublishers: 8, bitrateBps: 512_000 }, /count must be an integer from 1/],
    [{ count: 2.5, maxPublishers: 8, bitrateBps: 512_000 }, /count must be an integer/],
    [{ count: 2, maxPublishers: 0, bitrateBps: 512_000 }, /maxPublishers must be an integer from 1/],
    [{ count: 2, maxPublishers: 8, bitrateBps: 100 }, /bitrateBps must be an integer from 16000/],
  ])('refuses %o with an error naming the field', (rooms, message) => {
    let caught: unknown;
    try {
      videoroomConfig(rooms);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HarnessError);
    expect((caught as HarnessError).code).toBe('INVALID_INPUT');
    expect((caught as HarnessError).message).toMatch(message);
  });
});
