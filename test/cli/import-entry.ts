// Runs the import verb as its own process, the way `smtp-desk import …` does once the verb is in
// src/cli.ts's table: the CLI tests spawn this so they exercise the real process (exit codes, SIGKILL).
import { importVerb } from '../../src/cli/import.js';
import { processIo } from '../../src/cli/io.js';

process.exitCode = await importVerb(process.argv.slice(2), processIo());
