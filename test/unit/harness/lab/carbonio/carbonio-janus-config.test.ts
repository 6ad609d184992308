/** Janus as Carbonio's video server: the settings of Carbonio's janus.jcfg patch, checked on the generated text. */
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../../../../harness/errors.ts';
import { generateCarbonioJanusConfig, missingCarbonioPlugins, type CarbonioJanusOptions } from '../../../../../harness/lab/carbonio/carbonio-janus-config.ts';

const debianModules = (names: string[]): string[] => names.flatMap((n) => [`libjanus_${n}.so`, `libjanus_${n}.so.1`, `libjanus_${n}.so.1.1.2`]);

const options = (plugins = ['audiobridge', 'videoroom', 'videocall', 'streaming']): CarbonioJanusOptions => ({
  configDir: '/data/lab/carbonio/config',
  address: '10.99.0.6',
  interfaceName: 'mb-carbonion',
  modules: {
    libDir: '/usr/lib/x86_64-linux-gnu/janus',
    plugins: debianModules(plugins),
    transports: debianModules(['http', 'websockets', 'rabbitmq']),
    events: debianModules(['rabbitmqevh', 'wsevh']),
    loggers: debianModules(['jsonlog']),
  },
  apiSecret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0',
  eventLoops: 2,
});

function setting(text: string, section: string, key: string): string | undefined {
  const body = new RegExp(`^${section}: \\{\\n([\\s\\S]*?)^\\}`, 'm').exec(text)?.[1] ?? '';
  return new RegExp(`^\\s*${key} = (.*)$`, 'm').exec(body)?.[1];
}

describe('generateCarbonioJanusConfig', () => {
  const files = generateCarbonioJanusConfig(options());
  const main = files['janus.jcfg']!;

  it('asks every request for the api_secret and never times a session out, as Carbonio does', () => {
    expect(setting(main, 'general', 'api_secret')).toBe('"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0"');
    expect(setting(main, 'general', 'session_timeout')).toBe('0');
    expect(setting(main, 'general', 'reclaim_session_timeout')).toBe('0');
    expect(setting(main, 'media', 'rtp_port_range')).toBe('"20000-40000"');
    expect(setting(main, 'media', 'dtls_timeout')).toBe('2000');
  });

  it('loads only the AudioBridge and VideoRoom plugins and the HTTP transport', () => {
    const disabled = setting(main, 'plugins', 'disable')!;
    expect(disabled).toContain('libjanus_videocall.so');
    expect(disabled).toContain('libjanus_streaming.so');
    expect(disabled).not.toContain('libjanus_audiobridge.so');
    expect(disabled).not.toContain('libjanus_videoroom.so');
    expect(setting(main, 'transports', 'disable')).toBe('"libjanus_rabbitmq.so,libjanus_websockets.so"');
  });

  it("binds Janus's HTTP API to the namespace's loopback, where only the meeting service reaches it", () => {
    const http = files['janus.transport.http.jcfg']!;
    expect(setting(http, 'general', 'ip')).toBe('"127.0.0.1"');
    expect(setting(http, 'admin', 'admin_http')).toBe('false');
  });

  it('uses string ids in both plugins and keeps ICE on the lab veth', () => {
    for (const plugin of ['audiobridge', 'videoroom']) expect(setting(files[`janus.plugin.${plugin}.jcfg`]!, 'general', 'string_ids')).toBe('true');
    expect(setting(main, 'nat', 'ice_enforce_list')).toBe('"mb-carbonion"');
  });

  it('refuses a Janus without the AudioBridge, naming the plugin and the fix', () => {
    expect(missingCarbonioPlugins(debianModules(['videoroom']))).toEqual(['AudioBridge']);
    expect(() => generateCarbonioJanusConfig(options(['videoroom']))).toThrow(HarnessError);
    expect(() => generateCarbonioJanusConfig(options(['videoroom']))).toThrow(/AudioBridge plugin is missing/);
  });
});
