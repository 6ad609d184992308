/** Suite files (nightly comparisons) are not implemented yet: refuse them clearly instead of guessing. */
import { InputError } from '../../results/input-error.ts';

export function loadSuite(file: string): never {
  throw new InputError(file, [{ path: '', line: null, message: 'suite files are not supported by this version yet (see issue "Nightly comparison runs")' }]);
}
