/**
 * The policy for the technician's state, shown in full before signing. Its Markdown is parsed
 * by the same module that lays out the signed PDF, so screen and paper say the same thing,
 * and it is rendered as React elements (never as HTML), so it cannot inject markup.
 */
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Block, parseMarkdownBlocks, type TextRun } from '../../../../src/shared/markdown-blocks.js';
import { getPolicy, type Policy } from '../api.js';

const loaded = new Map<string, Policy>();

type PolicyLoad = { policy: Policy | null; error: string | null };

/** The policy for `state` in `language` (the server answers in English when there is no translation). */
function usePolicy(state: string, language: string): PolicyLoad & { reload(): void } {
  const key = `${language}:${state}`;
  const [result, setResult] = useState<PolicyLoad>({ policy: loaded.get(key) ?? null, error: null });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt ("Try again") must fetch again
  useEffect(() => {
    const cached = loaded.get(key);
    if (cached) {
      setResult({ policy: cached, error: null });
      return;
    }
    const controller = new AbortController();
    setResult({ policy: null, error: null });
    getPolicy(state, language, controller.signal).then(
      (policy) => {
        loaded.set(key, policy);
        setResult({ policy, error: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const message = error instanceof Error && error.message ? error.message : ' ';
        setResult({ policy: null, error: message });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);
  return { ...result, reload: () => setAttempt((n) => n + 1) };
}

function Run({ run }: { run: TextRun }) {
  return run.bold ? <strong>{run.text}</strong> : run.text;
}

function Runs({ runs }: { runs: TextRun[] }) {
  return runs.map((run, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the runs of a block never reorder
    <Run key={index} run={run} />
  ));
}

function renderBlock(block: Block, key: number): ReactNode {
  if (block.kind === 'heading') {
    const Heading = (['h4', 'h5', 'h6'] as const)[block.level - 1] ?? 'h6';
    return (
      <Heading key={key} className={`policy-heading level-${block.level}`}>
        <Runs runs={block.runs} />
      </Heading>
    );
  }
  if (block.kind === 'paragraph') {
    return (
      <p key={key}>
        <Runs runs={block.runs} />
      </p>
    );
  }
  return (
    <li key={key} value={block.marker === '•' ? undefined : Number.parseInt(block.marker, 10)}>
      <Runs runs={block.runs} />
    </li>
  );
}

/** Consecutive list items are wrapped in one <ul> or <ol>, the rest stay as they are. */
function renderBlocks(blocks: Block[]): ReactNode[] {
  const output: ReactNode[] = [];
  let list: { ordered: boolean; items: ReactNode[] } | null = null;
  const closeList = () => {
    if (!list) return;
    const key = `list-${output.length}`;
    output.push(list.ordered ? <ol key={key}>{list.items}</ol> : <ul key={key}>{list.items}</ul>);
    list = null;
  };
  blocks.forEach((block, index) => {
    if (block.kind !== 'item') {
      closeList();
      output.push(renderBlock(block, index));
      return;
    }
    const ordered = block.marker !== '•';
    if (list && list.ordered !== ordered) closeList();
    list ??= { ordered, items: [] };
    list.items.push(renderBlock(block, index));
  });
  closeList();
  return output;
}

export function PolicyText({ state, onLoaded }: { state: string; onLoaded?: (policy: Policy | null) => void }) {
  const { t, i18n } = useTranslation();
  const { policy, error, reload } = usePolicy(state, i18n.language === 'es' ? 'es' : 'en');
  useEffect(() => onLoaded?.(policy), [policy, onLoaded]);
  if (error) {
    return (
      <div className="notice error" role="alert">
        <p>{error.trim() ? t('policy.loadFailed', { error }) : t('policy.loadFailedPlain')}</p>
        <button type="button" className="button secondary" onClick={reload}>
          {t('app.tryAgain')}
        </button>
      </div>
    );
  }
  if (!policy) return <p role="status">{t('policy.loading')}</p>;
  return (
    <section className="policy" aria-labelledby="policy-title">
      {/* The policy is in the language the company wrote it in, which may not be the page's. */}
      <h3 id="policy-title" lang={policy.language ?? 'en'}>
        {policy.title}
      </h3>
      <p className="muted">{t('policy.version', { version: policy.version })}</p>
      <section
        className="policy-text"
        aria-label={t('policy.fullText', { title: policy.title })}
        lang={policy.language ?? 'en'}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
      >
        {renderBlocks(parseMarkdownBlocks(policy.text))}
      </section>
    </section>
  );
}
