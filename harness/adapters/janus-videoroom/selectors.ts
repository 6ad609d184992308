/** Selectors of the official Janus VideoRoom demo (videoroomtest.html, Debian janus-demos 1.1.2). */
export const SELECTORS = {
  start: '#start',
  username: '#username',
  register: '#register',
  /** shown when the demo refuses a name ("Input is not alphanumeric") */
  you: '#you',
} as const;
