/**
 * The access page, with the data-testids of Carbonio's (MeetingAccessPage*.tsx): the camera choice and
 * "Enter", disabled (its tooltip "Assets are loading") until the events WebSocket is up. The lab has no
 * directory: every visitor is a member, so there is no guest path here (the replica has it).
 */
import { h } from './dom.ts';
import { captureCamera } from './publisher-connection.ts';

export interface AccessChoice {
  camera: MediaStream | null;
}

export function accessPage(ready: Promise<unknown>, alert: HTMLElement, onEnter: (choice: AccessChoice) => Promise<void>): HTMLElement {
  // the camera being opened, or open: "Enter" right after the camera button waits for it
  let camera: Promise<MediaStream> | null = null;
  const preview = h('video', { autoplay: true, muted: true, playsinline: true }) as HTMLVideoElement;
  const cameraButton = h('button', { 'data-testid': 'cameraButton', 'aria-pressed': 'false' }, ['Camera']);
  cameraButton.addEventListener('click', () => {
    if (camera) {
      void camera.then((stream) => stream.getTracks().forEach((track) => track.stop()));
      camera = null;
      preview.srcObject = null;
    } else {
      camera = captureCamera();
      void camera.then((stream) => (preview.srcObject = stream));
    }
    cameraButton.setAttribute('aria-pressed', String(camera !== null));
  });
  const enter = h('button', { 'data-testid': 'enterMeetingButton', disabled: true, title: 'Assets are loading' }, ['Enter']) as HTMLButtonElement;
  enter.addEventListener('click', async () => {
    enter.disabled = true;
    await onEnter({ camera: camera ? await camera : null }).catch(() => undefined);
    enter.disabled = false;
  });
  void ready.then(() => {
    enter.disabled = false;
    enter.removeAttribute('title');
  });
  return h('div', { 'data-testid': 'meeting_access_page_view' }, [h('h1', {}, ['Carbonio media plane (lab reconstruction)']), cameraButton, enter, alert, h('div', { class: 'preview' }, [preview])]);
}
