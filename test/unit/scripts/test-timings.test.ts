import { describe, expect, it } from 'vitest';
import { formatTimings, type VitestJsonReport } from '../../../scripts/test-timings.ts';

const report = (files: VitestJsonReport['testResults']): VitestJsonReport => ({ success: false, testResults: files });

describe('formatTimings', () => {
  it('ends with each failed test and the first lines of its error, without the stack', () => {
    const text = formatTimings(
      [{ stage: 'e2e', seconds: 75, ok: false }],
      [
        report([
          {
            name: `${process.cwd()}/test/e2e/a.test.ts`,
            startTime: 0,
            endTime: 1000,
            status: 'failed',
            assertionResults: [
              { fullName: 'passes', status: 'passed', duration: 10 },
              {
                fullName: 'rates > holds',
                status: 'failed',
                duration: 20,
                failureMessages: ['AssertionError: expected 336 to be greater than 345\n    at file.ts:96:5'],
              },
            ],
          },
          {
            name: `${process.cwd()}/test/e2e/b.test.ts`,
            startTime: 0,
            endTime: 5,
            status: 'failed',
            message: 'Error: lab did not start',
            assertionResults: [],
          },
        ]),
      ],
    );
    expect(text).toContain('1 min 15 s');
    const tail = text.slice(text.indexOf('Failed (2)'));
    expect(tail).toContain('test/e2e/a.test.ts > rates > holds\n    AssertionError: expected 336 to be greater than 345');
    expect(tail).not.toContain('at file.ts');
    expect(tail).toContain('test/e2e/b.test.ts (outside its tests)\n    Error: lab did not start');
    expect(text.trimEnd().endsWith('Error: lab did not start')).toBe(true);
  });

  it('prints no failure section when everything passed', () => {
    const text = formatTimings(
      [{ stage: 'unit', seconds: 3, ok: true }],
      [report([{ name: 'x.test.ts', startTime: 0, endTime: 1, status: 'passed', assertionResults: [{ fullName: 't', status: 'passed' }] }])],
    );
    expect(text).not.toContain('Failed');
  });
});
