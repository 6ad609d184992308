/**
 * Bad scenario input through the real CLI: exit 2, every problem with file, line and path, all of them at
 * once, and never a stack trace. No browser is started for a file that does not validate.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const dir = tempDir('mb-cli-');
const write = (name: string, text: string): string => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};
const noStack = (stderr: string): void => {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toMatch(/TypeError|ReferenceError/);
};

const VALID = `name: ok
platforms:
  - id: janus
    adapter: janus-videoroom
    url: lab:janus
participants:
  count: 2
`;

describe('meetbench validate', () => {
  it("refuses a peer-to-peer meeting larger than Zimbra Connect's group size, with the reason and what fits", async () => {
    const mesh = (count: number, rooms: number, options = '{}'): string =>
      write(
        `mesh-${count}-${rooms}.yaml`,
        `name: mesh\nplatforms:\n  - { id: zimbra, adapter: zimbra-p2p, url: "lab:zimbra-p2p", options: ${options} }\nparticipants:\n  count: ${count}\nrooms: { count: ${rooms} }\n`,
      );
    const six = await runCli(['validate', mesh(6, 1)]);
    expect(six.code).toBe(2);
    noStack(six.stderr);
    expect(six.stderr).toContain(':3');
    expect(six.stderr).toContain('platforms[0].adapter');
    expect(six.stderr).toContain('holds meetings of at most 5');
    expect(six.stderr).toContain('every member sends its media to every other');
    expect(six.stderr).toContain('expected rooms.count 2 or more, or participants.count 5 or fewer');
    expect((await runCli(['validate', mesh(10, 2)])).code).toBe(0);
    expect((await runCli(['validate', mesh(6, 1, '{ groupSize: 6 }')])).code).toBe(0);
  });

  it('accepts the shipped demo scenario', async () => {
    const result = await runCli(['validate', 'scenarios/demo.yaml']);
    expect(result.stdout).toContain('scenarios/demo.yaml: valid scenario');
    expect(result.code).toBe(0);
  });

  it('reports every problem of a scenario with its line and path, exit 2', async () => {
    const file = write(
      'bad.yaml',
      `name: bad
platforms:
  - id: janus
    adapter: janus-videoroom
    url: lab:janus
    colour: blue
participants:
  count: 0
durationS: ten
`,
    );
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(2);
    noStack(result.stderr);
    expect(result.stderr).toContain(`${file}:6: platforms[0].colour: unknown key`);
    expect(result.stderr).toMatch(new RegExp(`${file}:8: participants\\.count: .*`));
    expect(result.stderr).toMatch(new RegExp(`${file}:9: durationS: .*number`));
  });

  it('checks the network-profile catalogue as a catalogue: the shipped one passes, a bad one names line and path', async () => {
    const shipped = await runCli(['validate', 'scenarios/networks.yaml']);
    expect(shipped.stdout).toContain('scenarios/networks.yaml: valid network catalogue');
    expect(shipped.code).toBe(0);
    const file = write('my-networks.yaml', 'profiles:\n  vpn:\n    uplink: { rateKbps: -3 }\n    colour: red\n');
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(2);
    noStack(result.stderr);
    expect(result.stderr).toMatch(new RegExp(`${file}:3: profiles\\.vpn\\.uplink\\.rateKbps: .*>=8`));
    expect(result.stderr).toContain(`${file}:4: profiles.vpn.colour: unknown key`);
  });

  it('checks the device-profile catalogue as a catalogue: the shipped one passes, a bad one names line and path', async () => {
    const shipped = await runCli(['validate', 'scenarios/devices.yaml']);
    expect(shipped.stdout).toContain('scenarios/devices.yaml: valid device catalogue');
    expect(shipped.code).toBe(0);
    const file = write(
      'my-devices.yaml',
      'devices:\n  kiosk:\n    title: Kiosk\n    viewport: { width: 1080, height: 1920 }\n    deviceScaleFactor: 1\n    mobile: false\n    touchPoints: 10\n    userAgent: null\n    cpuSlowdown: 0.5\n',
    );
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(2);
    noStack(result.stderr);
    expect(result.stderr).toContain(`${file}:9: devices.kiosk.cpuSlowdown: a CPU slow-down factor is 1 (full speed) or more`);
  });

  it('refuses an unknown device name and a CPU factor below 1 in a scenario, with file, line and path', async () => {
    const file = write(
      'devices.yaml',
      `${VALID}  groups:
    - { name: doctors, count: 1, device: desktop }
    - { name: patients, count: 1, device: samsung-tab }
deviceProfiles:
  slow-kiosk: { base: desktop, cpuSlowdown: 0.25 }
`,
    );
    for (const command of [
      ['validate', file],
      ['run', file],
    ]) {
      const result = await runCli(command);
      expect(result.code, command[0]).toBe(2);
      noStack(result.stderr);
      expect(result.stderr).toContain(`${file}:12: deviceProfiles.slow-kiosk.cpuSlowdown: a CPU slow-down factor is 1 (full speed) or more`);
    }
    const fixed = write('devices-fixed.yaml', readFileSync(file, 'utf8').replace('0.25', '2'));
    const result = await runCli(['validate', fixed]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${fixed}:10: participants.groups[1].device: unknown device profile "samsung-tab"; expected one of slow-kiosk, desktop, android-tablet, ipad-class, low-end-phone (scenarios/devices.yaml, or define it under deviceProfiles: in the scenario)`,
    );
  });

  it('names an unknown adapter and lists the known ones', async () => {
    const file = write('adapter.yaml', VALID.replace('janus-videoroom', 'jitsy'));
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/adapter\.yaml:4: platforms\[0\]\.adapter: unknown adapter "jitsy"; expected one of .*janus-videoroom/);
  });

  it('refuses receive-only participants on a platform whose adapter cannot join without publishing', async () => {
    const file = write(
      'receivers.yaml',
      `name: receivers
platforms:
  - { id: intranet, adapter: custom, url: "https://visio.example.org", options: { steps: [{ goto: "{base}/room/{room}" }], joined: { selector: "#in" } } }
participants:
  count: 3
  receivers: 1
`,
    );
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(2);
    noStack(result.stderr);
    expect(result.stderr).toMatch(
      /receivers\.yaml:3: platforms\[0\]\.adapter: participants\.receivers is 1 but platform "intranet" \(adapter custom\) cannot join receive-only; expected .*janus-videoroom/,
    );
  });

  it('refuses pages of one profile where participants would share connections or sessions, and says what to set', async () => {
    const scenario = (platform: string, runner: string): string => `name: pages\nplatforms:\n  - ${platform}\nparticipants: { count: 4 }\nrunner: ${runner}\n`;
    const janusHttp = write('pages-http.yaml', scenario('{ id: janus, adapter: janus-videoroom, url: "lab:janus" }', '{ browser: shared, isolation: page }'));
    const replica = write(
      'pages-replica.yaml',
      scenario('{ id: jitsi, adapter: jitsi-meet, url: "http://127.0.0.1:9/" }', '{ browser: shared, isolation: page }'),
    );
    const perParticipant = write(
      'pages-own.yaml',
      scenario('{ id: janus, adapter: janus-videoroom, url: "lab:janus", options: { server: "ws://{host}:8188/" } }', '{ isolation: page }'),
    );
    const result = await runCli(['validate', janusHttp, replica, perParticipant]);
    expect(result.code).toBe(2);
    noStack(result.stderr);
    expect(result.stderr).toMatch(
      /pages-http\.yaml:3: platforms\[0\]\.adapter: runner\.isolation is page but platform "janus" \(adapter janus-videoroom\) cannot run as pages of one profile: the demo page long-polls Janus over HTTP.*set options\.server to the WebSocket API/,
    );
    expect(result.stderr).toMatch(
      /pages-replica\.yaml:3: platforms\[0\]\.adapter: .*adapter jitsi-meet.*does not say that participants can share one browser profile/,
    );
    expect(result.stderr).toMatch(/pages-own\.yaml:5: runner\.isolation: isolation: page needs browser: shared/);
    const fine = write(
      'pages-ws.yaml',
      scenario('{ id: janus, adapter: janus-videoroom, url: "lab:janus", options: { server: "ws://{host}:8188/" } }', '{ browser: shared, isolation: page }'),
    );
    const ok = await runCli(['validate', fine]);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('refuses a 1:1 platform (rooms of exactly 2) with rooms of another size or a capacity search, and says what fits', async () => {
    const scenario = (participants: string, more = ''): string =>
      `name: calls\nplatforms:\n  - { id: teleconsult, adapter: janus-videocall, url: "lab:janus" }\nparticipants: ${participants}\n${more}`;
    const threeInOne = write('calls-three.yaml', scenario('{ count: 3 }'));
    const odd = write('calls-odd.yaml', scenario('{ count: 5 }', 'rooms: { count: 2 }\n'));
    const search = write('calls-capacity.yaml', scenario('{ count: 2 }', 'capacity: { start: 2, max: 4 }\n'));
    const result = await runCli(['validate', threeInOne, odd, search]);
    expect(result.code).toBe(2);
    noStack(result.stderr);
    expect(result.stderr).toMatch(
      /calls-three\.yaml:3: platforms\[0\]\.adapter: platform "teleconsult" \(adapter janus-videocall\) carries rooms of exactly 2, but participants\.count 3 over rooms\.count 1 does not make rooms of 2; expected participants\.count 2\n/,
    );
    expect(result.stderr).toMatch(/calls-odd\.yaml:3: .*participants\.count 5 over rooms\.count 2 .*expected participants\.count 4\n/);
    expect(result.stderr).toMatch(/calls-capacity\.yaml:3: .*but a capacity search grows one room; expected no capacity section for it/);
    const fine = write('calls-ok.yaml', scenario('{ count: 6 }', 'rooms: { count: 3 }\n'));
    const ok = await runCli(['validate', fine]);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('refuses more senders per shared browser than Chromium has microphones for (16), and says what to set', async () => {
    const scenario = (participants: string, perBrowser: number): string =>
      `name: mics\nplatforms:\n  - { id: janus, adapter: janus-videoroom, url: "lab:janus" }\nparticipants: ${participants}\nrunner:\n  browser: shared\n  participantsPerBrowser: ${perBrowser}\n`;
    const crowded = write('mics-crowded.yaml', scenario('{ count: 20 }', 20));
    const result = await runCli(['validate', crowded]);
    expect(result.code).toBe(2);
    noStack(result.stderr);
    expect(result.stderr).toMatch(
      /mics-crowded\.yaml:7: runner\.participantsPerBrowser: 20 participants per browser puts 20 senders in one, but Chromium opens at most 16 microphones per browser .*expected at most 16, or leave it out/,
    );
    // receivers open no microphone: 4 senders and 16 receivers fit in one browser
    const audience = write('mics-audience.yaml', scenario('{ count: 20, receivers: 16 }', 20));
    const ok = await runCli(['validate', audience]);
    expect(ok.code, ok.stderr).toBe(0);
    // microphones generated in the page open no audio device: 20 senders fit in one browser
    const generated = write('mics-generated.yaml', scenario('{ count: 20, media: { microphone: generated } }', 20));
    const fits = await runCli(['validate', generated]);
    expect(fits.code, fits.stderr).toBe(0);
  });

  it('names the field and the choices for an unknown microphone', async () => {
    const file = write(
      'mics-unknown.yaml',
      `name: mics\nplatforms:\n  - { id: janus, adapter: janus-videoroom, url: "lab:janus" }\nparticipants:\n  count: 2\n  media: { microphone: usb }\n`,
    );
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(2);
    noStack(result.stderr);
    expect(result.stderr).toMatch(/mics-unknown\.yaml:6: participants\.media\.microphone: .*"device".*"generated"/);
  });

  it('refuses duplicate keys and YAML syntax errors with their line', async () => {
    const dup = write('dup.yaml', `${VALID}durationS: 10\ndurationS: 20\n`);
    const broken = write('broken.yaml', 'name: [unclosed\nplatforms: x\n');
    const result = await runCli(['validate', dup, broken]);
    expect(result.code).toBe(2);
    noStack(result.stderr);
    expect(result.stderr).toMatch(new RegExp(`${dup}:9: duplicate key`));
    expect(result.stderr).toMatch(new RegExp(`${broken}:\\d+: YAML syntax`));
    expect(result.stderr).toContain('2 of 2 file(s) invalid');
  });

  it('says a missing file is missing', async () => {
    const result = await runCli(['validate', path.join(dir, 'nope.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nope\.yaml: file not found/);
  });
});

describe('meetbench run with bad input', () => {
  it('exits 2 on a malformed scenario, naming file and line, before starting anything', async () => {
    const file = write('run-bad.yaml', VALID.replace('count: 2', 'count: -1'));
    const dataDir = tempDir('mb-cli-data-');
    const result = await runCli(['run', file], { dataDir });
    expect(result.code).toBe(2);
    noStack(result.stderr);
    expect(result.stderr).toMatch(new RegExp(`${file}:7: participants\\.count`));
    const report = await runCli(['report', 'latest', '--format', 'json'], { dataDir });
    expect(report.code).not.toBe(0);
  });

  it('exits 2 on an unknown option', async () => {
    const result = await runCli(['run', '--frobnicate', 'x.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option '--frobnicate'/);
  });
});
