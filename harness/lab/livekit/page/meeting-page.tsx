/**
 * The lab's LiveKit meeting page, made of the components LiveKit Meet is built from, at LiveKit Meet's two
 * addresses, so the livekit-meet adapter drives it as it drives a real Meet deployment:
 *   /rooms/<room>                      PreJoin (name, camera, microphone), then the page asks
 *                                      /api/connection-details for a token, connects and shows VideoConference;
 *   /custom?liveKitUrl=URL&token=JWT   connects with the given token and shows VideoConference.
 * It holds nothing of meetbench: it reads its token and server URL, and creates its Room with the options
 * LiveKit Meet's room page gives it (livekit-examples/meet, app/rooms/[roomName]/PageClientImpl.tsx,
 * `roomOptions`): adaptive stream (a subscriber gets the simulcast layer that fits the tile it shows, and
 * nothing for a tile it does not show), dynacast (a sender pauses the layers nobody receives), simulcast
 * layers of 540 and 216 lines, Opus with redundancy and without DTX, a 720p camera asked for. One thing is
 * left at LiveKit's default: Meet publishes VP9 unless told otherwise, this page VP8, LiveKit's own default
 * (`codec=vp9` gives Meet's). Meet's E2EE (a passphrase in the address) and its low-CPU mode are not here.
 * The two query parameters Meet's pages read are read too (`codec=vp9`, `singlePC=true`).
 * Runs in the browser: bundled by build-meeting-page.ts with esbuild, no Node imports.
 */
import '@livekit/components-styles';
import { PreJoin, RoomContext, usePersistentUserChoices, VideoConference, type LocalUserChoices } from '@livekit/components-react';
import { Room, videoCodecs, VideoPresets, type RoomOptions, type VideoCodec } from 'livekit-client';
import { useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';

interface ConnectionDetails {
  serverUrl: string;
  participantToken: string;
}

declare global {
  interface Window {
    /** the room, as LiveKit Meet's debug mode exposes it: its own state for whoever inspects the page */
    __lk_room?: Room;
  }
}

/** As LiveKit Meet does: say it in a dialog, the whole message, and in the console. */
function reportError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error);
  window.alert(`Could not join the meeting: ${message}`);
}

/**
 * LiveKit Meet's room options (PageClientImpl.tsx, without its `hq` variant and E2EE), and its query
 * parameters: the codec to publish with, and one peer connection for both directions.
 */
function roomOptions(query: URLSearchParams): Partial<RoomOptions> {
  const codec = query.get('codec');
  const singlePC = query.get('singlePC');
  return {
    videoCaptureDefaults: { resolution: VideoPresets.h720.resolution },
    publishDefaults: {
      dtx: false,
      red: true,
      videoSimulcastLayers: [VideoPresets.h540, VideoPresets.h216],
      ...(codec && (videoCodecs as readonly string[]).includes(codec) ? { videoCodec: codec as VideoCodec } : {}),
    },
    adaptiveStream: true,
    dynacast: true,
    ...(singlePC !== null ? { singlePeerConnection: singlePC === 'true' } : {}),
  };
}

function Conference(props: { details: ConnectionDetails; camera: boolean; microphone: boolean }) {
  const room = useMemo(() => new Room(roomOptions(new URL(window.location.href).searchParams)), []);
  useEffect(() => {
    window.__lk_room = room;
    room.connect(props.details.serverUrl, props.details.participantToken).catch(reportError);
    // as in LiveKit Meet: the devices open while the connection is made, and publish once it is up
    if (props.camera) room.localParticipant.setCameraEnabled(true).catch(reportError);
    if (props.microphone) room.localParticipant.setMicrophoneEnabled(true).catch(reportError);
    return () => {
      void room.disconnect();
    };
  }, [room, props.details, props.camera, props.microphone]);
  return (
    <div className="lk-room-container" style={{ height: '100%' }}>
      <RoomContext.Provider value={room}>
        <VideoConference />
      </RoomContext.Provider>
    </div>
  );
}

function PreJoinThenConference(props: { room: string }) {
  const [joined, setJoined] = useState<{ choices: LocalUserChoices; details: ConnectionDetails } | null>(null);
  const submit = (choices: LocalUserChoices): void => {
    const url = new URL('/api/connection-details', window.location.origin);
    url.searchParams.set('roomName', props.room);
    url.searchParams.set('participantName', choices.username);
    fetch(url)
      .then(async (response) => {
        const body = (await response.json()) as Partial<ConnectionDetails> & { error?: string };
        if (!response.ok || !body.serverUrl || !body.participantToken) throw new Error(body.error ?? `connection details answered HTTP ${response.status}`);
        setJoined({ choices, details: { serverUrl: body.serverUrl, participantToken: body.participantToken } });
      })
      .catch(reportError);
  };
  if (joined) return <Conference details={joined.details} camera={joined.choices.videoEnabled} microphone={joined.choices.audioEnabled} />;
  return (
    <div style={{ display: 'grid', placeItems: 'center', height: '100%' }}>
      <PreJoin defaults={{ username: '', videoEnabled: true, audioEnabled: true }} onSubmit={submit} onError={reportError} />
    </div>
  );
}

/** The token form publishes what the person chose last time (PreJoin keeps it), as LiveKit's components remember it. */
function TokenConference(props: { details: ConnectionDetails }) {
  const { userChoices } = usePersistentUserChoices({ preventSave: true });
  return <Conference details={props.details} camera={userChoices.videoEnabled} microphone={userChoices.audioEnabled} />;
}

function Page() {
  const { pathname, searchParams } = new URL(window.location.href);
  const room = /^\/rooms\/([^/]+)\/?$/.exec(pathname)?.[1];
  if (room) return <PreJoinThenConference room={decodeURIComponent(room)} />;
  const serverUrl = searchParams.get('liveKitUrl');
  const participantToken = searchParams.get('token');
  if (pathname === '/custom' && serverUrl && participantToken) return <TokenConference details={{ serverUrl, participantToken }} />;
  return <p style={{ padding: '2em' }}>Open /rooms/ROOM to join a room, or /custom?liveKitUrl=URL&amp;token=TOKEN.</p>;
}

createRoot(document.getElementById('root')!).render(<Page />);
