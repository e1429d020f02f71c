import type { BotContext, Command } from './command.ts';
import { BUTTON_PROBLEMS, buttonPrefix } from './custom-id.ts';
import type { BotRequest, Responder } from './interaction.ts';
import { notice } from './payload.ts';
import { explain, sendPrivately } from './reply.ts';

export const APOLOGY = 'Sorry, something went wrong while answering that. It has been logged; please try again.';
export const STOPPING = 'The bot is restarting. Please try again in a moment.';

/**
 * Routes requests to commands (by command name, or by the custom_id prefix for buttons), applies
 * the per-user cooldown, and is the single place errors are caught: whatever a handler throws is
 * logged with the interaction id and answered with a private apology. The same router serves the
 * Gateway and the HTTP endpoint (each adapts its interactions to a request and a responder).
 * `handle` never rejects.
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
      if (c.buttons) this.byPrefix.set(c.buttons.prefix, c);
    }
  }

  /** Handles one interaction; resolves when it has been answered (or given up on). */
  handle(request: BotRequest, respond: Responder): Promise<void> {
    const work = this.dispatch(request, respond).catch((error: unknown) => this.apologise(request, respond, error));
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

  private async dispatch(request: BotRequest, respond: Responder): Promise<void> {
    const { log } = this.ctx;
    if (request.kind === 'autocomplete') {
      const command = this.byName.get(request.commandName);
      let choices: readonly { name: string; value: string }[] = [];
      try {
        if (command?.autocomplete && this.accepting) choices = await command.autocomplete(request, this.ctx);
      } catch (error) {
        log.warn(`autocomplete ${request.id} (/${request.commandName}) failed`, error);
      }
      await respond.autocomplete(choices.slice(0, 25));
      return;
    }
    if (!this.accepting) {
      await respond.reply(notice(STOPPING), { ephemeral: true });
      return;
    }

    switch (request.kind) {
      case 'command': {
        log.debug(`interaction ${request.id}: /${request.commandName} by ${request.userId} in ${request.guildId ?? 'DM'}`);
        const command = this.byName.get(request.commandName);
        if (!command) return explain(respond, `I do not know \`/${request.commandName}\` (the command list may be updating). Try \`/help\`.`);
        if (command.rateLimited) {
          const verdict = this.ctx.cooldown.take(request.userId);
          if (!verdict.ok) return explain(respond, `You are asking quickly. Please try again in ${verdict.retryAfterSeconds} s.`);
        }
        return command.execute(request, respond, this.ctx);
      }
      case 'button': {
        log.debug(`interaction ${request.id}: button ${request.customId} by ${request.userId}`);
        const buttons = this.byPrefix.get(buttonPrefix(request.customId))?.buttons;
        if (!buttons) return explain(respond, BUTTON_PROBLEMS.foreign);
        return buttons.press(request, respond, this.ctx);
      }
      case 'other':
        // Select menus, modals, context menus are not ours.
        return respond.reply(notice('I do not handle that kind of interaction.'), { ephemeral: true });
    }
  }

  /** The error funnel: log with the interaction id, then a private apology, whatever state the reply is in. */
  private async apologise(request: BotRequest, respond: Responder, error: unknown): Promise<void> {
    const { log } = this.ctx;
    log.error(`interaction ${request.id} (${describe(request)}) failed`, error);
    if (request.kind === 'autocomplete') return;
    try {
      await sendPrivately(respond, notice(APOLOGY));
    } catch (second) {
      log.warn(`interaction ${request.id}: could not send the apology`, second);
    }
  }
}

function describe(request: BotRequest): string {
  if (request.kind === 'command' || request.kind === 'autocomplete') return `/${request.commandName}`;
  if (request.kind === 'button') return `button ${request.customId}`;
  return `type ${request.type}`;
}
