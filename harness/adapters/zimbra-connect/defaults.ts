/**
 * Default selectors, labels and URLs per flavour. Carbonio's are those of its published meeting client,
 * carbonio-ws-collaboration-ui (https://github.com/zextras/carbonio-ws-collaboration-ui): the meeting URL
 * (src/constants/appConstants.ts), the access page and "Enter" (MeetingAccessPage*.tsx), the guest card
 * (externalAccess/JoinAsGuestCard.tsx), the meeting's action bar, and the English and French labels of
 * its translations (carbonio-ws-collaboration-ui-i18n, fr.json). Its login page (carbonio-login-ui) and
 * everything of Zimbra Connect / Zextras Team (closed source, no public selectors) are not documented:
 * those defaults are guesses, marked as such, and every one can be overridden in options.selectors /
 * options.urls.
 */
export const SELECTOR_KEYS = [
  'loginUser',
  'loginPassword',
  'loginSubmit',
  'loginError',
  'accessPage',
  'cameraButton',
  'enterMeeting',
  'guestName',
  'inMeeting',
  'microphone',
  'pageError',
  'screenShare',
] as const;
export type SelectorKey = (typeof SELECTOR_KEYS)[number];
export type Flavor = 'carbonio' | 'zimbra-connect';

const carbonioMeeting = {
  accessPage: '[data-testid="meeting_access_page_view"]',
  cameraButton: '[data-testid="cameraButton"]',
  /** members only; disabled until the backend and the WebSocket are up (tooltip "Assets are loading") */
  enterMeeting: '[data-testid="enterMeetingButton"]',
  /** the guest card's name field: by its English placeholder, else the card's one text field (the French placeholder is not documented) */
  guestName: 'input[placeholder="Enter your name"], input[type="text"]',
  inMeeting: '[data-testid="meeting-action-bar"]',
  microphone: '[data-testid="meeting-action-bar"] [data-testid="microphone-button"]',
  /** guess: an error the page shows (the lab reconstruction and the replica use role="alert") */
  pageError: '[role="alert"]',
  /** the lab reconstruction's share button (the published client's test id was not checked) */
  screenShare: '[data-testid="meeting-action-bar"] [data-testid="screen_button"]',
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

/** Buttons and texts without a test id, found by their label in English or French (fr.json of the client's translations). */
export const LABELS = {
  enter: ['Enter', 'Entrer'],
  readyToParticipate: ['Ready to participate', 'Prêt à participer'],
  youAreReady: ["You're ready!", 'Vous êtes prêt !'],
  leave: ['Leave', 'Quitter'],
} as const;

/** URL templates: {origin} of the platform URL, {meeting} from options.meetings, {room}, {destination} (encoded meeting URL). */
export const DEFAULT_URLS: Record<Flavor, { login: string; meeting: string }> = {
  carbonio: { login: '{origin}/static/login/?destinationUrl={destination}', meeting: '{origin}/carbonio/focus-mode/meetings/{meeting}' },
  // Instant Meetings have one unique URL each: give them in options.meetings as full URLs
  'zimbra-connect': { login: '{origin}/', meeting: '{meeting}' },
};
