import { pathToFileURL } from 'node:url';
import { REST, Routes, type APIApplicationCommand, type APIApplicationCommandOption, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { loadConfigOrExit, type Config } from '../runtime/config.ts';
import { createLogger, type Logger } from '../runtime/log.ts';
import { commands } from './commands/registry.ts';

export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;

export interface RegistrationTarget {
  clientId: string;
  /** Guild-scoped when set (updates instantly), else global. */
  guildId?: string;
}

export interface RegistrationResult {
  scope: 'guild' | 'global';
  guildId?: string;
  /** False when the registered set was already identical and the PUT was skipped. */
  changed: boolean;
  count: number;
}

export function commandDefinitions(): CommandDefinition[] {
  return commands.map((c) => c.data.toJSON());
}

type Json = Record<string, unknown>;

function compact(obj: Json): Json {
  const out: Json = {};
  for (const key of Object.keys(obj).sort()) if (obj[key] !== undefined) out[key] = obj[key];
  return out;
}

function normaliseOption(o: APIApplicationCommandOption): Json {
  const x = o as APIApplicationCommandOption & Json;
  return compact({
    type: x.type,
    name: x.name,
    description: x.description,
    required: Boolean(x.required),
    autocomplete: Boolean(x.autocomplete),
    min_value: x.min_value,
    max_value: x.max_value,
    min_length: x.min_length,
    max_length: x.max_length,
    channel_types: Array.isArray(x.channel_types) && x.channel_types.length ? x.channel_types : undefined,
    choices: Array.isArray(x.choices) && x.choices.length ? (x.choices as Json[]).map((c) => ({ name: c.name, value: c.value })) : undefined,
    options: Array.isArray(x.options) && x.options.length ? (x.options as APIApplicationCommandOption[]).map(normaliseOption) : undefined,
  });
}

/** The parts of a command that matter for "is it registered as we define it". */
function normaliseCommand(c: CommandDefinition | APIApplicationCommand, keys: { contexts: boolean; integrationTypes: boolean }): Json {
  const x = c as unknown as Json;
  return compact({
    name: x.name,
    type: x.type ?? 1,
    description: x.description,
    default_member_permissions: x.default_member_permissions ?? null,
    nsfw: Boolean(x.nsfw),
    contexts: keys.contexts ? (x.contexts ?? null) : undefined,
    integration_types: keys.integrationTypes ? (x.integration_types ?? null) : undefined,
    options: ((x.options as APIApplicationCommandOption[] | undefined) ?? []).map(normaliseOption),
  });
}

/** True when `registered` already matches `wanted` (order and server-added fields ignored). */
export function sameCommands(wanted: readonly CommandDefinition[], registered: readonly APIApplicationCommand[]): boolean {
  if (wanted.length !== registered.length) return false;
  // Compare only what we define: Discord fills in defaults (contexts, integration_types, version…).
  const keys = {
    contexts: wanted.some((c) => c.contexts !== undefined),
    integrationTypes: wanted.some((c) => c.integration_types !== undefined),
  };
  const norm = (list: readonly (CommandDefinition | APIApplicationCommand)[]) =>
    JSON.stringify(list.map((c) => normaliseCommand(c, keys)).sort((a, b) => String(a.name).localeCompare(String(b.name))));
  return norm(wanted) === norm(registered);
}

/**
 * Registers the commands: GETs the registered set and PUTs (bulk overwrite) only when it differs,
 * so restarts do not spend Discord's daily command-create budget.
 */
export async function registerCommands(rest: REST, target: RegistrationTarget, definitions: readonly CommandDefinition[] = commandDefinitions()): Promise<RegistrationResult> {
  const route = target.guildId ? Routes.applicationGuildCommands(target.clientId, target.guildId) : Routes.applicationCommands(target.clientId);
  const scope = target.guildId ? ('guild' as const) : ('global' as const);
  const registered = (await rest.get(route)) as APIApplicationCommand[];
  if (Array.isArray(registered) && sameCommands(definitions, registered)) {
    return { scope, guildId: target.guildId, changed: false, count: definitions.length };
  }
  await rest.put(route, { body: definitions });
  return { scope, guildId: target.guildId, changed: true, count: definitions.length };
}

export function describeRegistration(r: RegistrationResult): string {
  const where = r.scope === 'guild' ? `to guild ${r.guildId}` : 'globally';
  return `${r.count} commands registered ${where}${r.changed ? '' : ' (unchanged, write skipped)'}`;
}

/** The application id: from the config, else asked of the API (the application, then the bot user). */
export async function resolveClientId(rest: REST, config: Pick<Config, 'clientId'>): Promise<string> {
  if (config.clientId) return config.clientId;
  try {
    const app = (await rest.get(Routes.currentApplication())) as { id?: string };
    if (app.id) return app.id;
  } catch {
    // fall through: older proxies/fakes may not serve /applications/@me
  }
  const me = (await rest.get(Routes.user('@me'))) as { id: string };
  return me.id;
}

/** `npm run deploy-commands`: registers without starting the bot. */
export async function deployMain(config: Config, log: Logger): Promise<RegistrationResult> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const clientId = await resolveClientId(rest, config);
  const result = await registerCommands(rest, { clientId, guildId: config.guildId });
  log.info(describeRegistration(result));
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const config = loadConfigOrExit();
  const log = createLogger({ level: config.logLevel, secrets: [config.token] });
  deployMain(config, log).then(
    () => process.exit(0),
    (error: unknown) => {
      log.error('Could not register the commands', error);
      process.exit(1);
    },
  );
}
