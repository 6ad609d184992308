/**
 * The URL a participant opens: `<base>/<tenant>/<room>?jwt=…#config.<key>=<JSON>&userInfo.displayName=<JSON>`.
 * Values are JSON then URL-encoded, as jitsi-meet's own urlObjectToString writes them, and only keys of
 * its configWhitelist.ts are used (anything else is silently ignored by the client).
 */
export interface JitsiUrlInput {
  base: string;
  tenant?: string | undefined;
  room: string;
  displayName: string;
  prejoin: boolean;
  p2p: boolean;
  receiveOnly: boolean;
  extraConfig: Record<string, unknown>;
  jwt?: string | undefined;
}

export function hashConfig(input: JitsiUrlInput): Array<[string, unknown]> {
  const entries: Array<[string, unknown]> = [
    ['config.prejoinConfig.enabled', input.prejoin],
    // legacy key, still read by older deployments
    ['config.prejoinPageEnabled', input.prejoin],
    ['config.requireDisplayName', false],
    ['config.p2p.enabled', input.p2p],
    ['config.disableDeepLinking', true],
    ['config.analytics.disabled', true],
  ];
  if (input.receiveOnly) entries.push(['config.startWithAudioMuted', true], ['config.startWithVideoMuted', true]);
  for (const [key, value] of Object.entries(input.extraConfig))
    entries.push([key.startsWith('config.') || key.startsWith('interfaceConfig.') ? key : `config.${key}`, value]);
  entries.push(['userInfo.displayName', input.displayName]);
  return entries;
}

export function jitsiUrl(input: JitsiUrlInput, options: { hideSecrets?: boolean } = {}): string {
  const base = input.base.replace(/\/+$/, '');
  const tenant = input.tenant ? `/${encodeURIComponent(input.tenant)}` : '';
  const query = input.jwt ? `?jwt=${options.hideSecrets ? '***' : encodeURIComponent(input.jwt)}` : '';
  const hash = hashConfig(input)
    .map(([key, value]) => `${key}=${encodeURIComponent(JSON.stringify(value))}`)
    .join('&');
  return `${base}${tenant}/${encodeURIComponent(input.room)}${query}#${hash}`;
}

/** Numeric scenario rooms become `<prefix><n>`; named rooms pass as they are. */
export function roomName(room: string, prefix: string): string {
  return /^\d+$/.test(room) ? `${prefix}${room}` : room;
}
