import { useState } from 'react';

/** Makes a link absolute: the server may answer with a path (`/?resume=…`) or a full URL. */
export function absoluteLink(link: string): string {
  return new URL(link, window.location.origin).toString();
}

/** A link to hand to someone: shown in full, selectable, with a copy button that says it worked. */
export function CopyLink({ link, label }: { link: string; label: string }) {
  const url = absoluteLink(link);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="copy-link">
      <label>
        <span className="copy-link-label">{label}</span>
        <input type="text" readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
      </label>
      <button type="button" className="button secondary small" onClick={() => void copy()}>
        Copy link
      </button>
      <span role="status" className="muted">
        {copied === 'copied' ? 'Copied.' : copied === 'failed' ? 'Copy failed: select the link and copy it.' : ''}
      </span>
    </div>
  );
}
