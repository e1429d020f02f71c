/**
 * Bytes → text with the charset the server or the document names: a byte-order mark, else the
 * Content-Type header's `charset`, else `<meta charset>` / `<meta http-equiv>` or the XML
 * declaration near the top, else UTF-8. WHATWG labels: `iso-8859-1` reads as windows-1252,
 * as browsers do. An unknown label falls back to UTF-8; undecodable bytes become U+FFFD.
 */
export function decodeText(bytes: Uint8Array, contentType?: string | null): string {
  const label = bomCharset(bytes) ?? headerCharset(contentType) ?? declaredCharset(bytes) ?? 'utf-8';
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  const text = decoder.decode(bytes);
  // Node decodes windows-1252 (and so ISO-8859-1) bytes 0x80–0x9F as C1 controls, where
  // browsers read curly quotes, dashes, the euro sign.
  return decoder.encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252[c.charCodeAt(0) - 0x80] || c) : text;
}

/** Windows-1252's characters for 0x80–0x9F ('' where it has none). */
const WINDOWS_1252 = ['€', '', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '', 'Ž', '', '', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '', 'ž', 'Ÿ'];

function headerCharset(contentType: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  return m ? m[1].toLowerCase() : null;
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** The charset a document declares in its first 2 KB (read as Latin-1, which any ASCII-based charset survives). */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1].toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  // A page that says UTF-16 in ASCII cannot be UTF-16 (the HTML standard reads it as UTF-8).
  return meta ? meta[1].toLowerCase().replace(/^utf-16(be|le)?$/, 'utf-8') : null;
}
