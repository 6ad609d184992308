/**
 * The page script that points a participant's WebRTC at the lab's TURN server: every RTCPeerConnection
 * is created with the TURN server as its only ICE server (the Janus demo's settings.js says
 * `iceServers = null`, and janus.js then falls back to a public STUN server, which the lab must never
 * use). No `iceTransportPolicy: relay` unless asked: with the turn-only firewall it is the firewall that
 * forces the relay, which is what a turn-only test must show. Injected before any page script, after the
 * collector (so the collector sees the configuration actually used). Plain JS text: it runs in the page.
 */
import type { TurnServerConfig } from '../lab/index.ts';

export function turnPageScript(turn: TurnServerConfig, options: { forceRelay?: boolean } = {}): string {
  const config = {
    iceServers: [{ urls: turn.urls, username: turn.username, credential: turn.credential }],
    policy: options.forceRelay ? 'relay' : null,
  };
  return `(() => {
  const config = ${JSON.stringify(config)};
  const w = window;
  const Native = w.RTCPeerConnection;
  if (!Native || w.__meetbenchIceServers) return;
  w.__meetbenchIceServers = config.iceServers;
  const Proxied = new Proxy(Native, {
    construct(target, args, newTarget) {
      const init = Object.assign({}, args[0] || {});
      init.iceServers = config.iceServers;
      if (config.policy) init.iceTransportPolicy = config.policy;
      return Reflect.construct(target, [init, ...Array.prototype.slice.call(args, 1)], newTarget);
    },
  });
  w.RTCPeerConnection = Proxied;
  if (w.webkitRTCPeerConnection) w.webkitRTCPeerConnection = Proxied;
})();`;
}
