import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutsideRootError, pathInside, realPathInside } from '../../../../results/paths/inside-root.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';

describe('paths built from stored or user input stay inside their root', () => {
  it('joins plain names and refuses anything that could climb out', () => {
    expect(pathInside('/data', 'samples', 'run-1', 't1.ndjson')).toBe('/data/samples/run-1/t1.ndjson');
    for (const bad of ['..', '.', '', '../x', 'a/b', 'a\\b', '/etc', 'x\0y']) {
      expect(() => pathInside('/data', 'samples', bad), bad).toThrow(OutsideRootError);
    }
  });

  it('follows existing links and refuses one that leads outside or nowhere', async () => {
    const root = tempDir('mb-inside-root-');
    const data = path.join(root, 'data');
    mkdirSync(path.join(data, 'inner'), { recursive: true });
    mkdirSync(path.join(root, 'outside'));
    symlinkSync(path.join(root, 'outside'), path.join(data, 'out'));
    symlinkSync(path.join(data, 'inner'), path.join(data, 'in'));
    symlinkSync(path.join(root, 'nowhere'), path.join(data, 'dangling'));
    expect(await realPathInside(data, 'in', 'x')).toBe(path.join(data, 'inner', 'x'));
    expect(await realPathInside(data, 'not-yet', 'x')).toBe(path.join(data, 'not-yet', 'x'));
    await expect(realPathInside(data, 'out', 'x')).rejects.toThrow(/out is a link to/);
    await expect(realPathInside(data, 'dangling')).rejects.toThrow(/leads nowhere/);
  });
});
