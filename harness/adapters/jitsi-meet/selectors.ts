/**
 * What the jitsi-meet adapter relies on in Jitsi Meet's web client (facts: docs/adapters.md "Sources"
 * "1. Jitsi Meet", from jitsi-meet tests/pageobjects at 881e4bf8/bdc443a8 and jitsi-meet-torture c0efd483).
 * When a release changes one of these, the join fails naming the step and this selector or expression.
 */
export const SELECTORS = {
  prejoinScreen: '[data-testid="prejoin.screen"]',
  prejoinName: '#premeeting-name-input',
  prejoinJoin: '[data-testid="prejoin.joinMeeting"]',
  prejoinError: '[data-testid="prejoin.errorMessage"]',
  lobbyEnterPassword: '[data-testid="lobby.enterPasswordButton"]',
  lobbyPassword: '[data-testid="lobby.password"]',
  lobbyPasswordJoin: '[data-testid="lobby.passwordJoinButton"]',
  conferencePage: '#videoconference_page',
  leave: '[aria-label="Leave the meeting"]',
} as const;

export const PAGE_STATE = {
  /** MUC joined (both official test suites poll it) */
  joined: "typeof APP !== 'undefined' && !!APP.conference && APP.conference.isJoined()",
  /** the JVB peer connection's ICE state as lib-jitsi-meet reports it */
  mediaConnected: "APP.conference.getConnectionState() === 'connected'",
} as const;
