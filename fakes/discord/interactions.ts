import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { snowflake } from './snowflake.ts';
import type { FakeState, StoredCommand } from './state.ts';
import type { CallbackBody, FakeMessage, SendAutocompleteInput, SendButtonInput, SendCommandInput } from './types.ts';
import { apiChannel, clone, isoNow } from './util.ts';

export const InteractionType = { Ping: 1, ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
export const CallbackType = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
  Modal: 9,
  LaunchActivity: 12,
} as const;
export const OptionType = {
  SubCommand: 1,
  SubCommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

/** Permissions the bot and members get in interactions: everything except ADMINISTRATOR. */
const PERMISSIONS = '2251799813685239';

/**
 * A handle on one interaction the fake sent. Also the fake's internal record of it.
 *
 * - `await i.response()` — the first accepted callback body `{ type, data }`.
 * - `await i.reply()` — the final visible message: after type 4/7 at once; after a deferral (5/6) once
 *   `@original` was edited.
 * - `i.followUps` — follow-up messages (snapshots).
 */
export class InteractionHandle {
  readonly id = snowflake();
  readonly token = `fake-itoken.${randomBytes(24).toString('base64url')}`;
  /** The INTERACTION_CREATE payload (`d`). */
  payload: any = null;
  /** Shard the interaction was dispatched to. */
  shardId: number | null = null;
  /** performance.now() when INTERACTION_CREATE was handed to the socket (or buffered). */
  sentAt = 0;
  /** The first accepted callback, or null. */
  callback: CallbackBody | null = null;
  /** performance.now() when the callback was accepted. */
  callbackAt: number | null = null;
  /** Callbacks received (accepted + rejected, e.g. double acknowledgements or injected failures). */
  callbackAttempts = 0;
  /** The `@original` message id once there is one. */
  originalMessageId: string | null = null;
  /** True once `@original` was edited (PATCH) after the callback. */
  originalEdited = false;
  readonly followUpIds: string[] = [];
  /** For component interactions, the message whose component was used. */
  sourceMessageId: string | null = null;
  /** True when a callback came after `callbackDeadlineMs` and was refused. */
  expired = false;
  /**
   * Delivered to an Interactions Endpoint URL: the HTTP status it answered with, and why its answer
   * was not taken as the callback (a non-200 status, a body that is not JSON, or Discord's own
   * refusal such as `400 50035 Invalid Form Body`). Null when delivered over the Gateway.
   */
  delivery: { status: number; error: string | null } | null = null;

  constructor(
    readonly state: FakeState,
    readonly type: number,
    readonly guildId: string,
    readonly channelId: string,
    readonly userId: string,
  ) {}

  /** Round trip in ms from INTERACTION_CREATE to the accepted callback (null before the callback). */
  get latencyMs(): number | null {
    return this.callbackAt === null ? null : this.callbackAt - this.sentAt;
  }

  /** The current `@original` message (snapshot), if any. */
  get message(): FakeMessage | undefined {
    const m = this.originalMessageId ? this.state.messages.get(this.originalMessageId) : undefined;
    return m ? clone(m) : undefined;
  }

  /** Follow-up messages created with `POST /webhooks/{app}/{token}` (snapshots, oldest first). */
  get followUps(): FakeMessage[] {
    return this.followUpIds.map((id) => clone(this.state.messages.get(id)!));
  }

  /** Resolves with the first accepted callback body `{ type, data }`. */
  response(timeoutMs = this.state.timeoutMs): Promise<CallbackBody> {
    return this.state.changes.waitFor(() => this.callback && clone(this.callback), timeoutMs, `a callback for interaction ${this.id}`, false, this.id);
  }

  /**
   * Resolves with the final visible message state: right after a type-4 reply or type-7 update;
   * after a deferral (5, or 6 for components) once `@original` was edited or deleted.
   */
  async reply(timeoutMs = this.state.timeoutMs): Promise<FakeMessage> {
    const started = performance.now();
    const cb = await this.response(timeoutMs);
    if (cb.type === CallbackType.ApplicationCommandAutocompleteResult) {
      throw new Error(`interaction ${this.id} is an autocomplete: use choices() instead of reply()`);
    }
    if (cb.type === CallbackType.Modal) throw new Error(`interaction ${this.id} answered with a modal (type 9): no message`);
    const deferred = cb.type === CallbackType.DeferredChannelMessageWithSource || cb.type === CallbackType.DeferredUpdateMessage;
    const remaining = Math.max(1, timeoutMs - (performance.now() - started));
    return this.state.changes.waitFor(
      () => {
        const m = this.originalMessageId ? this.state.messages.get(this.originalMessageId) : undefined;
        if (!m) return undefined;
        if (deferred && !this.originalEdited && !m.deleted) return undefined;
        return clone(m);
      },
      remaining,
      `the ${deferred ? 'edited (after deferral) ' : ''}reply of interaction ${this.id} (callback type ${cb.type})`,
      false,
      this.id,
    );
  }

  /**
   * Resolves with the `@original` message (snapshot) once `predicate(message)` holds — e.g. to wait
   * for a later `editReply` after a type-4 reply: `i.waitForMessage((m) => m.editCount >= 1)`.
   */
  waitForMessage(predicate: (message: FakeMessage) => boolean, timeoutMs = this.state.timeoutMs): Promise<FakeMessage> {
    return this.state.changes.waitFor(
      () => {
        const m = this.originalMessageId ? this.state.messages.get(this.originalMessageId) : undefined;
        if (!m) return undefined;
        const snapshot = clone(m);
        return predicate(snapshot) ? snapshot : undefined;
      },
      timeoutMs,
      `the @original message of interaction ${this.id} to match a predicate`,
    );
  }

  /** For autocomplete: resolves with the `choices` the bot responded with. */
  async choices(timeoutMs = this.state.timeoutMs): Promise<Array<{ name: string; value: string | number; name_localizations?: unknown }>> {
    const cb = await this.response(timeoutMs);
    if (cb.type !== CallbackType.ApplicationCommandAutocompleteResult) {
      throw new Error(`interaction ${this.id} was answered with callback type ${cb.type}, not 8 (autocomplete result)`);
    }
    return cb.data?.choices ?? [];
  }

  /** Resolves once at least `count` follow-ups exist. */
  waitForFollowUps(count = 1, timeoutMs = this.state.timeoutMs): Promise<FakeMessage[]> {
    return this.state.changes.waitFor(
      () => (this.followUpIds.length >= count ? this.followUps : undefined),
      timeoutMs,
      `${count} follow-up(s) of interaction ${this.id}`,
      false,
      this.id,
    );
  }
}

/** Kept as an alias: the fake's internal record is the handle. */
export type InteractionRecord = InteractionHandle;

export function findCommand(state: FakeState, name: string, guildId: string, type = 1): StoredCommand | undefined {
  return state.commands.get(guildId)?.find((c) => c.name === name && (c.type ?? 1) === type) ?? state.commands.get('')?.find((c) => c.name === name && (c.type ?? 1) === type);
}

function inferType(value: unknown): number {
  if (typeof value === 'boolean') return OptionType.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? OptionType.Integer : OptionType.Number;
  return OptionType.String;
}

function buildOptions(input: SendCommandInput['options'], defs: any[] | undefined, mode: 'command' | 'autocomplete', focused: string | undefined, commandName: string): any[] {
  if (Array.isArray(input)) return clone(input);
  // `undefined` values mean "option not given" (handy for optional options in table-driven tests).
  const entries = Object.entries(input ?? {}).filter(([, value]) => value !== undefined);
  const out: any[] = [];
  for (const [name, value] of entries) {
    const def = defs?.find((o) => o.name === name);
    if (defs && !def) {
      throw new Error(`fake-discord: /${commandName} has no option "${name}" (registered: ${defs.map((o) => o.name).join(', ') || 'none'})`);
    }
    const type = def?.type ?? inferType(value);
    const opt: any = { name, type, value };
    if (mode === 'autocomplete' && name === focused) {
      opt.focused = true;
      // While typing, Discord sends the raw text for the focused option.
      if (type !== OptionType.Boolean) opt.value = String(value);
    }
    out.push(opt);
  }
  if (mode === 'autocomplete' && focused !== undefined && !out.some((o) => o.name === focused)) {
    // The user is typing in an option that is still empty.
    const def = defs?.find((o) => o.name === focused);
    if (defs && !def) throw new Error(`fake-discord: /${commandName} has no option "${focused}"`);
    out.push({ name: focused, type: def?.type ?? OptionType.String, value: '', focused: true });
  }
  if (mode === 'command' && defs) {
    for (const def of defs) {
      if (def.required && !entries.some(([name]) => name === def.name)) {
        throw new Error(`fake-discord: /${commandName} requires option "${def.name}"`);
      }
    }
  }
  return out;
}

function baseInteraction(state: FakeState, h: InteractionHandle, locale: string | undefined): any {
  const guild = state.guild(h.guildId);
  const channel = guild.channels.find((c) => c.id === h.channelId)!;
  const user = state.user(h.userId);
  return {
    id: h.id,
    application_id: state.applicationId,
    type: h.type,
    token: h.token,
    version: 1,
    guild_id: guild.id,
    guild: { id: guild.id, locale: guild.locale, features: [] },
    channel_id: channel.id,
    channel: { ...apiChannel(guild, channel), permissions: PERMISSIONS },
    member: {
      user: { ...user },
      roles: [],
      premium_since: null,
      permissions: PERMISSIONS,
      pending: false,
      nick: null,
      mute: false,
      joined_at: isoNow(),
      deaf: false,
      flags: 0,
      avatar: null,
      banner: null,
      communication_disabled_until: null,
      unusual_dm_activity_until: null,
    },
    app_permissions: PERMISSIONS,
    locale: locale ?? 'en-US',
    guild_locale: guild.locale,
    entitlements: [],
    entitlement_sku_ids: [],
    authorizing_integration_owners: { '0': guild.id },
    context: 0,
    attachment_size_limit: 10485760,
  };
}

function resolveTarget(state: FakeState, input: { guildId?: string; channelId?: string; userId?: string }) {
  const guild = state.guild(input.guildId);
  const channelId = input.channelId ?? guild.channels[0].id;
  if (!guild.channels.some((c) => c.id === channelId)) {
    throw new Error(`fake-discord: channel ${channelId} is not in guild ${guild.id}`);
  }
  const userId = input.userId ?? state.users[0].id;
  state.user(userId);
  return { guildId: guild.id, channelId, userId };
}

function commandData(state: FakeState, input: SendCommandInput, guildId: string, mode: 'command' | 'autocomplete', focused?: string): any {
  const cmd = findCommand(state, input.name, guildId);
  let defs: any[] | undefined = cmd ? (cmd.options ?? []) : undefined;
  if (input.subcommandGroup) {
    const group = defs?.find((o) => o.name === input.subcommandGroup && o.type === OptionType.SubCommandGroup);
    if (defs && !group) throw new Error(`fake-discord: /${input.name} has no subcommand group "${input.subcommandGroup}"`);
    defs = group ? (group.options ?? []) : undefined;
  }
  if (input.subcommand) {
    const sub = defs?.find((o) => o.name === input.subcommand && o.type === OptionType.SubCommand);
    if (defs && !sub) throw new Error(`fake-discord: /${input.name} has no subcommand "${input.subcommand}"`);
    defs = sub ? (sub.options ?? []) : undefined;
  }
  if (mode === 'autocomplete' && focused === undefined) {
    focused =
      defs?.find((o) => o.autocomplete && input.options && !Array.isArray(input.options) && o.name in input.options)?.name ??
      (input.options && !Array.isArray(input.options) ? Object.entries(input.options).find(([, v]) => typeof v === 'string')?.[0] : undefined);
  }
  let options = buildOptions(input.options, defs, mode, focused, input.name);
  if (input.subcommand) options = [{ name: input.subcommand, type: OptionType.SubCommand, options }];
  if (input.subcommandGroup) options = [{ name: input.subcommandGroup, type: OptionType.SubCommandGroup, options }];
  const data: any = {
    id: cmd?.id ?? `0${snowflake().slice(1)}`,
    name: input.name,
    type: 1,
    ...(options.length ? { options } : {}),
  };
  if (cmd?.guild_id) data.guild_id = cmd.guild_id;
  return data;
}

export function buildCommandInteraction(state: FakeState, input: SendCommandInput): InteractionHandle {
  const t = resolveTarget(state, input);
  const h = new InteractionHandle(state, InteractionType.ApplicationCommand, t.guildId, t.channelId, t.userId);
  h.payload = { ...baseInteraction(state, h, input.locale), data: commandData(state, input, t.guildId, 'command'), ...input.extra };
  return h;
}

export function buildAutocompleteInteraction(state: FakeState, input: SendAutocompleteInput): InteractionHandle {
  const t = resolveTarget(state, input);
  const h = new InteractionHandle(state, InteractionType.Autocomplete, t.guildId, t.channelId, t.userId);
  h.payload = { ...baseInteraction(state, h, input.locale), data: commandData(state, input, t.guildId, 'autocomplete', input.focused), ...input.extra };
  if (
    !h.payload.data.options?.some(function hasFocus(o: any): boolean {
      return o.focused || o.options?.some(hasFocus);
    })
  ) {
    throw new Error(`fake-discord: autocomplete for /${input.name} needs a focused option (pass focused and its value)`);
  }
  return h;
}

export function buildButtonInteraction(state: FakeState, input: SendButtonInput, toApi: (m: FakeMessage) => any): InteractionHandle {
  const id = typeof input.message === 'string' ? input.message : input.message.id;
  const msg = state.messages.get(id);
  if (!msg) throw new Error(`fake-discord: unknown message ${id}`);
  if (msg.deleted) throw new Error(`fake-discord: message ${id} was deleted`);
  const t = resolveTarget(state, { guildId: msg.guildId ?? undefined, channelId: msg.channelId, userId: input.userId });
  const h = new InteractionHandle(state, InteractionType.MessageComponent, t.guildId, t.channelId, t.userId);
  h.sourceMessageId = msg.id;
  h.payload = {
    ...baseInteraction(state, h, input.locale),
    data: {
      custom_id: input.customId,
      component_type: input.componentType ?? 2,
      ...(input.values ? { values: input.values } : {}),
    },
    message: toApi(msg),
    ...input.extra,
  };
  return h;
}

/** All custom_ids of the buttons/selects on a message, in order. */
export function customIds(message: FakeMessage): string[] {
  const ids: string[] = [];
  const walk = (components: any[] | undefined): void => {
    for (const c of components ?? []) {
      if (typeof c?.custom_id === 'string') ids.push(c.custom_id);
      walk(c?.components);
      if (c?.accessory) walk([c.accessory]);
    }
  };
  walk(message.components);
  return ids;
}

/** Finds a button on a message by its label (or by a predicate) and returns its custom_id. */
export function findButton(message: FakeMessage, label: string | ((button: any) => boolean)): any {
  const match = typeof label === 'string' ? (b: any) => b.label === label : label;
  const walk = (components: any[] | undefined): any => {
    for (const c of components ?? []) {
      if (c?.type === 2 && match(c)) return c;
      const inner = walk(c?.components) ?? (c?.accessory ? walk([c.accessory]) : undefined);
      if (inner) return inner;
    }
    return undefined;
  };
  return walk(message.components);
}
