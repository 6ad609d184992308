/**
 * Stored text (platform names, criterion titles, sources, reasons) as literal Markdown text, for reports
 * sent by mail or chat: the punctuation Markdown gives a meaning to is backslash-escaped (CommonMark allows
 * it for any ASCII punctuation), so a stored name cannot add a link, an image (a tracking pixel in a mail),
 * HTML or emphasis to a report. "://" and "www." are broken the same way, so renderers that link bare
 * addresses (GitHub, GitLab) leave a stored address as text. Line breaks become spaces: one value stays on
 * its line (a table cell).
 */
export function markdownText(value: string): string {
  return value
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]<>#!|~&]/g, '\\$&')
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.');
}
