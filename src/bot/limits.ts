import type { APIEmbed } from 'discord.js';

/** Discord's limits on what a message may hold. */
export const LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  author: 256,
  /** Sum of title, description, field names and values, footer and author, over all embeds. */
  total: 6000,
  content: 2000,
  buttonLabel: 80,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Characters that count towards Discord's 6000 per message. */
export function embedSize(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** Every limit a payload breaks (empty when it fits): used by the tests and as a last check. */
export function limitProblems(payload: { content?: string; embeds?: APIEmbed[]; components?: unknown[] }): string[] {
  const problems: string[] = [];
  if ((payload.content?.length ?? 0) > LIMITS.content) problems.push(`content ${payload.content!.length}`);
  let total = 0;
  for (const e of payload.embeds ?? []) {
    if ((e.title?.length ?? 0) > LIMITS.title) problems.push(`title ${e.title!.length}`);
    if ((e.description?.length ?? 0) > LIMITS.description) problems.push(`description ${e.description!.length}`);
    if ((e.footer?.text.length ?? 0) > LIMITS.footer) problems.push(`footer ${e.footer!.text.length}`);
    if ((e.author?.name.length ?? 0) > LIMITS.author) problems.push(`author ${e.author!.name.length}`);
    if ((e.fields?.length ?? 0) > LIMITS.fields) problems.push(`fields ${e.fields!.length}`);
    for (const f of e.fields ?? []) {
      if (f.name.length > LIMITS.fieldName || f.name.length === 0) problems.push(`field name ${f.name.length}`);
      if (f.value.length > LIMITS.fieldValue || f.value.length === 0) problems.push(`field value ${f.value.length}`);
    }
    total += embedSize(e);
  }
  if (total > LIMITS.total) problems.push(`total ${total}`);
  if ((payload.embeds?.length ?? 0) > 10) problems.push(`embeds ${payload.embeds!.length}`);
  const rows = (payload.components ?? []) as { components?: { custom_id?: string; label?: string }[] }[];
  if (rows.length > 5) problems.push(`rows ${rows.length}`);
  for (const row of rows) {
    if ((row.components?.length ?? 0) > 5) problems.push(`buttons ${row.components!.length}`);
    for (const c of row.components ?? []) {
      if ((c.custom_id?.length ?? 0) > 100) problems.push(`custom_id ${c.custom_id!.length}`);
      if ((c.label?.length ?? 0) > LIMITS.buttonLabel) problems.push(`label ${c.label!.length}`);
    }
  }
  return problems;
}
