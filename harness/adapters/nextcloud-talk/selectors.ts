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
export const SHOW_MEDIA_SETTINGS_KEY = `nextcloud_per_${Buffer.from('talk').toString('base64')}_showMediaSettings`;
