/**
 * What the livekit-meet adapter relies on in LiveKit Meet (facts: docs/adapters.md "Sources", LiveKit
 * Meet: livekit-examples/meet 6da2b8eb with @livekit/components-react 2.9.20).
 */
export const SELECTORS = {
  prejoin: '.lk-prejoin',
  username: '#username',
  joinButton: '.lk-join-button',
  conference: '.lk-video-conference',
  disconnect: '.lk-disconnect-button',
  /** the ControlBar's TrackToggle for the screen share (useTrackToggle sets data-lk-source) */
  screenShare: '.lk-control-bar button[data-lk-source="screen_share"]',
} as const;

export const PAGE_STATE = {
  /** set by Meet's DebugMode on both pages */
  connected: "!!window.__lk_room && window.__lk_room.state === 'connected'",
  /** the room's connection state: connected, connecting, reconnecting, signalReconnecting, disconnected */
  roomState: "window.__lk_room ? window.__lk_room.state : 'no room'",
} as const;
