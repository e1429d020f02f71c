import {
  ApplicationCommandType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
  type APIInteraction,
  type APIInteractionResponse,
  type REST,
} from 'discord.js';
import type { BotContext, Command } from './command.ts';
import { CommandOptions, type BotRequest, type Choice, type Responder } from './interaction.ts';
import { APOLOGY, InteractionRouter } from './interactions.ts';
import { editBody, messageBody, notice, type MessagePayload } from './payload.ts';

/**
 * The HTTP transport (Discord's "Interactions Endpoint URL"): a raw APIInteraction, already
 * verified by the server, becomes the same request and responder the Gateway transport makes, and
 * the same router and command handlers answer it. The first response becomes the HTTP response
 * body; everything after it (edits, follow-ups) goes over REST to the interaction's webhook. If a
 * handler has not answered within `deadlineMs` (Discord waits 3 s), the HTTP response is a
 * deferral (type 5 for commands, 6 for buttons) and the answer follows over REST.
 */

export interface HttpDispatcherOptions {
  commands: readonly Command[];
  ctx: BotContext;
  /** For the webhook routes (its base URL honours DISCORD_API_URL); they need no bot token. */
  rest: REST;
  applicationId: string;
  /** Answer with a deferral when the handler has not answered within this long (default 2,500 ms). */
  deadlineMs?: number;
}

export interface DispatchOptions {
  /**
   * Settles once the HTTP response has been written (or the connection is gone): edits and
   * follow-ups wait for it, as Discord only knows the interaction's webhook once it has the
   * response. Default: as soon as the response body is ready.
   */
  responded?: Promise<unknown>;
}

export type HttpDispatcher = ((interaction: APIInteraction, options?: DispatchOptions) => Promise<APIInteractionResponse>) & {
  /** Stop taking new work (it gets a short "restarting" notice) and wait for what is in flight, edits and follow-ups included. */
  drain(timeoutMs?: number): Promise<void>;
  /** Interactions still being worked on. */
  readonly pending: number;
};

export const DEFAULT_DEADLINE_MS = 2500;

export function createHttpDispatcher(options: HttpDispatcherOptions): HttpDispatcher {
  const router = new InteractionRouter(options.commands, options.ctx);
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const dispatch = async (interaction: APIInteraction, dispatchOptions: DispatchOptions = {}): Promise<APIInteractionResponse> => {
    if (interaction.type === InteractionType.Ping) return { type: InteractionResponseType.Pong };
    const request = requestFromApi(interaction);
    // eslint-disable-next-line prefer-const -- assigned below, once the responder exists; the webhook reads it lazily
    let responded!: Promise<unknown>;
    const webhook = new InteractionWebhook(options.rest, options.applicationId, interaction.token, () => responded);
    const respond = new HttpResponder(request, webhook, deadlineMs);
    // Never rejects: a failed write still lets the webhook calls go (and fail, logged, on their own).
    responded = (dispatchOptions.responded ?? respond.first).catch(() => undefined);
    void router.handle(request, respond).then(() => respond.settle());
    return respond.first;
  };
  return Object.defineProperties(dispatch, {
    drain: { value: (timeoutMs?: number) => router.drain(timeoutMs) },
    pending: { get: () => router.pending },
  }) as HttpDispatcher;
}

/** The transport-neutral request for a raw interaction (the Gateway transport makes the same from discord.js objects). */
export function requestFromApi(interaction: APIInteraction): BotRequest {
  const base = {
    id: interaction.id,
    userId: interaction.member?.user.id ?? interaction.user?.id ?? '',
    guildId: interaction.guild_id ?? null,
  };
  if (interaction.type === InteractionType.ApplicationCommand && interaction.data.type === ApplicationCommandType.ChatInput) {
    return { ...base, kind: 'command', commandName: interaction.data.name, options: CommandOptions.from(interaction.data.options) };
  }
  if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
    const options = interaction.data.options ?? [];
    const focused = options.find((o) => 'focused' in o && o.focused);
    return {
      ...base,
      kind: 'autocomplete',
      commandName: interaction.data.name,
      options: CommandOptions.from(options),
      focused: { name: focused?.name ?? '', value: focused && 'value' in focused ? String(focused.value ?? '') : '' },
    };
  }
  if (interaction.type === InteractionType.MessageComponent && interaction.data.component_type === ComponentType.Button) {
    const { message } = interaction;
    return {
      ...base,
      kind: 'button',
      customId: interaction.data.custom_id,
      message: {
        embeds: message.embeds ?? [],
        ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
        askerId: message.interaction_metadata?.user.id,
      },
    };
  }
  return { ...base, kind: 'other', type: interaction.type };
}

/** The webhook routes of one interaction token: what comes after the first response (never before it is out). */
class InteractionWebhook {
  constructor(
    private readonly rest: REST,
    private readonly applicationId: string,
    private readonly token: string,
    private readonly responded: () => Promise<unknown>,
  ) {}

  async editOriginal(payload: MessagePayload): Promise<void> {
    await this.responded();
    await this.rest.patch(Routes.webhookMessage(this.applicationId, this.token), { body: editBody(payload), auth: false });
  }
  async deleteOriginal(): Promise<void> {
    await this.responded();
    await this.rest.delete(Routes.webhookMessage(this.applicationId, this.token), { auth: false });
  }
  async followUp(payload: MessagePayload, ephemeral: boolean): Promise<void> {
    await this.responded();
    await this.rest.post(Routes.webhook(this.applicationId, this.token), { body: messageBody(payload, ephemeral), auth: false });
  }
}

/**
 * A Responder whose first response resolves `first` (the HTTP response body). When the deadline
 * passes first, it defers on the handler's behalf, unseen: `deferred` and `replied` keep saying
 * what the handler itself did, and what it sends first is turned into the webhook calls that finish
 * the deferral (a reply fills in or replaces the "thinking…" placeholder; an update edits the
 * button's message), so handlers are written once for both transports.
 */
class HttpResponder implements Responder {
  readonly first: Promise<APIInteractionResponse>;
  readonly button: boolean;
  deferred = false;
  replied = false;
  ephemeral = false;
  private resolveFirst!: (response: APIInteractionResponse) => void;
  private acknowledged = false;
  /** The deadline deferred on the handler's behalf (public placeholder for a command). */
  private autoDeferred = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly request: BotRequest,
    private readonly webhook: InteractionWebhook,
    deadlineMs: number,
  ) {
    this.button = request.kind === 'button';
    this.first = new Promise((resolve) => (this.resolveFirst = resolve));
    this.timer = setTimeout(() => this.onDeadline(), deadlineMs);
  }

  /** After the handler is done: a request it left unanswered (a bug) still gets an answer. */
  settle(): void {
    if (this.acknowledged) return;
    if (this.request.kind === 'autocomplete') this.acknowledge({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } });
    else this.acknowledge({ type: InteractionResponseType.ChannelMessageWithSource, data: messageBody(notice(APOLOGY), true) });
  }

  async reply(payload: MessagePayload, options: { ephemeral?: boolean } = {}): Promise<void> {
    const ephemeral = options.ephemeral ?? false;
    this.expectFirst('reply');
    if (!this.acknowledged) this.acknowledge({ type: InteractionResponseType.ChannelMessageWithSource, data: messageBody(payload, ephemeral) });
    else if (this.button) await this.webhook.followUp(payload, ephemeral);
    else await this.fillPlaceholder(payload, ephemeral);
    this.replied = true;
    this.ephemeral = ephemeral;
  }

  async defer(options: { ephemeral?: boolean } = {}): Promise<void> {
    if (this.button) throw new Error('defer() is for commands: a button defers with deferUpdate()');
    this.expectFirst('defer');
    const ephemeral = options.ephemeral ?? false;
    if (!this.acknowledged) {
      this.acknowledge({ type: InteractionResponseType.DeferredChannelMessageWithSource, ...(ephemeral ? { data: { flags: MessageFlags.Ephemeral } } : {}) });
    }
    // After the deadline's public placeholder, a private answer replaces it (see fillPlaceholder).
    this.deferred = true;
    this.ephemeral = ephemeral;
  }

  async update(payload: MessagePayload): Promise<void> {
    if (!this.button) throw new Error('update() is for button presses');
    this.expectFirst('update');
    if (!this.acknowledged) this.acknowledge({ type: InteractionResponseType.UpdateMessage, data: editBody(payload) });
    else await this.webhook.editOriginal(payload);
    this.replied = true;
  }

  async deferUpdate(): Promise<void> {
    if (!this.button) throw new Error('deferUpdate() is for button presses');
    this.expectFirst('deferUpdate');
    if (!this.acknowledged) this.acknowledge({ type: InteractionResponseType.DeferredMessageUpdate });
    this.deferred = true;
  }

  async editReply(payload: MessagePayload): Promise<void> {
    if (!this.deferred && !this.replied) throw new Error('editReply() before the first response');
    if (this.autoDeferred && !this.button && !this.replied) await this.fillPlaceholder(payload, this.ephemeral);
    else await this.webhook.editOriginal(payload);
    this.replied = true;
  }

  async deleteReply(): Promise<void> {
    if (!this.deferred && !this.replied) throw new Error('deleteReply() before the first response');
    await this.webhook.deleteOriginal();
  }

  async followUp(payload: MessagePayload, options: { ephemeral?: boolean } = {}): Promise<void> {
    if (!this.deferred && !this.replied) throw new Error('followUp() before the first response');
    await this.webhook.followUp(payload, options.ephemeral ?? false);
  }

  async autocomplete(choices: readonly Choice[]): Promise<void> {
    if (this.request.kind !== 'autocomplete') throw new Error('autocomplete() is for autocomplete interactions');
    // Late choices are dropped: the deadline already answered with none.
    if (!this.acknowledged) this.acknowledge({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [...choices] } });
  }

  private acknowledge(response: APIInteractionResponse): void {
    this.acknowledged = true;
    clearTimeout(this.timer);
    this.resolveFirst(response);
  }

  private onDeadline(): void {
    if (this.acknowledged) return;
    if (this.request.kind === 'autocomplete') {
      this.acknowledge({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } });
      return;
    }
    this.acknowledge({ type: this.button ? InteractionResponseType.DeferredMessageUpdate : InteractionResponseType.DeferredChannelMessageWithSource });
    this.autoDeferred = true;
  }

  /** A first response, as the handler sees it, may be sent once. */
  private expectFirst(call: string): void {
    if (this.deferred || this.replied) throw new Error(`${call}(): the interaction has already been answered`);
  }

  /** The answer into the deadline's public "thinking…" placeholder, or, for a private answer, instead of it. */
  private async fillPlaceholder(payload: MessagePayload, ephemeral: boolean): Promise<void> {
    if (!ephemeral) {
      await this.webhook.editOriginal(payload);
      return;
    }
    await this.webhook.deleteOriginal().catch(() => undefined);
    await this.webhook.followUp(payload, true);
  }
}
