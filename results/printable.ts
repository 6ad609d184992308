/**
 * Text for a terminal, made of stored or given strings: control characters are shown, not obeyed. A store
 * (or a name in it) written by someone else could otherwise retitle the administrator's terminal, clear
 * it, overwrite a line with a carriage return ("PASSED" over "FAILED"), or reverse text with a bidi
 * override. Newlines and tabs stay; anything else of the kind is written as \xHH or \uHHHH.
 */
// the point of this expression is to match control characters
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
