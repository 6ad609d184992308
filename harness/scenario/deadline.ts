/**
 * The night's deadline: a local clock time ("05:30", the next one after the start) or a duration from the
 * start ("90m", "2h", "1h30m", "45s"). When it passes, the suite stops cleanly and the run is marked
 * incomplete, so the morning report says "stopped by the deadline" rather than nothing.
 */
const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

export const DEADLINE_FORMAT = 'a local time "HH:MM" (e.g. "05:30") or a duration like "90m", "2h", "1h30m", "45s"';

/** the deadline as a date, or null when the text is not a deadline */
export function parseDeadline(text: string, start: Date = new Date()): Date | null {
  const clock = CLOCK.exec(text.trim());
  if (clock) {
    const at = new Date(start);
    at.setHours(Number(clock[1]), Number(clock[2]), 0, 0);
    if (at.getTime() <= start.getTime()) at.setDate(at.getDate() + 1);
    return at;
  }
  const duration = DURATION.exec(text.trim());
  if (duration && text.trim() !== '') {
    const [, h, m, s] = duration;
    const ms = ((Number(h ?? 0) * 60 + Number(m ?? 0)) * 60 + Number(s ?? 0)) * 1000;
    return ms > 0 ? new Date(start.getTime() + ms) : null;
  }
  return null;
}
