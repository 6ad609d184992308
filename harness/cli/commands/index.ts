/** The command registry: one module per command, each exporting a `register` function. */
import type { Command } from 'commander';

export type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;

export const COMMANDS: RegisterCommand[] = [];
