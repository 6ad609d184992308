/**
 * After each test file of the browser layers: remove what this process still owns (participant namespaces
 * it created, the lab if it started it and nobody took it down). A file that runs a scenario in-process
 * (runScenario brings the lab up for `lab:` platforms and leaves it for reuse) would otherwise leave its lab
 * to the worker's exit hook, which does not run when vitest ends a worker: the lab then outlived its
 * owner and the suite's leftover check failed (test/helpers/global-setup.ts). A lab another process
 * started, and a file's own labDown, are left as they are.
 */
import { afterAll } from 'vitest';
import { cleanupOwnedSync } from '../../harness/lab/index.ts';

afterAll(() => cleanupOwnedSync());
