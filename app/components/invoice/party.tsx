import type { PartySnapshot } from '~/modules/invoices/types';
import type { T } from '~/utils/i18n';

export function Party({ title, party, t }: { title: string; party: PartySnapshot; t: T }) {
  return (
    <div>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{title}</h3>
      <address className="mt-1 text-sm not-italic leading-6 text-slate-800">
        <span className="font-semibold text-slate-900">{party.name}</span>
        {party.legalForm ? <span className="block text-slate-600">{party.legalForm}</span> : null}
        {party.addressLines.map((line) => (
          <span key={line} className="block">
            {line}
          </span>
        ))}
        {party.siren ? (
          <span className="block text-slate-600">
            {t('party.siren')} {party.siren}
          </span>
        ) : null}
        {party.vatNumber ? (
          <span className="block text-slate-600">
            {t('party.vat')} {party.vatNumber}
          </span>
        ) : null}
      </address>
    </div>
  );
}
