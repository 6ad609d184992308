/**
 * The line `meetbench run` prints before it starts: how many trials, what the senders send, who talks
 * when, who shares a screen, and which participants are emulated devices, so a reader of the log knows
 * what was measured before any figure appears.
 */
import { assignDevices } from '../devices/participant-devices.ts';
import { scheduleOf } from '../page-scripts/speaking-schedule.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';

function speakingWords(scenario: Scenario): string {
  const schedule = scheduleOf(scenario.participants.media.speaking);
  if (schedule.pattern === 'turns') return `, talking in turns of ${schedule.turnMs / 1000} s (${schedule.speakers} at a time)`;
  if (schedule.pattern === 'share') return `, each talking ${Math.round(schedule.share * 100)} % of the time in bursts of ${schedule.burstMs / 1000} s`;
  return scenario.participants.media.microphone === 'generated' ? ' (a tone: always talking, no browser audio processing)' : '';
}

/** "bench3-4 as android-tablet (CPU 4x slower)", one entry per run of participants with the same device */
function deviceWords(scenario: Scenario): string {
  const { groups, count, namePrefix } = scenario.participants;
  const devices = assignDevices(groups, count, scenario.deviceProfiles);
  const runs: string[] = [];
  for (let i = 0; i < devices.length;) {
    const device = devices[i];
    let j = i;
    while (j + 1 < devices.length && devices[j + 1] === device) j += 1;
    if (device) {
      const who = i === j ? `${namePrefix}${i + 1}` : `${namePrefix}${i + 1}-${j + 1}`;
      runs.push(`${who} as ${device.name}${device.profile.cpuSlowdown > 1 ? ` (CPU ${device.profile.cpuSlowdown}x slower)` : ''}`);
    }
    i = j + 1;
  }
  return runs.length > 0 ? `; devices: ${runs.join(', ')}` : '';
}

export function scenarioBanner(scenario: Scenario): string {
  const trials = scenario.platforms.length * scenario.networks.length * scenario.repeats;
  const media = scenario.participants.media;
  const microphone = media.microphone === 'generated' ? ', microphones generated in the page' : '';
  const share = scenario.screenShare
    ? `; ${scenario.screenShare.participant} shares a ${scenario.screenShare.width}x${scenario.screenShare.height}@${scenario.screenShare.fps} document`
    : '';
  return `meetbench run ${scenario.name}: ${trials} trial(s), ${scenario.participants.count} participant(s) each, camera ${media.width}x${media.height}@${media.fps}${microphone}${speakingWords(scenario)}${share}${deviceWords(scenario)}, ${scenario.durationS} s measured after ${scenario.warmupS} s warm-up`;
}
