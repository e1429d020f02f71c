import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { BUTTON_PROBLEMS, buttonPrefix, parseButton } from './buttons.ts';
import type { BotContext, Command } from './command.ts';
import { notice } from './render.ts';
import { NO_MENTIONS, explain, replyOptions } from './reply.ts';

export const APOLOGY = 'Sorry, something went wrong while answering that. It has been logged; please try again.';
export const STOPPING = 'The bot is restarting. Please try again in a moment.';

/**
 * Routes interactions to commands (by command name, or by the custom_id prefix for buttons),
 * applies the per-user cooldown, and is the single place errors are caught: whatever a handler
 * throws is logged with the interaction id and answered with an ephemeral apology. `handle`
 * never rejects.
 */
export class InteractionRouter {
  private readonly byName = new Map<string, Command>();
  private readonly byPrefix = new Map<string, Command>();
  private readonly inFlight = new Set<Promise<void>>();
  private accepting = true;

  constructor(
    commands: readonly Command[],
    private readonly ctx: BotContext,
  ) {
    for (const c of commands) {
      this.byName.set(c.data.name, c);
      if (c.buttonPrefix && c.button) this.byPrefix.set(c.buttonPrefix, c);
    }
  }

  /** Handles one interaction; resolves when it has been answered (or given up on). */
  handle(interaction: Interaction): Promise<void> {
    const work = this.dispatch(interaction).catch((error: unknown) => this.apologise(interaction, error));
    const tracked = work.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return tracked;
  }

  /** Stop taking new work (they get a short "restarting" notice) and wait for what is in flight. */
  async drain(timeoutMs = 10_000): Promise<void> {
    this.accepting = false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...this.inFlight]).then(() => undefined), timeout]);
    clearTimeout(timer);
  }

  get pending(): number {
    return this.inFlight.size;
  }

  private async dispatch(interaction: Interaction): Promise<void> {
    const { log } = this.ctx;
    if (interaction.isAutocomplete()) {
      const command = this.byName.get(interaction.commandName);
      try {
        if (!command?.autocomplete || !this.accepting) await interaction.respond([]);
        else await command.autocomplete(interaction, this.ctx);
      } catch (error) {
        log.warn(`autocomplete ${interaction.id} (/${interaction.commandName}) failed`, error);
        if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
      }
      return;
    }
    if (!interaction.isRepliable()) return;
    if (!this.accepting) {
      await interaction.reply(replyOptions(notice(STOPPING), true));
      return;
    }

    if (interaction.isChatInputCommand()) {
      log.debug(`interaction ${interaction.id}: /${interaction.commandName} by ${interaction.user.id} in ${interaction.guildId ?? 'DM'}`);
      const command = this.byName.get(interaction.commandName);
      if (!command) {
        await explain(interaction, `I do not know \`/${interaction.commandName}\` (the command list may be updating). Try \`/help\`.`);
        return;
      }
      if (command.rateLimited) {
        const verdict = this.ctx.cooldown.take(interaction.user.id);
        if (!verdict.ok) {
          await explain(interaction, `You are asking quickly. Please try again in ${verdict.retryAfterSeconds} s.`);
          return;
        }
      }
      await command.execute(interaction, this.ctx);
      return;
    }

    if (interaction.isButton()) {
      log.debug(`interaction ${interaction.id}: button ${interaction.customId} by ${interaction.user.id}`);
      const parsed = parseButton(interaction.customId);
      const command = this.byPrefix.get(buttonPrefix(interaction.customId));
      if (!parsed.ok || !command?.button) {
        await explain(interaction, BUTTON_PROBLEMS[parsed.ok ? 'foreign' : parsed.reason]);
        return;
      }
      await command.button(interaction, parsed, this.ctx);
      return;
    }

    // Other repliable interactions (select menus, modals, context menus) are not ours.
    await interaction.reply(replyOptions(notice('I do not handle that kind of interaction.'), true));
  }

  /** The error funnel: log with the interaction id, then an ephemeral apology, whatever state the reply is in. */
  private async apologise(interaction: Interaction, error: unknown): Promise<void> {
    const { log } = this.ctx;
    log.error(`interaction ${interaction.id} (${describe(interaction)}) failed`, error);
    if (!interaction.isRepliable()) return;
    try {
      await sendApology(interaction);
    } catch (second) {
      log.warn(`interaction ${interaction.id}: could not send the apology`, second);
    }
  }
}

async function sendApology(interaction: RepliableInteraction): Promise<void> {
  const ephemeral = { content: APOLOGY, flags: MessageFlags.Ephemeral as const, allowedMentions: NO_MENTIONS };
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply(ephemeral);
    return;
  }
  if (interaction.deferred && !interaction.replied && !interaction.isMessageComponent()) {
    if (interaction.ephemeral) {
      // The "thinking…" placeholder is already private: turn it into the apology.
      await interaction.editReply({ content: APOLOGY, embeds: [], components: [], allowedMentions: NO_MENTIONS });
      return;
    }
    // A public placeholder: remove it so the apology can be private.
    await interaction.deleteReply().catch(() => undefined);
  }
  await interaction.followUp(ephemeral);
}

function describe(interaction: Interaction): string {
  if (interaction.isCommand() || interaction.isAutocomplete()) return `/${interaction.commandName}`;
  if (interaction.isMessageComponent()) return `button ${interaction.customId}`;
  return `type ${interaction.type}`;
}
