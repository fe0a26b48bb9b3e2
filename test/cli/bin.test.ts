// bin/smtp-desk.js, the command npm links: it runs the compiled dist/main.js of its own package, and
// says in one line how to build it when dist/ is missing. Run here from a copy in a bare package
// folder, so neither the real dist/ nor its absence changes the outcome.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { binPath, runNode, tempDir } from '../support/cli.js';

describe('bin/smtp-desk.js', () => {
  let pkg: { dir: string; remove: () => Promise<void> };
  let bin: string;
  beforeEach(async () => {
    pkg = await tempDir('smtp-desk-bin');
    bin = path.join(pkg.dir, 'bin', 'smtp-desk.js');
    await fs.mkdir(path.dirname(bin));
    await fs.copyFile(binPath, bin);
    await fs.writeFile(path.join(pkg.dir, 'package.json'), '{ "type": "module" }\n');
  });
  afterEach(async () => pkg.remove());

  it('says to run the build, in one line and with exit code 1, when dist/ is missing', async () => {
    const run = await runNode([bin, 'serve'], { cwd: pkg.dir });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('smtp-desk: the compiled JavaScript (dist/) is missing: run npm run build\n');
  });

  it('runs dist/main.js of its package with the arguments given', async () => {
    await fs.mkdir(path.join(pkg.dir, 'dist'));
    await fs.writeFile(path.join(pkg.dir, 'dist', 'main.js'), 'console.log(JSON.stringify(process.argv.slice(2)));\nprocess.exitCode = 4;\n');

    const run = await runNode([bin, 'lookup', '--json', '550'], { cwd: pkg.dir });

    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('["lookup","--json","550"]\n');
    expect(run.code).toBe(4);
  });
});
