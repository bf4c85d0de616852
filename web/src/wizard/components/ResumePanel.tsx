import { useState } from 'react';
import { ApiError, emailResumeLink } from '../api.js';
import { resumeLink } from '../services/resume-code.js';

/** The resume code and link, to continue this enrollment on another device. */
export function ResumePanel({ code }: { code: string }) {
  const link = resumeLink(code);
  const [copied, setCopied] = useState(false);
  const [emailed, setEmailed] = useState<string | null>(null);
  const sendLink = async () => {
    try {
      const { to } = await emailResumeLink(code);
      setEmailed(`A link to continue was sent to ${to}.`);
    } catch (error) {
      setEmailed(error instanceof ApiError ? error.message : 'The link could not be sent; try again.');
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <aside className="resume-panel" aria-labelledby="resume-title">
      <h2 id="resume-title" className="resume-title">
        Continue later or on another device
      </h2>
      <p>
        Your answers are saved as you go. Your resume code is{' '}
        <strong className="resume-code" data-testid="resume-code">
          {code}
        </strong>
        .
      </p>
      <p className="resume-link">
        Or open <a href={link}>{link}</a>
      </p>
      {typeof navigator.clipboard?.writeText === 'function' ? (
        <button type="button" className="button secondary small" onClick={() => void copy()}>
          Copy link
        </button>
      ) : null}
      <button type="button" className="button secondary small" onClick={() => void sendLink()}>
        E-mail me a link to continue
      </button>
      <span role="status" className="muted" data-testid="resume-status">
        {copied ? ' Link copied.' : ''}
        {emailed ? ` ${emailed}` : ''}
      </span>
    </aside>
  );
}
