import { describe, expect, it } from 'vitest';
import { galeneAdapter } from '../../../../harness/adapters/galene/index.ts';
import { groupName, groupUrl } from '../../../../harness/adapters/galene/join-flow.ts';

describe('galene adapter: where a participant goes', () => {
  it('maps numbered rooms to the lab groups and keeps named groups', () => {
    expect(groupName('2', 'meetbench-')).toBe('meetbench-2');
    expect(groupName('staff-meeting', 'meetbench-')).toBe('staff-meeting');
  });

  it('builds the group page from a base URL, with or without a trailing slash', () => {
    expect(groupUrl('http://10.99.0.3:8443', '1', 'meetbench-')).toBe('http://10.99.0.3:8443/group/meetbench-1/');
    expect(groupUrl('https://galene.example.org/', 'team a', 'meetbench-')).toBe('https://galene.example.org/group/team%20a/');
  });

  it('fills the lab page URL placeholder', () => {
    expect(groupUrl('http://10.99.0.3:8443/group/{room}/', '3', 'meetbench-')).toBe('http://10.99.0.3:8443/group/meetbench-3/');
  });

  it('validates its options and fills defaults', () => {
    expect(galeneAdapter.optionsSchema.parse({})).toEqual({ roomPrefix: 'meetbench-', enableWaitMs: 5000 });
    expect(() => galeneAdapter.optionsSchema.parse({ passwordEnv: 'lower-case' })).toThrow();
    expect(() => galeneAdapter.optionsSchema.parse({ unknown: 1 })).toThrow();
  });
});
