/**
 * The screen a participant shares (scenario `screenShare`): getDisplayMedia answers at once, without a
 * picker, with a generated document - a slide with a title, text and a table whose figures change every
 * few seconds, and a presenter's pointer moving over it, drawn on a canvas and captured at the scenario's
 * rate. Headless Chromium cannot capture a real screen (Puppeteer issue 4404), and a generated document
 * is the same in every run: text edges and a changing table are what a screen codec works on, the pointer
 * keeps frames coming between two changes as a presenter's mouse does.
 *
 * The track says it is screen content (contentHint "detail", as a real capture's encoder treats it) and
 * a monitor (getSettings().displaySurface), since some platforms check. The ids of the tracks handed out
 * are kept for media-sources.ts, which reports the share's bandwidth apart from the camera's.
 * A timer, not requestAnimationFrame: a hidden headless page gets no animation frames. No imports.
 */

interface ScreenShareConfig {
  width: number;
  height: number;
  fps: number;
  /** seconds between two changes of the slide's figures */
  changeEveryS: number;
}

const ROWS = ['Health centres', 'Libraries', 'Schools', 'Town hall', 'Sports halls'];
const COLUMNS = ['Site', 'Calls', 'Hours', 'Agents'];

/** the slide at change number `n`: the figures are a function of n, so every run shows the same document */
function drawSlide(g: CanvasRenderingContext2D, width: number, height: number, n: number): void {
  const unit = height / 36;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#1f3b63';
  g.fillRect(0, 0, width, unit * 4);
  g.fillStyle = '#ffffff';
  g.font = `bold ${Math.round(unit * 2)}px sans-serif`;
  g.fillText(`Video meetings across the city - update ${n + 1}`, unit * 1.5, unit * 2.7);
  g.fillStyle = '#222222';
  g.font = `${Math.round(unit * 1.2)}px sans-serif`;
  const lines = [
    'Teleconsultations held from health centres, meetings of the agents, and the council sessions.',
    `Figures of week ${(n % 52) + 1}: the table below is refreshed at every update of this slide.`,
    'Each row is a kind of site; calls, hours and agents are counted over the week.',
  ];
  lines.forEach((line, i) => g.fillText(line, unit * 1.5, unit * (7 + i * 2)));
  const top = unit * 14;
  const rowHeight = unit * 3;
  const columnWidth = (width - unit * 3) / COLUMNS.length;
  g.font = `bold ${Math.round(unit * 1.3)}px sans-serif`;
  COLUMNS.forEach((c, j) => g.fillText(c, unit * 1.5 + j * columnWidth + unit * 0.5, top + rowHeight * 0.65));
  g.font = `${Math.round(unit * 1.3)}px monospace`;
  ROWS.forEach((row, i) => {
    const y = top + rowHeight * (i + 1);
    g.fillStyle = i % 2 === 0 ? '#eef2f8' : '#ffffff';
    g.fillRect(unit * 1.5, y, width - unit * 3, rowHeight);
    g.fillStyle = '#222222';
    const figures = [
      row,
      String((((n + 3) * (i + 7) * 37) % 900) + 100),
      String((((n + 5) * (i + 3) * 13) % 300) + 20),
      String((((n + 2) * (i + 11)) % 60) + 5),
    ];
    figures.forEach((f, j) => g.fillText(f, unit * 1.5 + j * columnWidth + unit * 0.5, y + rowHeight * 0.65));
  });
  g.strokeStyle = '#8899aa';
  g.strokeRect(unit * 1.5, top, width - unit * 3, rowHeight * (ROWS.length + 1));
}

(() => {
  const w = window as unknown as Record<string, unknown>;
  const config = w.__meetbenchScreenShare as ScreenShareConfig | undefined;
  if (!config || w.__meetbenchScreen || typeof document === 'undefined') return;
  const handedOut: string[] = [];
  w.__meetbenchScreen = { trackIds: () => [...handedOut] };

  function screenTrack(): MediaStreamTrack {
    const { width, height, fps, changeEveryS } = config!;
    const slide = document.createElement('canvas');
    slide.width = width;
    slide.height = height;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d') as CanvasRenderingContext2D;
    const captured = canvas.captureStream(fps).getVideoTracks()[0];
    if (!captured) throw new DOMException('canvas capture gave no track', 'NotReadableError');
    const track = captured;
    const started = performance.now();
    let drawn = -1;
    let frame = 0;
    const timer = setInterval(() => {
      if (track.readyState === 'ended') {
        clearInterval(timer);
        return;
      }
      const n = Math.floor((performance.now() - started) / 1000 / changeEveryS);
      if (n !== drawn) {
        drawSlide(slide.getContext('2d') as CanvasRenderingContext2D, width, height, n);
        drawn = n;
      }
      frame += 1;
      g.drawImage(slide, 0, 0);
      // the presenter's pointer, moving along the table
      const x = width * (0.2 + 0.6 * ((frame % (fps * 4)) / (fps * 4)));
      g.fillStyle = '#d62828';
      g.beginPath();
      g.arc(x, height * 0.62, Math.max(4, height / 90), 0, 2 * Math.PI);
      g.fill();
    }, 1000 / fps);
    track.contentHint = 'detail';
    const settings = track.getSettings.bind(track);
    track.getSettings = () => ({ ...settings(), displaySurface: 'monitor' }) as MediaTrackSettings;
    handedOut.push(track.id);
    return track;
  }

  const getDisplayMedia = async (): Promise<MediaStream> => new MediaStream([screenTrack()]);
  if (navigator.mediaDevices) {
    navigator.mediaDevices.getDisplayMedia = getDisplayMedia;
  }
})();
