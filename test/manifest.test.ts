import fs from 'node:fs';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commandNames } from '../src/slack/listeners/commands/index.js';
import { startApp, type Harness } from './support/app-harness.js';

const read = (relative: string) => fs.readFileSync(new URL(relative, import.meta.url), 'utf8');

interface Manifest {
  features: { slash_commands: { command: string; url?: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean; interactivity: { is_enabled: boolean } };
}

const manifest = parse(read('../manifest.yml')) as Manifest;

/** Slack's schema as published: draft-07 plus three keywords of Slack's own. */
function manifestValidator() {
  // strictTypes off: the published schema puts minItems on a node without "type": "array".
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  // Slack's own annotations, which constrain nothing.
  ajv.addVocabulary(['requires', '_note']);
  // Slack writes one pattern as "regex"; enforce it as a pattern.
  ajv.addKeyword({ keyword: 'regex', type: 'string', schemaType: 'string', validate: (pattern: string, value: string) => new RegExp(pattern).test(value) });
  return ajv.compile(JSON.parse(read('./fixtures/slack/manifest.schema.1.0.0.json')) as object);
}

describe('manifest.yml', () => {
  const validate = manifestValidator();

  it("validates against Slack's published app-manifest schema", () => {
    validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('is really checked by the schema: a wrong manifest fails', () => {
    const broken = structuredClone(manifest) as unknown as { display_information: { background_color: string }; features: { slash_commands: { command: string }[] } };
    broken.features.slash_commands[0]!.command = 'smtp';
    broken.display_information.background_color = '#12345z';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath).sort()).toEqual(['/display_information/background_color', '/features/slash_commands/0/command']);
  });

  it('lists exactly the slash commands the app has listeners for', () => {
    expect(manifest.features.slash_commands.map((command) => command.command).sort()).toEqual([...commandNames].sort());
  });

  it('runs in Socket Mode by default, with interactivity on and only the scopes the app uses', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.slash_commands.every((command) => command.url === undefined)).toBe(true);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['channels:history', 'chat:write', 'commands', 'groups:history', 'usergroups:read']);
  });

  it('is described in the README with every bot scope it asks for, named and counted', () => {
    const paragraph = /The manifest asks for (\w+) bot scopes: ([^]*?)\n\n/.exec(read('../README.md'));
    const named = [...(paragraph?.[2] ?? '').matchAll(/`([a-z]+:?[a-z]*)`/g)].map((match) => match[1]);
    expect(named.sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
    expect(paragraph?.[1]).toBe(['zero', 'one', 'two', 'three', 'four', 'five', 'six'][manifest.oauth_config.scopes.bot.length]);
  });
});

describe('the commands in manifest.yml', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startApp();
  });
  afterAll(async () => harness.stop());

  it.each(manifest.features.slash_commands.map((command) => command.command))('%s is answered by the running app', async (command) => {
    const response = await harness.driver.command(command, '');

    expect(response.status).toBe(200);
    expect(response.body?.text).toEqual(expect.any(String));
  });
});
