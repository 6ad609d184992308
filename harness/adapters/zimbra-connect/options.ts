/** The zimbra-connect adapter's options, and the meeting and login URLs they make. */
import { z } from 'zod';
import { JoinStepError } from '../../errors.ts';
import { DEFAULT_SELECTORS, DEFAULT_URLS, SELECTOR_KEYS, type SelectorKey } from './defaults.ts';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name (A-Z, 0-9, _)');
const selectorOverrides = Object.fromEntries(SELECTOR_KEYS.map((k) => [k, z.string().min(1).optional().describe(`CSS selector for ${k}`)])) as Record<
  SelectorKey,
  z.ZodOptional<z.ZodString>
>;

export const zimbraOptionsSchema = z
  .strictObject({
    flavor: z.enum(['carbonio', 'zimbra-connect']).default('carbonio').describe("which product's defaults to start from"),
    access: z
      .enum(['member', 'guest'])
      .default('member')
      .describe(
        'member: (log in and) "Enter" the meeting; guest (Carbonio): type a name, "Ready to participate", wait in the waiting room until a moderator accepts',
      ),
    usernameEnv: envName.optional().describe('environment variable holding the account name (e.g. bench1@example.org); members who log in'),
    passwordEnv: envName.optional().describe('environment variable holding its password'),
    meetings: z
      .union([z.record(z.string(), z.string().min(1)), z.string().includes('{room}', { message: 'a template must contain {room}' })])
      .describe(
        'meeting id (Carbonio) or full meeting URL (Zimbra Connect instant meeting) per room, e.g. {"1": "5f1c…"}; or one template for every room, e.g. "lab-{room}"',
      ),
    login: z
      .boolean()
      .default(true)
      .describe('members log in first (false: the browser is expected to be signed in already, e.g. SSO, or the lab, where every visitor is a member)'),
    enableCamera: z.boolean().default(true).describe('senders turn the camera on on the access page before entering'),
    unmute: z.boolean().default(true).describe('senders turn the microphone on once in the meeting (Carbonio joins everyone muted)'),
    urls: z
      .strictObject({
        login: z.string().optional().describe('login URL template ({origin}, {destination})'),
        meeting: z.string().optional().describe('meeting URL template ({origin}, {meeting}, {room})'),
      })
      .default({})
      .describe('URL template overrides'),
    selectors: z.strictObject(selectorOverrides).default({}).describe('selector overrides, one per step'),
    joinedExpression: z.string().optional().describe('a JS expression that is true once in the meeting, checked after the in-meeting selector'),
  })
  .refine((o) => o.access === 'guest' || !o.login || (o.usernameEnv !== undefined && o.passwordEnv !== undefined), {
    message: 'members who log in need usernameEnv and passwordEnv (or login: false)',
    path: ['usernameEnv'],
  })
  .refine((o) => o.access === 'member' || o.flavor === 'carbonio', {
    message: "the guest path is Carbonio's (Zimbra Connect's is undocumented)",
    path: ['access'],
  });
export type ZimbraOptions = z.output<typeof zimbraOptionsSchema>;

export function selectorsOf(opts: ZimbraOptions): Record<SelectorKey, string> {
  const defined = Object.fromEntries(Object.entries(opts.selectors).filter(([, v]) => v !== undefined)) as Partial<Record<SelectorKey, string>>;
  return { ...DEFAULT_SELECTORS[opts.flavor], ...defined };
}

export function meetingUrl(platformUrl: string, opts: Pick<ZimbraOptions, 'flavor' | 'meetings' | 'urls'>, room: string): string {
  const meeting = typeof opts.meetings === 'string' ? opts.meetings.replaceAll('{room}', room) : opts.meetings[room];
  if (!meeting) throw new JoinStepError('navigate', `no meeting for room ${room} in options.meetings`);
  const origin = new URL(platformUrl).origin;
  if (/^https?:\/\//.test(meeting)) return meeting;
  return (opts.urls.meeting ?? DEFAULT_URLS[opts.flavor].meeting)
    .replaceAll('{origin}', origin)
    .replaceAll('{meeting}', encodeURIComponent(meeting))
    .replaceAll('{room}', encodeURIComponent(room));
}

export function loginUrl(platformUrl: string, opts: Pick<ZimbraOptions, 'flavor' | 'urls'>, destination: string): string {
  const origin = new URL(platformUrl).origin;
  return (opts.urls.login ?? DEFAULT_URLS[opts.flavor].login).replaceAll('{origin}', origin).replaceAll('{destination}', encodeURIComponent(destination));
}
