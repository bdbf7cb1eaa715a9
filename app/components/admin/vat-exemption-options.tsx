import { VAT_EXEMPTIONS } from '~/modules/invoices/form-options';
import type { T } from '~/utils/i18n';

/** The choices of a VAT mention select: VAT charged (empty), then each reason for charging none. */
export function VatExemptionOptions({ t }: { t: T }) {
  return (
    <>
      <option value="">{t('vat.option.none')}</option>
      {VAT_EXEMPTIONS.map((v) => (
        <option key={v} value={v}>
          {t(`vat.option.${v}`)}
        </option>
      ))}
    </>
  );
}
