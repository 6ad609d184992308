/** The real `meetbench serve` process on 127.0.0.1, port 0, over a data directory: its URL once it listens, and what it logged. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ViewerProcess {
  child: ChildProcess;
  /** http://127.0.0.1:PORT */
  base: string;
  stderr(): string;
  stop(): void;
}

export async function startViewer(dataDir: string, extraArgs: string[] = []): Promise<ViewerProcess> {
  const child = spawn(process.execPath, ['bin/meetbench.js', '--data-dir', dataDir, 'serve', '--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const base = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(text);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the viewer exited with ${code}: ${stderr}`)));
  });
  const stop = (): void => {
    child.kill('SIGTERM');
    // a viewer stuck in a read (what some cases try to cause) does not get to its SIGTERM handler
    setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), 3000).unref();
  };
  return { child, base, stderr: () => stderr, stop };
}
