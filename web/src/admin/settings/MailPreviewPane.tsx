/**
 * A message as the server renders it for a made-up enrollment: the subject, the HTML part in a
 * sandboxed frame (no script, no same-origin access), the text part and the attachments' names.
 */
import type { MailPreview } from '../api.js';

export function MailPreviewPane({ preview, title }: { preview: MailPreview; title: string }) {
  return (
    <section className="mail-preview" aria-label={title} data-testid="mail-preview">
      <p>
        <strong>Subject:</strong> <span data-testid="preview-subject">{preview.subject}</span>
      </p>
      <iframe title={`${title} (HTML)`} sandbox="" srcDoc={preview.html} className="mail-preview-html" />
      <details>
        <summary>Plain text</summary>
        <pre data-testid="preview-text">{preview.text}</pre>
      </details>
      <p className="muted" data-testid="preview-attachments">
        {preview.attachments.length === 0
          ? 'No attachments.'
          : `Attached: ${preview.attachments.map((a) => a.filename).join(', ')}`}
      </p>
    </section>
  );
}

/** Addresses typed one per line (or separated by commas or spaces). */
export function addressList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}
