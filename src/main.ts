// The process entry: bin/smtp-desk.js runs its compiled form (dist/main.js); the tests run this
// source through tsx, so what they check never depends on a build.
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2));
