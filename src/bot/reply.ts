import type { Responder } from './interaction.ts';
import { notice, type MessagePayload } from './payload.ts';

/**
 * Sends `payload` to the user alone, whatever state the reply is in: as the reply; over a private
 * "thinking…" placeholder; or, after a public placeholder (removed) or a reply, as a private
 * follow-up. Used for explanations and for the error funnel's apology.
 */
export async function sendPrivately(respond: Responder, payload: MessagePayload): Promise<void> {
  if (!respond.deferred && !respond.replied) {
    await respond.reply(payload, { ephemeral: true });
    return;
  }
  if (respond.deferred && !respond.replied && !respond.button) {
    if (respond.ephemeral) {
      await respond.editReply(payload);
      return;
    }
    // A public placeholder: remove it so the message can be private.
    await respond.deleteReply().catch(() => undefined);
  }
  await respond.followUp(payload, { ephemeral: true });
}

/** A short private explanation (bad input, cooldown, stale button). */
export function explain(respond: Responder, text: string): Promise<void> {
  return sendPrivately(respond, notice(text));
}

/** Sends the answer: into the "thinking…" placeholder when the reply was deferred, else as the reply. */
export async function send(respond: Responder, payload: MessagePayload, options: { ephemeral: boolean }): Promise<void> {
  if (respond.deferred) await respond.editReply(payload);
  else await respond.reply(payload, { ephemeral: options.ephemeral });
}
