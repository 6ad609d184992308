/**
 * The public sources the Carbonio reconstruction is built from (AGPL-3.0 repositories, read as facts; no
 * code of theirs is copied), cited wherever its results are shown.
 */
export const CARBONIO_SOURCES = [
  {
    label: 'Carbonio video server: Janus build and janus.jcfg patch (api_secret, string ids, plugins)',
    url: 'https://github.com/zextras/carbonio-videoserver-ce',
  },
  {
    label: 'Carbonio meeting service: rooms, handles and Janus requests (AudioBridgeCreateRequest, MeetingModule, VideoServerServiceImpl)',
    url: 'https://github.com/zextras/carbonio-ws-collaboration-ce',
  },
  {
    label: 'Carbonio meeting client: peer connections, media constraints, subscriptions, access page (src/network/webRTC, UserMediaManager, GridMode)',
    url: 'https://github.com/zextras/carbonio-ws-collaboration-ui',
  },
  {
    label: 'Carbonio video server documentation: bitrate caps and sizing',
    url: 'https://github.com/zextras/tech-doc',
  },
];
