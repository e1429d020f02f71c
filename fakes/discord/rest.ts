import type { IncomingMessage, ServerResponse } from 'node:http';
import { publicKeyHex } from './endpoint.ts';
import { snowflake } from './snowflake.ts';
import type { FailRule, FakeState, StoredCommand } from './state.ts';
import type { FakeAttachment, RecordedRequest } from './types.ts';
import { CallbackType, InteractionType, type InteractionHandle } from './interactions.ts';
import { FormErrors, createMessage, editMessage, isEmptyMessage, messageToApi, validateMessageBody } from './messages.ts';

/** A Discord-style error to answer with. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code: number; message: string; errors?: unknown },
  ) {
    super(body.message);
  }
}

const errors = {
  unauthorized: () => new HttpError(401, { code: 0, message: '401: Unauthorized' }),
  notFound: () => new HttpError(404, { code: 0, message: '404: Not Found' }),
  methodNotAllowed: () => new HttpError(405, { code: 0, message: '405: Method Not Allowed' }),
  unknownInteraction: () => new HttpError(404, { code: 10062, message: 'Unknown interaction' }),
  alreadyAcknowledged: () => new HttpError(400, { code: 40060, message: 'Interaction has already been acknowledged.' }),
  unknownWebhook: () => new HttpError(404, { code: 10015, message: 'Unknown Webhook' }),
  unknownMessage: () => new HttpError(404, { code: 10008, message: 'Unknown Message' }),
  unknownCommand: () => new HttpError(404, { code: 10063, message: 'Unknown application command' }),
  unknownApplication: () => new HttpError(404, { code: 10002, message: 'Unknown Application' }),
  missingAccess: () => new HttpError(403, { code: 50001, message: 'Missing Access' }),
  emptyMessage: () => new HttpError(400, { code: 50006, message: 'Cannot send an empty message' }),
  invalidForm: (e: FormErrors) => new HttpError(400, e.body()),
};

interface Ctx {
  req: IncomingMessage;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: any;
  files: FakeAttachment[];
}

type Handler = (ctx: Ctx) => { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>;

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  keys: string[];
  auth: boolean;
  handler: Handler;
}

function compile(pattern: string): { regex: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = pattern
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        keys.push(seg.slice(1));
        return '([^/]+)';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { regex: new RegExp(`^${source}$`), keys };
}

/**
 * Turns a failNext pattern into a RegExp over `"METHOD /path"`.
 * `"POST /interactions/:id/:token/callback"`, `"* /webhooks/**"`, `"PATCH /webhooks/*\/*\/messages/@original"`.
 */
export function compileFailPattern(pattern: string | RegExp): { method: string; regex: RegExp; source: string } {
  if (pattern instanceof RegExp) return { method: '*', regex: pattern, source: String(pattern) };
  const m = /^\s*([A-Za-z*]+)\s+(\S+)\s*$/.exec(pattern);
  if (!m) throw new Error(`failNext: pattern must look like "POST /interactions/:id/:token/callback", got "${pattern}"`);
  const method = m[1].toUpperCase();
  const path = m[2].split('?')[0].replace(/^\/api\/v10(?=\/)/, '');
  const source = path
    .split('/')
    .map((seg) => {
      if (seg === '**') return '.*';
      if (seg === '*' || seg.startsWith(':')) return '[^/]+';
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { method, regex: new RegExp(`^${source}$`), source: `${method} ${path}` };
}

export class Rest {
  readonly #routes: Route[] = [];

  constructor(
    readonly state: FakeState,
    /** GUILD_CREATE-shaped guild object (from the gateway), reused for the guild/channel routes. */
    readonly guildPayload: (guildId: string) => unknown,
  ) {
    const r = (method: string, pattern: string, auth: boolean, handler: Handler) => this.#routes.push({ method, pattern, ...compile(pattern), auth, handler });

    r('GET', '/gateway', false, () => ({ status: 200, body: { url: state.gatewayUrl } }));
    r('GET', '/gateway/bot', true, () => ({
      status: 200,
      body: {
        url: state.gatewayUrl,
        shards: state.recommendedShards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 14_400_000, max_concurrency: state.maxConcurrency },
      },
    }));
    r('GET', '/users/@me', true, () => ({ status: 200, body: { ...state.botUser, verified: true, mfa_enabled: false, flags: 0 } }));
    const app = () => ({
      status: 200,
      body: {
        id: state.applicationId,
        name: state.botUser.username,
        icon: null,
        description: '',
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: publicKeyHex(state.signingKey),
        flags: 0,
        team: null,
        owner: { ...state.users[0] },
        bot: { ...state.botUser },
        approximate_guild_count: state.guilds.size,
        integration_types_config: { '0': {} },
      },
    });
    r('GET', '/applications/@me', true, app);
    r('GET', '/guilds/:guild', true, (c) => {
      const g = state.guilds.get(c.params.guild);
      if (!g) throw new HttpError(404, { code: 10004, message: 'Unknown Guild' });
      const { channels: _c, members: _m, ...guild } = this.guildPayload(g.id) as any;
      return { status: 200, body: guild };
    });
    r('GET', '/guilds/:guild/channels', true, (c) => {
      const g = state.guilds.get(c.params.guild);
      if (!g) throw new HttpError(404, { code: 10004, message: 'Unknown Guild' });
      return { status: 200, body: (this.guildPayload(g.id) as any).channels.map((ch: any) => ({ ...ch, guild_id: g.id })) };
    });
    r('GET', '/channels/:channel', true, (c) => {
      for (const g of state.guilds.values()) {
        const ch = (this.guildPayload(g.id) as any).channels.find((x: any) => x.id === c.params.channel);
        if (ch) return { status: 200, body: { ...ch, guild_id: g.id } };
      }
      throw new HttpError(404, { code: 10003, message: 'Unknown Channel' });
    });
    r('GET', '/oauth2/applications/@me', true, app);

    // Application commands, global ('' scope) and guild.
    for (const guildScoped of [false, true]) {
      const base = guildScoped ? '/applications/:app/guilds/:guild/commands' : '/applications/:app/commands';
      r('GET', base, true, (c) => ({ status: 200, body: this.#scope(c).list }));
      r('PUT', base, true, (c) => this.#putCommands(c));
      r('POST', base, true, (c) => this.#postCommand(c));
      r('GET', `${base}/:cmd`, true, (c) => ({ status: 200, body: this.#command(c) }));
      r('PATCH', `${base}/:cmd`, true, (c) => this.#patchCommand(c));
      r('DELETE', `${base}/:cmd`, true, (c) => this.#deleteCommand(c));
    }

    r('POST', '/interactions/:id/:token/callback', false, (c) => this.#callback(c));
    r('POST', '/webhooks/:app/:token', false, (c) => this.#followUp(c));
    r('GET', '/webhooks/:app/:token/messages/:msg', false, (c) => ({ status: 200, body: messageToApi(state, this.#webhookMessage(c).msg) }));
    r('PATCH', '/webhooks/:app/:token/messages/:msg', false, (c) => this.#editWebhookMessage(c));
    r('DELETE', '/webhooks/:app/:token/messages/:msg', false, (c) => this.#deleteWebhookMessage(c));
  }

  // ---------------------------------------------------------------- HTTP plumbing

  async handle(req: IncomingMessage, res: ServerResponse, prefix: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.slice(prefix.length) || '/';
    const record: RecordedRequest = {
      method,
      path,
      url: req.url ?? '',
      query: Object.fromEntries(url.searchParams),
      body: null,
      files: [],
      status: 0,
      route: null,
      injected: false,
      at: Date.now(),
    };
    let status = 500;
    let body: unknown;
    try {
      const raw = await readBody(req);
      const parsed = await parseBody(req.headers['content-type'], raw);
      record.body = parsed.body;
      record.files = parsed.files;

      const candidates = this.#routes.filter((rt) => rt.regex.test(path));
      const route = candidates.find((rt) => rt.method === method);
      if (!route) throw candidates.length ? errors.methodNotAllowed() : errors.notFound();
      record.route = `${route.method} ${route.pattern}`;

      const rule = this.#takeFailRule(method, path);
      if (rule) {
        record.injected = true;
        status = rule.status;
        body = rule.body ?? { code: 0, message: `${rule.status}: injected by fake-discord failNext(${rule.source})` };
      } else {
        if (route.auth && req.headers.authorization !== `Bot ${this.state.token}`) throw errors.unauthorized();
        const m = route.regex.exec(path)!;
        const params: Record<string, string> = {};
        route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
        const out = await route.handler({ req, method, path, params, query: url.searchParams, body: parsed.body, files: parsed.files });
        status = out.status;
        body = out.body;
      }
    } catch (error) {
      if (error instanceof HttpError) {
        status = error.status;
        body = error.body;
      } else {
        status = 500;
        body = { code: 0, message: `fake-discord internal error: ${(error as Error)?.message ?? error}` };
        console.error('[fake-discord] internal error', error);
      }
    }
    record.status = status;
    this.state.requests.push(record);
    this.state.log(method, path, status);
    if (!res.headersSent && !res.destroyed) {
      if (status === 204 || body === undefined) {
        res.writeHead(status === 200 ? 204 : status, {}).end();
      } else {
        const json = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) }).end(json);
      }
    }
    this.state.changes.notify();
  }

  #takeFailRule(method: string, path: string): FailRule | undefined {
    const rule = this.state.failRules.find((r) => (r.method === '*' || r.method === method) && r.pattern.test(path) && r.remaining > 0);
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.state.failRules.splice(this.state.failRules.indexOf(rule), 1);
    return rule;
  }

  // ---------------------------------------------------------------- commands

  #scope(c: Ctx): { key: string; guildId: string | null; list: StoredCommand[] } {
    if (c.params.app !== this.state.applicationId) throw errors.unknownApplication();
    const guildId = c.params.guild ?? null;
    if (guildId !== null && !this.state.guilds.has(guildId)) throw errors.missingAccess();
    const key = guildId ?? '';
    let list = this.state.commands.get(key);
    if (!list) this.state.commands.set(key, (list = []));
    return { key, guildId, list };
  }

  #command(c: Ctx): StoredCommand {
    const cmd = this.#scope(c).list.find((x) => x.id === c.params.cmd);
    if (!cmd) throw errors.unknownCommand();
    return cmd;
  }

  #normalize(input: any, guildId: string | null, existing?: StoredCommand): StoredCommand {
    const type = input.type ?? 1;
    const cmd: StoredCommand = {
      id: existing?.id ?? snowflake(),
      application_id: this.state.applicationId,
      version: snowflake(),
      default_member_permissions: input.default_member_permissions ?? null,
      type,
      name: input.name,
      name_localizations: input.name_localizations ?? null,
      description: input.description ?? '',
      description_localizations: input.description_localizations ?? null,
      ...(guildId ? { guild_id: guildId } : { dm_permission: input.dm_permission ?? true }),
      contexts: input.contexts ?? null,
      integration_types: input.integration_types ?? [0],
      nsfw: input.nsfw ?? false,
      ...(input.options?.length ? { options: structuredClone(input.options) } : {}),
    };
    return cmd;
  }

  #validateCommands(list: any[]): void {
    const e = new FormErrors();
    if (!Array.isArray(list)) {
      e.add([], 'BASE_TYPE_BAD_ARRAY', 'Must be an array.');
      throw errors.invalidForm(e);
    }
    if (list.length > 100) e.add([], 'BASE_TYPE_BAD_LENGTH', 'Must be 100 or fewer in length.');
    const seen = new Set<string>();
    list.forEach((cmd, i) => {
      validateCommand(cmd, e, [i]);
      const key = `${cmd?.type ?? 1}:${cmd?.name}`;
      if (seen.has(key)) e.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
      seen.add(key);
    });
    if (e.count) throw errors.invalidForm(e);
  }

  #write(c: Ctx, guildId: string | null): void {
    this.state.commandWrites.push({ method: c.method, guildId, path: c.path, at: Date.now() });
  }

  #putCommands(c: Ctx) {
    const scope = this.#scope(c);
    this.#validateCommands(c.body);
    const next = (c.body as any[]).map((input) =>
      this.#normalize(
        input,
        scope.guildId,
        scope.list.find((x) => x.name === input.name && x.type === (input.type ?? 1)),
      ),
    );
    this.state.commands.set(scope.key, next);
    this.#write(c, scope.guildId);
    return { status: 200, body: next };
  }

  #postCommand(c: Ctx) {
    const scope = this.#scope(c);
    const e = new FormErrors();
    validateCommand(c.body, e, []);
    if (e.count) throw errors.invalidForm(e);
    const idx = scope.list.findIndex((x) => x.name === c.body.name && x.type === (c.body.type ?? 1));
    const cmd = this.#normalize(c.body, scope.guildId, idx >= 0 ? scope.list[idx] : undefined);
    if (idx >= 0) scope.list[idx] = cmd;
    else scope.list.push(cmd);
    this.#write(c, scope.guildId);
    return { status: idx >= 0 ? 200 : 201, body: cmd };
  }

  #patchCommand(c: Ctx) {
    const scope = this.#scope(c);
    const old = this.#command(c);
    const merged = { ...old, ...c.body, type: old.type };
    const e = new FormErrors();
    validateCommand(merged, e, []);
    if (e.count) throw errors.invalidForm(e);
    const cmd = this.#normalize(merged, scope.guildId, old);
    scope.list[scope.list.indexOf(old)] = cmd;
    this.#write(c, scope.guildId);
    return { status: 200, body: cmd };
  }

  #deleteCommand(c: Ctx) {
    const scope = this.#scope(c);
    const old = this.#command(c);
    scope.list.splice(scope.list.indexOf(old), 1);
    this.#write(c, scope.guildId);
    return { status: 204 };
  }

  // ---------------------------------------------------------------- interactions

  #callback(c: Ctx) {
    const h = this.state.interactions.get(c.params.id);
    if (!h || h.token !== c.params.token) throw errors.unknownInteraction();
    return this.acceptCallback(h, c.body, c.files, c.query.get('with_response') === 'true');
  }

  /**
   * Accepts a first response to an interaction, as `POST /interactions/{id}/{token}/callback` or
   * (HTTP interactions) as the body of the bot's HTTP response: validated as Discord does, then
   * recorded as the interaction's callback. Throws an HttpError when Discord would refuse it.
   */
  acceptCallback(h: InteractionHandle, rawBody: any, files: FakeAttachment[] = [], withResponse = false): { status: number; body?: unknown } {
    const state = this.state;
    const c = { body: rawBody, files };
    h.callbackAttempts++;
    if (h.callback) throw errors.alreadyAcknowledged();
    if (state.callbackDeadlineMs !== undefined && performance.now() - h.sentAt > state.callbackDeadlineMs) {
      h.expired = true;
      throw errors.unknownInteraction();
    }
    const body = c.body ?? {};
    const type = Number(body.type);
    const allowed: Record<number, number[]> = {
      [InteractionType.ApplicationCommand]: [4, 5, 9, 12],
      [InteractionType.MessageComponent]: [4, 5, 6, 7, 9, 12],
      [InteractionType.Autocomplete]: [8],
      [InteractionType.ModalSubmit]: [4, 5, 6, 7],
    };
    const e = new FormErrors();
    if (!allowed[h.type]?.includes(type)) e.add(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', `Interaction response type ${type} is not valid for interaction type ${h.type}`);
    if (type === CallbackType.ChannelMessageWithSource || type === CallbackType.UpdateMessage) validateMessageBody(body.data, e, ['data']);
    if (type === CallbackType.ApplicationCommandAutocompleteResult) validateChoices(body.data?.choices, e);
    if (e.count) throw errors.invalidForm(e);
    if (type === CallbackType.ChannelMessageWithSource && isEmptyMessage(body.data, c.files)) throw errors.emptyMessage();

    let message: any = null;
    switch (type) {
      case CallbackType.ChannelMessageWithSource:
      case CallbackType.DeferredChannelMessageWithSource: {
        const msg = createMessage(state, {
          interactionId: h.id,
          kind: 'reply',
          channelId: h.channelId,
          guildId: h.guildId,
          body: type === CallbackType.DeferredChannelMessageWithSource ? { flags: body.data?.flags ?? 0 } : body.data,
          files: c.files,
          loading: type === CallbackType.DeferredChannelMessageWithSource,
        });
        h.originalMessageId = msg.id;
        message = msg;
        break;
      }
      case CallbackType.DeferredUpdateMessage:
      case CallbackType.UpdateMessage: {
        const source = h.sourceMessageId ? state.messages.get(h.sourceMessageId) : undefined;
        if (!source || source.deleted) throw errors.unknownMessage();
        h.originalMessageId = source.id;
        if (type === CallbackType.UpdateMessage) editMessage(state, source, body.data ?? {}, c.files);
        message = source;
        break;
      }
      default:
        break;
    }
    h.callback = { type, ...(body.data !== undefined ? { data: structuredClone(body.data) } : {}), ...(c.files.length ? { files: c.files } : {}) };
    h.callbackAt = performance.now();
    state.changes.notify(h.id);

    if (withResponse) {
      return {
        status: 200,
        body: {
          interaction: {
            id: h.id,
            type: h.type,
            activity_instance_id: null,
            response_message_id: message?.id ?? null,
            response_message_loading: message ? message.loading : null,
            response_message_ephemeral: message ? message.ephemeral : null,
          },
          resource: { type, ...(message ? { message: messageToApi(state, message) } : {}) },
        },
      };
    }
    return { status: 204 };
  }

  #interactionForWebhook(c: Ctx): InteractionHandle {
    if (c.params.app !== this.state.applicationId) throw errors.unknownWebhook();
    const h = this.state.interactionsByToken.get(c.params.token);
    if (!h) throw errors.unknownWebhook();
    return h;
  }

  #webhookMessage(c: Ctx): { h: InteractionHandle; msg: import('./types.ts').FakeMessage } {
    const h = this.#interactionForWebhook(c);
    const id = c.params.msg === '@original' ? h.originalMessageId : c.params.msg;
    const msg = id ? this.state.messages.get(id) : undefined;
    const belongs = msg && (msg.interactionId === h.id || msg.id === h.originalMessageId);
    if (!msg || !belongs || msg.deleted) throw errors.unknownMessage();
    return { h, msg };
  }

  #followUp(c: Ctx) {
    const state = this.state;
    const h = this.#interactionForWebhook(c);
    if (!h.callback) throw errors.unknownWebhook();
    const e = new FormErrors();
    validateMessageBody(c.body, e, []);
    if (e.count) throw errors.invalidForm(e);
    if (isEmptyMessage(c.body, c.files)) throw errors.emptyMessage();
    const original = h.originalMessageId ? state.messages.get(h.originalMessageId) : undefined;
    let msg;
    if (h.callback.type === CallbackType.DeferredChannelMessageWithSource && original && original.loading && !original.deleted) {
      // As on Discord: the first follow-up after a deferral fills in the "thinking" message
      // (keeping the deferral's ephemeral flag).
      const { flags: _ignored, ...rest } = c.body ?? {};
      msg = editMessage(state, original, { ...rest, flags: 0 }, c.files);
      msg.editCount--; // not an edit from the bot's point of view
      h.originalEdited = true;
    } else {
      msg = createMessage(state, {
        interactionId: h.id,
        kind: 'followup',
        channelId: h.channelId,
        guildId: h.guildId,
        body: c.body,
        files: c.files,
      });
    }
    h.followUpIds.push(msg.id);
    state.changes.notify(h.id);
    if (c.query.get('wait') === 'false') return { status: 204 };
    return { status: 200, body: messageToApi(state, msg) };
  }

  #editWebhookMessage(c: Ctx) {
    const { h, msg } = this.#webhookMessage(c);
    const e = new FormErrors();
    validateMessageBody(c.body, e, []);
    if (e.count) throw errors.invalidForm(e);
    editMessage(this.state, msg, c.body ?? {}, c.files);
    if (msg.id === h.originalMessageId) h.originalEdited = true;
    this.state.changes.notify(h.id);
    return { status: 200, body: messageToApi(this.state, msg) };
  }

  #deleteWebhookMessage(c: Ctx) {
    const { h, msg } = this.#webhookMessage(c);
    msg.deleted = true;
    this.state.changes.notify(h.id);
    return { status: 204 };
  }
}

const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function validateCommand(cmd: any, e: FormErrors, path: Array<string | number>): void {
  if (!cmd || typeof cmd !== 'object') {
    e.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  const type = cmd.type ?? 1;
  if (typeof cmd.name !== 'string' || (type === 1 ? !NAME_RE.test(cmd.name) || cmd.name !== cmd.name.toLowerCase() : cmd.name.length < 1 || cmd.name.length > 32)) {
    e.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', `Command name is invalid: ${JSON.stringify(cmd.name)}`);
  }
  if (type === 1) {
    if (typeof cmd.description !== 'string' || cmd.description.length < 1 || cmd.description.length > 100) {
      e.add([...path, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
  }
  validateOptions(cmd.options, e, [...path, 'options'], 0);
}

function validateOptions(options: any, e: FormErrors, path: Array<string | number>, depth: number): void {
  if (options == null) return;
  if (!Array.isArray(options)) {
    e.add(path, 'BASE_TYPE_BAD_ARRAY', 'Must be an array.');
    return;
  }
  if (options.length > 25) e.add(path, 'BASE_TYPE_BAD_LENGTH', 'Must be 25 or fewer in length.');
  let sawOptional = false;
  const names = new Set<string>();
  options.forEach((o: any, i: number) => {
    const p = [...path, i];
    if (typeof o?.name !== 'string' || !NAME_RE.test(o.name) || o.name !== o.name.toLowerCase())
      e.add([...p, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', `Option name is invalid: ${JSON.stringify(o?.name)}`);
    if (names.has(o?.name)) e.add([...p, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
    names.add(o?.name);
    if (typeof o?.description !== 'string' || o.description.length < 1 || o.description.length > 100)
      e.add([...p, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    if (typeof o?.type !== 'number' || o.type < 1 || o.type > 11) e.add([...p, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1..11).');
    if (o?.type === 1 || o?.type === 2) {
      if (depth >= (o.type === 2 ? 1 : 2)) e.add([...p, 'type'], 'APPLICATION_COMMAND_OPTION_NESTING', 'Sub-command nesting is too deep');
      validateOptions(o.options, e, [...p, 'options'], depth + 1);
      return;
    }
    if (o?.required) {
      if (sawOptional) e.add([...p, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    } else sawOptional = true;
    if (o?.choices != null) {
      if (o.autocomplete) e.add([...p, 'autocomplete'], 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', 'Autocomplete cannot be set with choices');
      if (!Array.isArray(o.choices) || o.choices.length > 25) e.add([...p, 'choices'], 'BASE_TYPE_BAD_LENGTH', 'Must be 25 or fewer in length.');
    }
    if (o?.max_length !== undefined && (o.max_length < 1 || o.max_length > 6000)) e.add([...p, 'max_length'], 'NUMBER_TYPE_MAX', 'int value should be between 1 and 6000');
  });
}

function validateChoices(choices: any, e: FormErrors): void {
  if (!Array.isArray(choices)) {
    e.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (choices.length > 25) e.add(['data', 'choices'], 'BASE_TYPE_BAD_LENGTH', 'Must be 25 or fewer in length.');
  choices.forEach((ch: any, i: number) => {
    const name = ch?.name;
    if (typeof name !== 'string' || name.length < 1 || name.length > 100) e.add(['data', 'choices', i, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    if (typeof ch?.value === 'string' && ch.value.length > 100) e.add(['data', 'choices', i, 'value'], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
    if (ch?.value === undefined || ch?.value === null) e.add(['data', 'choices', i, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
  });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function parseBody(contentType: string | undefined, raw: Buffer): Promise<{ body: any; files: FakeAttachment[] }> {
  if (raw.length === 0) return { body: null, files: [] };
  const ct = contentType ?? '';
  if (ct.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': ct } }).formData();
    let body: any = {};
    const files: FakeAttachment[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
        else body[field] = value;
      } else {
        files.push({ field, name: value.name, contentType: value.type, size: value.size });
      }
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  if (ct.startsWith('application/json') || /^[\s]*[[{]/.test(text)) {
    try {
      return { body: JSON.parse(text), files: [] };
    } catch {
      throw new HttpError(400, { code: 50109, message: 'The request body contains invalid JSON.' });
    }
  }
  return { body: text, files: [] };
}
