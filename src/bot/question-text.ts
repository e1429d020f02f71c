/**
 * What a member typed, as words to search: Discord's markup carries none of the question. User,
 * role and channel mentions, slash-command mentions, custom emoji, timestamps, @everyone / @here,
 * links and markdown markers are taken out ("<@123> who was injured? **now**" asks "who was
 * injured? now"); a mention's id, a link's host or "everyone" would otherwise be searched as
 * words the articles lack and count against every passage.
 */

/** `<@id>`, `<@!id>`, `<@&id>`, `<#id>`, `</name:id>`, `<:name:id>`, `<a:name:id>`, `<t:unix:style>`. */
const ANGLE_MARKUP = /<(?:@[!&]?\d+|#\d+|\/[^<>\s:]+(?: [^<>:]+)*:\d+|a?:\w+:\d+|t:-?\d+(?::[a-zA-Z])?)>/g;
const EVERYONE = /@(?:everyone|here)\b/gi;
const LINK = /<?\bhttps?:\/\/[^\s<>]+>?/gi;
/** Markdown markers: emphasis, strike, spoilers, code; block quotes and headings at a line's start. */
const MARKERS = /\*+|_{2,}|~~|\|\||`+|^\s*(?:>{1,3}|#{1,3})\s/gm;

export function questionText(raw: string): string {
  return raw.replace(ANGLE_MARKUP, ' ').replace(EVERYONE, ' ').replace(LINK, ' ').replace(MARKERS, ' ').replace(/\s+/g, ' ').trim();
}
