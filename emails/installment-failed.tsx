import { Button, Heading, Text } from '@react-email/components';
import { plansText } from '../app/i18n/plans';
import { formatDate, intlTag, translator, type Locale } from '../app/utils/i18n';
import { formatMoney } from '../app/utils/money';
import { Layout } from './components/layout';
import { button, heading, text } from './components/styles';

export type InstallmentFailedProps = {
  locale: Locale;
  businessName: string;
  logoUrl?: string | null;
  invoiceNumber: string;
  currency: string;
  seq: number;
  amountMinor: number;
  /** YYYY-MM-DD: the part's date. */
  dueDate: string;
  /** Stripe asked for the customer's authentication (3D Secure): only they can pay it, on the page. */
  authenticationRequired: boolean;
  /** YYYY-MM-DD of the automatic retry, or null when none is left. */
  retryOn: string | null;
  /** The plan page of the invoice (a fresh private link). */
  url: string;
};

export function installmentFailedSubject(props: InstallmentFailedProps): string {
  return translator(props.locale, plansText)('plan.email.subject', { invoice: props.invoiceNumber });
}

/** A part of an installment plan could not be charged: pay it on the page (and update the method), or wait for the retry. */
export default function InstallmentFailedEmail(props: InstallmentFailedProps) {
  const t = translator(props.locale, plansText);
  const vars = {
    n: props.seq,
    invoice: props.invoiceNumber,
    amount: formatMoney(props.amountMinor, props.currency, intlTag(props.locale)),
    date: formatDate(props.dueDate, props.locale),
  };
  return (
    <Layout
      locale={props.locale}
      businessName={props.businessName}
      logoUrl={props.logoUrl}
      preview={t('plan.email.heading')}
    >
      <Heading as="h1" style={heading}>
        {t('plan.email.heading')}
      </Heading>
      <Text style={text}>{t('plan.email.body', vars)}</Text>
      {props.authenticationRequired ? <Text style={text}>{t('plan.email.auth')}</Text> : null}
      <Text style={text}>
        {props.retryOn
          ? t('plan.email.retry', { date: formatDate(props.retryOn, props.locale) })
          : t('plan.email.noRetry')}
      </Text>
      <Button href={props.url} style={button}>
        {t('plan.email.cta')}
      </Button>
    </Layout>
  );
}
