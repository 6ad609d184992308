/** Selectors of the official Janus VideoCall demo (videocalltest.html, Debian janus-demos 1.1.2). */
export const SELECTORS = {
  start: '#start',
  username: '#username',
  register: '#register',
  /** who to call, and the button that calls (it turns into Hangup once the call is up) */
  peer: '#peer',
  call: '#call',
  /** the incoming-call dialog's "Answer" button (bootbox) */
  answer: '.bootbox .btn-success',
  /** the text of the page's alerts: "Waiting for the peer to answer...", or Janus's error */
  alertText: '.bootbox-body',
  alertOk: '.bootbox .btn-primary',
} as const;
