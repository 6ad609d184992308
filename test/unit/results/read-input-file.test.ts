import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../results/input-error.ts';
import { readInputFile } from '../../../results/read-input-file.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('reading an input file', () => {
  const dir = tempDir('mb-read-input-');

  it('reads a UTF-8 file (a BOM is dropped) and refuses one over the cap before reading it', () => {
    const file = path.join(dir, 'ok.yaml');
    writeFileSync(file, '\uFEFFname: é\n');
    expect(readInputFile(file, 100)).toBe('name: é\n');
    expect(() => readInputFile(file, 5)).toThrow(/file is 12 bytes; expected at most 5/);
  });

  it('names the line of the first byte that is not UTF-8', () => {
    const file = path.join(dir, 'latin1.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from('name: x\nnote: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    try {
      readInputFile(file, 1000);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).problems[0]).toMatchObject({ line: 2, message: 'is not UTF-8 text (bad byte at offset 17); save it as UTF-8' });
    }
  });

  it('refuses what is not a regular file, without blocking', () => {
    expect(() => readInputFile('/dev/zero', 1000)).toThrow(/is a character device; expected a regular file/);
    expect(() => readInputFile(dir, 1000)).toThrow(/is a directory; expected a regular file/);
    expect(() => readInputFile(path.join(dir, 'missing.yaml'), 1000)).toThrow(/file not found/);
  });
});

describe('the first byte that is not UTF-8, after a valid multi-byte character', () => {
  it('is named, not the character before it', () => {
    const file = path.join(tempDir('mb-read-input-'), 'mixed.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from('é'), Buffer.from([0xff]), Buffer.from('x')]));
    expect(() => readInputFile(file, 1000)).toThrow(/bad byte at offset 2/);
  });
});
