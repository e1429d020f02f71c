import { snowflake as snowflakeLike } from './snowflake.ts';
import type { FakeState } from './state.ts';
import type { FakeAttachment, FakeMessage } from './types.ts';
import { isoNow } from './util.ts';

export const EPHEMERAL = 64;
export const LOADING = 128;

/** A Discord-style "Invalid Form Body" error collector. */
export class FormErrors {
  readonly errors: Record<string, any> = {};
  count = 0;
  add(path: Array<string | number>, code: string, message: string): void {
    let node = this.errors;
    for (const key of path) node = node[String(key)] ??= {};
    (node._errors ??= []).push({ code, message });
    this.count++;
  }
  body(): { code: number; message: string; errors: Record<string, any> } {
    return { code: 50035, message: 'Invalid Form Body', errors: this.errors };
  }
}

function maxLen(e: FormErrors, path: Array<string | number>, value: unknown, max: number, min = 0): number {
  if (value === undefined || value === null) return 0;
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  if (s.length > max) e.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  if (s.length < min) e.add(path, 'BASE_TYPE_MIN_LENGTH', `Must be ${min} or more in length.`);
  return s.length;
}

/** Validates a message body (create or edit) against Discord's documented limits. */
export function validateMessageBody(body: any, e: FormErrors, prefix: Array<string | number>): void {
  if (!body || typeof body !== 'object') return;
  maxLen(e, [...prefix, 'content'], body.content, 2000);
  if (body.embeds != null) {
    if (!Array.isArray(body.embeds)) e.add([...prefix, 'embeds'], 'BASE_TYPE_BAD_ARRAY', 'Must be an array.');
    else {
      if (body.embeds.length > 10) e.add([...prefix, 'embeds'], 'BASE_TYPE_BAD_LENGTH', 'Must be 10 or fewer in length.');
      let total = 0;
      body.embeds.forEach((embed: any, i: number) => {
        const p = [...prefix, 'embeds', i];
        total += maxLen(e, [...p, 'title'], embed?.title, 256);
        total += maxLen(e, [...p, 'description'], embed?.description, 4096);
        total += maxLen(e, [...p, 'footer', 'text'], embed?.footer?.text, 2048);
        total += maxLen(e, [...p, 'author', 'name'], embed?.author?.name, 256);
        maxLen(e, [...p, 'url'], embed?.url, 2048);
        const fields = embed?.fields ?? [];
        if (fields.length > 25) e.add([...p, 'fields'], 'BASE_TYPE_BAD_LENGTH', 'Must be 25 or fewer in length.');
        fields.forEach((f: any, j: number) => {
          total += maxLen(e, [...p, 'fields', j, 'name'], f?.name, 256, 1);
          total += maxLen(e, [...p, 'fields', j, 'value'], f?.value, 1024, 1);
          if (f?.name == null) e.add([...p, 'fields', j, 'name'], 'BASE_TYPE_REQUIRED', 'This field is required');
          if (f?.value == null) e.add([...p, 'fields', j, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
        });
      });
      if (total > 6000) e.add([...prefix, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
    }
  }
  if (body.components != null) {
    if (!Array.isArray(body.components)) e.add([...prefix, 'components'], 'BASE_TYPE_BAD_ARRAY', 'Must be an array.');
    else {
      if (body.components.length > 5) e.add([...prefix, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be 5 or fewer in length.');
      body.components.forEach((row: any, i: number) => {
        const p = [...prefix, 'components', i];
        if (row?.type !== 1) return; // only classic action rows are checked
        const items = row.components ?? [];
        if (items.length < 1 || items.length > 5) e.add([...p, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
        items.forEach((c: any, j: number) => {
          const q = [...p, 'components', j];
          if (c?.type === 2) {
            maxLen(e, [...q, 'label'], c.label, 80);
            if (c.style === 5) {
              if (!c.url) e.add([...q, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
            } else if (c.style !== 6) {
              if (!c.custom_id) e.add([...q, 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
              maxLen(e, [...q, 'custom_id'], c.custom_id, 100, 1);
            }
          } else if (c?.custom_id !== undefined) {
            maxLen(e, [...q, 'custom_id'], c.custom_id, 100, 1);
          }
        });
      });
      const ids = new Set<string>();
      for (const row of body.components) {
        for (const c of row?.components ?? []) {
          if (typeof c?.custom_id !== 'string') continue;
          if (ids.has(c.custom_id)) e.add([...prefix, 'components'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
          ids.add(c.custom_id);
        }
      }
    }
  }
  if (body.allowed_mentions?.parse != null) {
    for (const p of body.allowed_mentions.parse) {
      if (!['users', 'roles', 'everyone'].includes(p)) e.add([...prefix, 'allowed_mentions', 'parse'], 'ENUM_TYPE_COERCE', `Value "${p}" is not a valid enum value.`);
    }
  }
}

export function isEmptyMessage(body: any, files: FakeAttachment[]): boolean {
  const has = (v: unknown): boolean => (Array.isArray(v) ? v.length > 0 : typeof v === 'string' ? v.length > 0 : false);
  return !has(body?.content) && !has(body?.embeds) && !has(body?.components) && files.length === 0 && !body?.poll;
}

function attachmentsFor(files: FakeAttachment[]): any[] {
  const list: any[] = [];
  files.forEach((f, i) => {
    list.push({ id: String(i), filename: f.name, size: f.size, content_type: f.contentType, url: `https://cdn.invalid/${f.name}` });
  });
  return list;
}

/** Creates and stores a message. */
export function createMessage(
  state: FakeState,
  init: { interactionId: string; kind: 'reply' | 'followup'; channelId: string; guildId: string | null; body: any; files: FakeAttachment[]; loading?: boolean },
): FakeMessage {
  const body = init.body ?? {};
  const flags = ((Number(body.flags) || 0) & ~LOADING) | (init.loading ? LOADING : 0);
  const msg: FakeMessage = {
    id: snowflakeLike(),
    channelId: init.channelId,
    guildId: init.guildId,
    interactionId: init.interactionId,
    kind: init.kind,
    content: body.content ?? '',
    embeds: (body.embeds ?? []).map((e: any) => ({ type: 'rich', ...e })),
    components: body.components ?? [],
    flags,
    ephemeral: (flags & EPHEMERAL) !== 0,
    loading: (flags & LOADING) !== 0,
    allowedMentions: body.allowed_mentions ?? null,
    attachments: attachmentsFor(init.files),
    editCount: 0,
    deleted: false,
    createdAt: isoNow(),
    editedAt: null,
    history: [init.body ?? {}],
  };
  state.messages.set(msg.id, msg);
  state.changes.notify();
  return msg;
}

/** Applies an edit (PATCH or type-7 update): only the fields present are replaced. */
export function editMessage(state: FakeState, msg: FakeMessage, body: any, files: FakeAttachment[]): FakeMessage {
  body ??= {};
  if ('content' in body) msg.content = body.content ?? '';
  if ('embeds' in body) msg.embeds = (body.embeds ?? []).map((e: any) => ({ type: 'rich', ...e }));
  if ('components' in body) msg.components = body.components ?? [];
  if ('allowed_mentions' in body) msg.allowedMentions = body.allowed_mentions ?? null;
  if ('attachments' in body || files.length) msg.attachments = attachmentsFor(files);
  // Ephemeral cannot be changed by an edit; the LOADING flag is cleared by the first edit; other
  // flags (e.g. 4 SUPPRESS_EMBEDS) are replaced when the edit sends `flags`.
  const kept = 'flags' in body && body.flags != null ? Number(body.flags) || 0 : msg.flags;
  msg.flags = (msg.flags & EPHEMERAL) | (kept & ~(EPHEMERAL | LOADING));
  msg.ephemeral = (msg.flags & EPHEMERAL) !== 0;
  msg.loading = false;
  msg.editCount++;
  msg.editedAt = isoNow();
  msg.history.push(body);
  state.changes.notify();
  return msg;
}

/** The message as Discord's REST API / gateway would return it. */
export function messageToApi(state: FakeState, msg: FakeMessage): any {
  const interaction = state.interactions.get(msg.interactionId);
  const user = interaction ? state.user(interaction.userId) : state.users[0];
  return {
    id: msg.id,
    type: msg.kind === 'reply' && interaction?.type === 2 ? 20 : msg.kind === 'reply' ? 19 : 0,
    channel_id: msg.channelId,
    author: { ...state.botUser },
    content: msg.content,
    embeds: msg.embeds,
    components: msg.components,
    attachments: msg.attachments,
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: msg.createdAt,
    edited_timestamp: msg.editedAt,
    flags: msg.flags,
    webhook_id: state.applicationId,
    application_id: state.applicationId,
    position: 0,
    interaction_metadata: interaction
      ? {
          id: interaction.id,
          type: interaction.type,
          user,
          authorizing_integration_owners: interaction.payload.authorizing_integration_owners ?? {},
          ...(msg.kind === 'followup' && interaction.originalMessageId ? { original_response_message_id: interaction.originalMessageId } : {}),
          ...(interaction.type === 3 && interaction.sourceMessageId ? { interacted_message_id: interaction.sourceMessageId } : {}),
        }
      : undefined,
  };
}
