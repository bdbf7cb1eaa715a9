import { useState } from 'react';
import type { T } from '~/utils/i18n';
import { secondaryButton } from './ui';

/**
 * The debtor link right after it was minted. Only its hash is stored, so this is the one time it can be shown:
 * a read-only field (select it by keyboard, no script needed) and a copy button.
 */
export function OneTimeLink({ url, t }: { url: string; t: T }) {
  const [copied, setCopied] = useState(false);
  return (
    <section
      aria-labelledby="link-once-title"
      className="rounded-2xl border border-amber-300 bg-amber-50 p-5 shadow-sm"
    >
      <h2 id="link-once-title" className="text-base font-semibold text-amber-950">
        {t('link.once.title')}
      </h2>
      <p className="mt-1 text-sm text-amber-950">{t('link.once.body')}</p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="min-w-0 flex-1">
          <label htmlFor="debtor-url" className="block text-xs font-medium text-amber-950">
            {t('link.once.label')}
          </label>
          <input
            id="debtor-url"
            readOnly
            value={url}
            onFocus={(e) => e.currentTarget.select()}
            className="mt-1 block w-full rounded-lg border border-amber-300 bg-white px-3 py-2 font-mono text-xs text-slate-900"
          />
        </div>
        <button
          type="button"
          className={secondaryButton}
          onClick={() =>
            void navigator.clipboard?.writeText(url).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {t('link.copy')}
        </button>
      </div>
      <p role="status" className="mt-2 min-h-5 text-sm font-medium text-amber-950">
        {copied ? t('link.copied') : ''}
      </p>
    </section>
  );
}
