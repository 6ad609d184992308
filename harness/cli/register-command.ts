/** What each command module exports: it adds its command to the program and reports its exit code through `setExit`. */
import type { Command } from 'commander';

export type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;
