/** A file attached to an e-mail, read from the file store when the message is sent. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** One rendered e-mail: the same facts in `text` and `html`. */
export interface MailMessage {
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
  attachments: readonly MailAttachment[];
}

const MAX_HEADER_CHARS = 200;

/**
 * A value fit for a header such as the subject: one line (CR, LF and other controls become
 * spaces, so a name cannot start a header of its own) and at most 200 characters.
 */
export function headerText(value: string): string {
  const line = withoutControls(value).replace(/\s+/g, ' ').trim();
  return line.length <= MAX_HEADER_CHARS ? line : `${line.slice(0, MAX_HEADER_CHARS - 1)}…`;
}

/** Control characters (and the Unicode line separators) replaced by a space. */
function withoutControls(value: string, replacement = ' '): string {
  let out = '';
  for (const character of value) {
    const code = character.codePointAt(0) ?? 0;
    out += code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 ? replacement : character;
  }
  return out;
}

/** Text for an HTML body: every character that could open markup or an attribute is escaped. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A file name safe for an attachment: no path, no controls, no quotes, bounded. */
export function attachmentName(value: string): string {
  const name = withoutControls(value, '_')
    .replace(/["\\/]+/g, '_')
    .trim();
  return (name || 'file').slice(-120);
}
