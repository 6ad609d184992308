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
  const alertText = (message: string): void => {
    if (!alert.hidden) return;
    alert.textContent = `the camera could not open: ${message}`;
    alert.hidden = false;
  };
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
    // onEnter says what went wrong; a camera that would not open is said here
    await Promise.resolve(camera)
      .then((stream) => onEnter({ camera: stream }))
      .catch((error: Error) => alertText(error.message));
    enter.disabled = false;
  });
  void ready.then(() => {
    enter.disabled = false;
    enter.removeAttribute('title');
  });
  return h('div', { 'data-testid': 'meeting_access_page_view' }, [
    h('h1', {}, ['Carbonio media plane (lab reconstruction)']),
    cameraButton,
    enter,
    alert,
    h('div', { class: 'preview' }, [preview]),
  ]);
}
