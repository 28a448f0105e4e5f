/** The program of the command line, as bundled per command (scripts/bundle.ts). */
import { runCommandLine } from './program.js';

// runCommandLine turns every failure into a message and an exit code; one it lets through is a
// bug, which Node reports with its stack as an unhandled rejection (exit code 1).
void runCommandLine();
