/**
 * Default selectors and URLs per flavour. Carbonio's meeting selectors are the data-testids of
 * carbonio-ws-collaboration-ui v0.9.10 (facts: docs/adapters.md "Sources"); its login page
 * (carbonio-login-ui) and everything of Zimbra Connect / Zextras Team (closed source, no public selectors)
 * are NOT in the facts: those defaults are best guesses, marked as such, and every one can be overridden
 * in the scenario's options.selectors / options.urls.
 */
export const SELECTOR_KEYS = ['loginUser', 'loginPassword', 'loginSubmit', 'loginError', 'accessPage', 'cameraButton', 'enterMeeting', 'inMeeting', 'leave'] as const;
export type SelectorKey = (typeof SELECTOR_KEYS)[number];
export type Flavor = 'carbonio' | 'zimbra-connect';

const carbonioMeeting = {
  accessPage: '[data-testid="meeting_access_page_view"]',
  cameraButton: '[data-testid="cameraButton"]',
  /** disabled until the XMPP/WebSocket networks are up and media choices are set */
  enterMeeting: '[data-testid="enterMeetingButton"]',
  inMeeting: '[data-testid="meeting_view_container"]',
  /** guess: the action bar's hang-up; not in the facts */
  leave: '[data-testid="meeting-action-bar"] [data-testid="leave_meeting_button"]',
};

export const DEFAULT_SELECTORS: Record<Flavor, Record<SelectorKey, string>> = {
  carbonio: {
    // guess (carbonio-login-ui was not inspected): generic named fields
    loginUser: 'input[name="username"]',
    loginPassword: 'input[name="password"]',
    loginSubmit: 'button[type="submit"]',
    loginError: '[data-testid="login-error"]',
    ...carbonioMeeting,
  },
  'zimbra-connect': {
    // guess: the classic Zimbra Web Client login form (login.jsp)
    loginUser: '#username',
    loginPassword: '#password',
    loginSubmit: '#loginButton',
    loginError: '#ZLoginErrorPanel',
    // guess: no public selectors exist for the Team Zimlet's meeting page; override them
    ...carbonioMeeting,
  },
};

/** URL templates: {origin} of the platform URL, {meeting} from options.meetings, {room}, {destination} (encoded meeting URL). */
export const DEFAULT_URLS: Record<Flavor, { login: string; meeting: string }> = {
  carbonio: { login: '{origin}/static/login/?destinationUrl={destination}', meeting: '{origin}/carbonio/focus-mode/meetings/{meeting}' },
  // Instant Meetings have one unique URL each: give them in options.meetings as full URLs
  'zimbra-connect': { login: '{origin}/', meeting: '{meeting}' },
};
