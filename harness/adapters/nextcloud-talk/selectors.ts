/**
 * What the nextcloud-talk adapter relies on in Talk's web client (facts: docs/adapters.md "Sources"
 * "3. Nextcloud Talk": GuestWelcomeWindow.vue, CallButton.vue, MediaSettings.vue, CallView.vue). The login
 * form is Nextcloud's core login page, not part of the facts: its defaults (#user, #password, submit) can be
 * overridden in the options.
 */
export const SELECTORS = {
  guestName: '#textField',
  guestSubmit: '.submit-button',
  joinCall: '.join-call',
  /** the "Check devices" dialog has its own CallButton */
  mediaSettingsJoin: '[role="dialog"] .join-call',
  callContainer: 'div#call-container',
  leaveCall: '.leave-call',
  loginUser: '#user',
  loginPassword: '#password',
  loginSubmit: 'button[type="submit"]',
} as const;

/** BrowserStorage = getBuilder('talk').persist(): ScopedStorage prefixes `nextcloud_per_` + btoa('talk') + `_` (derived). */
const BROWSER_STORAGE_PREFIX = `nextcloud_per_${Buffer.from('talk').toString('base64')}_`;
export const SHOW_MEDIA_SETTINGS_KEY = `${BROWSER_STORAGE_PREFIX}showMediaSettings`;

/**
 * Microphone and camera switched off for a conversation, as Talk's "Check devices" toggles remember them
 * (MediaSettings.vue writes `audioDisabled_<token>` / `videoDisabled_<token>` = 'true'; the call's start in
 * utils/webrtc/index.js reads them and disables the local audio and video).
 */
export const mediaDisabledKeys = (token: string): string[] => [
  `${BROWSER_STORAGE_PREFIX}audioDisabled_${token}`,
  `${BROWSER_STORAGE_PREFIX}videoDisabled_${token}`,
];
