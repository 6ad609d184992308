/** The command registry: one module per command, each exporting a `register` function. */
import type { Command } from 'commander';
import { registerCriteria } from './criteria.ts';
import { registerDemo } from './demo.ts';
import { registerDoctor } from './doctor.ts';
import { registerLab } from './lab.ts';
import { registerNightly } from './nightly.ts';
import { registerPrune } from './prune.ts';
import { registerReport } from './report.ts';
import { registerPlatforms } from './platforms.ts';
import { registerRun } from './run.ts';
import { registerScore } from './score.ts';
import { registerServe } from './serve.ts';
import { registerValidate } from './validate.ts';

export type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;

export const COMMANDS: RegisterCommand[] = [registerLab, registerDoctor, registerRun, registerDemo, registerValidate, registerPlatforms, registerServe, registerCriteria, registerScore, registerReport, registerNightly, registerPrune];
