/** The adapter registry: an explicit map from id to adapter (no folder scan), typed against the interface. */
import type { PlatformAdapter } from './platform-adapter.ts';
import { galeneAdapter } from './galene/index.ts';
import { janusVideoroomAdapter } from './janus-videoroom/index.ts';
import { janusVideocallAdapter } from './janus-videocall/index.ts';
import { jitsiMeetAdapter } from './jitsi-meet/index.ts';
import { bigBlueButtonAdapter } from './bigbluebutton/index.ts';
import { nextcloudTalkAdapter } from './nextcloud-talk/index.ts';
import { livekitMeetAdapter } from './livekit-meet/index.ts';
import { zimbraConnectAdapter } from './zimbra-connect/index.ts';
import { zimbraP2pAdapter } from './zimbra-p2p/index.ts';
import { customAdapter } from './custom/index.ts';

export const ADAPTERS: Record<string, PlatformAdapter> = {
  [janusVideoroomAdapter.id]: janusVideoroomAdapter,
  [janusVideocallAdapter.id]: janusVideocallAdapter,
  [galeneAdapter.id]: galeneAdapter,
  [jitsiMeetAdapter.id]: jitsiMeetAdapter,
  [bigBlueButtonAdapter.id]: bigBlueButtonAdapter,
  [nextcloudTalkAdapter.id]: nextcloudTalkAdapter,
  [livekitMeetAdapter.id]: livekitMeetAdapter,
  [zimbraConnectAdapter.id]: zimbraConnectAdapter,
  [zimbraP2pAdapter.id]: zimbraP2pAdapter,
  [customAdapter.id]: customAdapter,
};
