import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError, emailResumeLink } from '../api.js';
import { resumeLink } from '../services/resume-code.js';

/** The resume code and link, to continue this enrollment on another device. */
export function ResumePanel({ code }: { code: string }) {
  const link = resumeLink(code);
  const [copied, setCopied] = useState(false);
  const [emailed, setEmailed] = useState<string | null>(null);
  const { t } = useTranslation();
  const sendLink = async () => {
    try {
      const { to } = await emailResumeLink(code);
      setEmailed(t('resume.emailed', { to }));
    } catch (error) {
      setEmailed(error instanceof ApiError ? error.message : t('resume.emailFailed'));
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
        {t('resume.title')}
      </h2>
      <p>
        <Trans
          i18nKey="resume.code"
          values={{ code }}
          components={{ strong: <strong className="resume-code" data-testid="resume-code" /> }}
        />
      </p>
      <p className="resume-link">
        {t('resume.open')} <a href={link}>{link}</a>
      </p>
      {typeof navigator.clipboard?.writeText === 'function' ? (
        <button type="button" className="button secondary small" onClick={() => void copy()}>
          {t('resume.copy')}
        </button>
      ) : null}
      <button type="button" className="button secondary small" onClick={() => void sendLink()}>
        {t('resume.email')}
      </button>
      <span role="status" className="muted" data-testid="resume-status">
        {copied ? ` ${t('resume.copied')}` : ''}
        {emailed ? ` ${emailed}` : ''}
      </span>
    </aside>
  );
}
