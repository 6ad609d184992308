import { describe, expect, it } from 'vitest';
import { DeviceProblem, loadDeviceCatalogue, resolveDevice } from '../../../../harness/devices/catalogue.ts';
import { REQUIRED_FIELDS } from '../../../../harness/devices/device-schema.ts';
import { userAgentFor } from '../../../../harness/devices/emulate-device.ts';

describe('the device catalogue (scenarios/devices.yaml)', () => {
  const catalogue = loadDeviceCatalogue();

  it('has a desktop, a mid-range Android tablet, an iPad-class tablet and a low-end phone', () => {
    expect(Object.keys(catalogue.devices)).toEqual(['desktop', 'android-tablet', 'ipad-class', 'low-end-phone']);
  });

  it('says where each value of every profile comes from', () => {
    for (const [name, profile] of Object.entries(catalogue.devices)) {
      for (const field of REQUIRED_FIELDS) {
        // the title describes, mobile follows from the device kind, and no touch screen needs no source
        const neutral = field === 'title' || field === 'mobile' || (field === 'touchPoints' && profile.touchPoints === 0);
        if (!neutral) expect(profile.sources[field], `${name}.sources.${field}`).toMatch(/\w{5,}/);
      }
      if (profile.userAgentMetadata) expect(profile.sources.userAgentMetadata, `${name}.sources.userAgentMetadata`).toBeDefined();
    }
  });

  it('slows the mobile devices down against the desktop, the phone most', () => {
    const cpu = (name: string): number => catalogue.devices[name]!.cpuSlowdown;
    expect(cpu('desktop')).toBe(1);
    expect(cpu('low-end-phone')).toBeGreaterThan(cpu('android-tablet'));
    expect(cpu('android-tablet')).toBeGreaterThan(cpu('ipad-class'));
    expect(cpu('ipad-class')).toBeGreaterThan(1);
  });

  it('never claims an engine version other than the browser running: user agents carry {chromeMajor}', () => {
    for (const profile of Object.values(catalogue.devices)) if (profile.userAgent) expect(profile.userAgent).toContain('{chromeMajor}');
    expect(userAgentFor(catalogue.devices['android-tablet']!.userAgent, 'HeadlessChrome/156.0.8078.114')).toBe(
      'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
    );
    expect(userAgentFor(null, 'HeadlessChrome/156.0.8078.114')).toBeNull();
  });
});

describe('resolveDevice', () => {
  it('takes a scenario profile before the catalogue, and a base with some values changed', () => {
    const full = resolveDevice('tablet-full-speed', 'tablet-full-speed', { 'tablet-full-speed': { base: 'android-tablet', cpuSlowdown: 1 } });
    expect(full.name).toBe('tablet-full-speed');
    expect(full.profile.cpuSlowdown).toBe(1);
    expect(full.profile.viewport).toEqual({ width: 1280, height: 800 });
    expect(full.profile.sources.viewport).toMatch(/Galaxy Tab A8/);
  });

  it('refuses an unknown name, listing the known ones', () => {
    expect(() => resolveDevice('pixel-9', 'pixel-9', {})).toThrow(
      /unknown device profile "pixel-9"; expected one of desktop, android-tablet, ipad-class, low-end-phone/,
    );
  });

  it('names the base when the base is unknown, and a loop of bases', () => {
    try {
      resolveDevice({ base: 'nope', cpuSlowdown: 2 }, 'x', {});
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DeviceProblem);
      expect((error as DeviceProblem).subPath).toBe('base');
    }
    expect(() => resolveDevice('a', 'a', { a: { base: 'b' }, b: { base: 'a' } })).toThrow(/loop: a → b → a/);
  });

  it('asks a profile without a base for every value', () => {
    expect(() => resolveDevice({ title: 'kiosk', cpuSlowdown: 2 }, 'kiosk', {})).toThrow(/needs viewport, deviceScaleFactor, mobile, touchPoints, userAgent/);
  });
});
