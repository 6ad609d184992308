/**
 * Access tokens out of what meetbench keeps: a server that refuses a token may quote it whole (LiveKit
 * does: "invalid token: eyJ…, error: token is expired"), and the page then logs or shows that sentence.
 * Every JSON Web Token (three base64url parts, the first one a JSON header) becomes ***.
 */
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g;

export function redactTokens(text: string): string {
  return text.replace(JWT, '***');
}
