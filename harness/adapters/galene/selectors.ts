/**
 * What the galene adapter relies on in Galène's own web client (static/galene.html, galene.js,
 * protocol.js; facts in docs/adapters.md "Sources", read at galene-1.1-46). When a Galène
 * release changes one of these, the join fails naming the step and this selector or expression.
 */
export const SELECTORS = {
  /** shown (class `invisible` removed) once the client has read the group status and wants a login */
  loginForm: '#login-container:not(.invisible) #loginform',
  username: '#username',
  password: '#password',
  /** "Enable at start" radios */
  presentNothing: '#presentoff',
  presentBoth: '#presentboth',
  connect: '#connectbutton',
  /** "Enable" in the top bar: publishes camera and microphone when they were not enabled at start */
  enable: '#presentbutton:not(.invisible)',
  /** Galène reports refusals ("not authorised", "too many users") as error toasts */
  errorToast: '.toastify.error',
} as const;

/**
 * Page-state expressions, evaluated as strings because `serverConnection` is a top-level `let` of a
 * classic script: readable by name in the page, but not a property of `window`.
 */
export const PAGE_STATE = {
  joined: "typeof serverConnection !== 'undefined' && !!serverConnection && !!serverConnection.group",
  /** recent Galène: an array of strings; older: an object of booleans */
  canPresent: "(p => Array.isArray(p) ? p.includes('present') : !!(p && p.present))(serverConnection.permissions)",
  upStreams: 'Object.values(serverConnection.up || {})',
  downStreams: 'Object.values(serverConnection.down || {})',
} as const;
