import { resolve } from 'node:path';
import type { Library, LibraryStore } from '../library/library.ts';
import type { Config } from '../runtime/config.ts';
import type { Logger } from '../runtime/log.ts';
import type { BotContext } from './command.ts';
import { Cooldown } from './cooldown.ts';
import type { RegistrationResult } from './deploy.ts';
import { plural } from '../text/plural.ts';

/** Defer the reply when the library holds more paragraphs than this (a question may then take a while). */
export const DEFAULT_DEFER_ABOVE = 100_000;

/** What the handlers share, the same for the Gateway and the HTTP entry points. */
export function createBotContext(store: LibraryStore, log: Logger, config: Pick<Config, 'cooldown'>, deferAbove = DEFAULT_DEFER_ABOVE): BotContext {
  return {
    store,
    log,
    cooldown: new Cooldown(config.cooldown.questions, config.cooldown.seconds * 1000),
    cooldownSettings: config.cooldown,
    deferAbove,
  };
}

/** The start-up log line: what was loaded from where, and how the commands were registered. */
export function startupLine(library: Library, dir: string, registration?: RegistrationResult): string {
  const where = !registration
    ? 'commands not registered'
    : registration.scope === 'guild'
      ? `commands registered to guild ${registration.guildId}`
      : 'commands registered globally';
  const same = registration && !registration.changed ? ' (unchanged)' : '';
  const skipped = library.problems.length ? `; ${plural(library.problems.length, 'file')} skipped` : '';
  return `${plural(library.articles.length, 'article')} (${plural(library.paragraphCount, 'paragraph')}) loaded from ${resolve(dir)}; ${where}${same}${skipped}`;
}
