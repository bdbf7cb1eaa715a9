import { type FieldMetadata, type FormMetadata } from '@conform-to/react';
import { ErrorList, Field, SelectField } from '~/components/forms/field';
import { FRENCH_TAX_RATES, MAX_LINES } from '~/modules/invoices/form-options';
import type { InvoiceFormInput } from '~/modules/invoices/invoice-form.server';
import { intlTag } from '~/utils/i18n';
import { minorDigits } from '~/utils/money';
import { secondaryButton } from './ui';
import { useAdminT } from './use-admin';

type Line = InvoiceFormInput['lines'][number];

type Props = {
  form: FormMetadata<InvoiceFormInput, string[]>;
  lines: FieldMetadata<Line[], InvoiceFormInput, string[]>;
  currency: string;
  /** The rate a new line starts with: 0 once the invoice states why it charges no VAT. */
  defaultTaxRate: string;
};

const small = 'block text-xs font-medium text-slate-700';

/** One fieldset per line; "add" and "remove" are submit buttons carrying conform intents (no JavaScript needed). */
export function InvoiceLinesEditor({ form, lines, currency, defaultTaxRate }: Props) {
  const { locale, t } = useAdminT();
  const percent = (r: string) => `${new Intl.NumberFormat(intlTag(locale)).format(Number(r))} %`;
  const list = lines.getFieldList();
  const digits = minorDigits(currency);

  return (
    <div className="mt-4 space-y-3">
      <ErrorList id={lines.errorId} errors={lines.errors} />
      <ol className="space-y-3">
        {list.map((line, index) => {
          const f = line.getFieldset();
          const rate = String(f.taxRate.initialValue ?? '');
          return (
            <li key={line.key}>
              <fieldset className="rounded-xl border border-slate-200 bg-slate-50/60 p-3 sm:p-4">
                <legend className="px-1 text-sm font-semibold text-slate-900">
                  {t('new.line.legend', { n: index + 1 })}
                </legend>
                <div className="grid grid-cols-2 gap-3 sm:grid-cols-6 lg:grid-cols-12">
                  <Field
                    meta={f.description}
                    label={t('new.line.description')}
                    labelClassName={small}
                    className="col-span-2 sm:col-span-6 lg:col-span-5"
                    inputProps={{ required: true, maxLength: 1000 }}
                  />
                  <Field
                    meta={f.quantity}
                    label={t('new.line.quantity')}
                    labelClassName={small}
                    className="lg:col-span-1"
                    inputProps={{
                      inputMode: 'decimal',
                      required: true,
                      className: 'text-right tabular-nums',
                    }}
                  />
                  <Field
                    meta={f.unit}
                    label={t('new.line.unit')}
                    labelClassName={small}
                    className="lg:col-span-1"
                    inputProps={{ maxLength: 20 }}
                  />
                  <Field
                    meta={f.unitPrice}
                    label={`${t('new.line.unitPrice')} (${currency})`}
                    labelClassName={small}
                    className="sm:col-span-2 lg:col-span-2"
                    inputProps={{
                      inputMode: 'decimal',
                      required: true,
                      placeholder: new Intl.NumberFormat(intlTag(locale), {
                        minimumFractionDigits: digits,
                      }).format(0),
                      className: 'text-right tabular-nums',
                    }}
                  />
                  <SelectField
                    meta={f.taxRate}
                    label={t('new.line.taxRate')}
                    labelClassName={small}
                    className="sm:col-span-2 lg:col-span-2"
                  >
                    {rate && !(FRENCH_TAX_RATES as readonly string[]).includes(rate) ? (
                      <option value={rate}>{rate} %</option>
                    ) : null}
                    {FRENCH_TAX_RATES.map((r) => (
                      <option key={r} value={r}>
                        {percent(r)}
                      </option>
                    ))}
                  </SelectField>
                  <div className="col-span-2 flex items-end sm:col-span-6 lg:col-span-1 lg:justify-end">
                    {list.length > 1 ? (
                      <button
                        {...form.remove.getButtonProps({ name: lines.name, index })}
                        className="rounded-lg px-2 py-2 text-sm font-medium text-red-800 underline underline-offset-2 hover:bg-red-50"
                      >
                        <span aria-hidden className="hidden lg:inline">
                          ✕
                        </span>
                        <span className="lg:sr-only">{t('new.line.remove', { n: index + 1 })}</span>
                      </button>
                    ) : null}
                  </div>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {list.length < MAX_LINES ? (
        <button
          {...form.insert.getButtonProps({
            name: lines.name,
            defaultValue: { quantity: '1', taxRate: defaultTaxRate },
          })}
          aria-describedby={lines.errors?.length ? lines.errorId : undefined}
          className={secondaryButton}
        >
          + {t('new.line.add')}
        </button>
      ) : null}
    </div>
  );
}
