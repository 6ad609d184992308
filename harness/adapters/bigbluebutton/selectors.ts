/**
 * What the bigbluebutton adapter relies on in BBB's HTML5 client (facts: docs/adapters.md "Sources"
 * "2. BigBlueButton", from bigbluebutton-tests/playwright core/elements.ts 98642186 and helpers.ts 3b88f709).
 */
export const SELECTORS = {
  layout: 'div#layout',
  errorMessage: 'span#error-message',
  audioModal: 'div[data-test="audioModal"]',
  microphoneButton: 'button[data-test="microphoneBtn"]',
  listenOnlyButton: 'button[data-test="listenOnlyBtn"]',
  joinEchoTest: 'button[data-test="joinEchoTestButton"]',
  establishingAudio: 'span[data-test="establishingAudioLabel"]',
  muteMic: 'button[data-test="muteMicButton"]',
  unmuteMic: 'button[data-test="unmuteMicButton"]',
  leaveListenOnly: 'button[data-test="leaveListenOnly"]',
  joinAudio: 'button[data-test="joinAudio"]',
  joinVideo: 'button[data-test="joinVideo"]',
  videoPreview: 'video[data-test="mirroredVideoPreview"]',
  startSharingWebcam: 'button[data-test="startSharingWebcam"]',
  leaveVideo: 'button[data-test="leaveVideo"]',
  webcamConnecting: 'div[data-test="webcamConnecting"]',
  consentModal: 'div[id="simpleModal"]',
  consentConfirm: 'div[id="simpleModal"] button:nth-child(1)',
  optionsButton: 'button[data-test="optionsButton"]',
  optionsLogout: 'li[data-test="optionsLogoutButton"]',
} as const;

const q = (s: string): string => `document.querySelector(${JSON.stringify(s)})`;
const visible = (s: string): string => `(e => !!e && e.offsetParent !== null)(${q(s)})`;

export const PAGE_STATE = {
  /** the most reliable "joined" of the official tests: the layout is there and no error message */
  clientLoaded: `!!${q(SELECTORS.layout)} && !${q(SELECTORS.errorMessage)}`,
  /** audio joined: the (un)mute button shows (listen-only: leave button) and "establishing" is gone */
  audioJoined: `(${visible(SELECTORS.muteMic)} || ${visible(SELECTORS.unmuteMic)} || ${visible(SELECTORS.leaveListenOnly)}) && !${q(SELECTORS.establishingAudio)}`,
  webcamShared: `${visible(SELECTORS.leaveVideo)} && !${q(SELECTORS.webcamConnecting)}`,
  errorText: `(${q(SELECTORS.errorMessage)} || {}).textContent`,
} as const;

/**
 * BBB's local echo test (webrtc-base/local-pc-loopback.js) creates its loopback pair with a bare
 * `new RTCPeerConnection()`; the client's real peers (peer.js, SIP.js, livekit-client) always pass a
 * configuration. Evaluated in the page against the RTCConfiguration (see the adapter interface).
 */
export const EXCLUDE_ECHO_TEST = 'return !config || Object.keys(config).length === 0;';
