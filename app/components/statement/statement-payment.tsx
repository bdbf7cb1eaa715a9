import { useFetcher } from '@remix-run/react';
import { EmbeddedPaymentForm } from '~/components/invoice/embedded-payment-form';
import type { Share } from '~/modules/statements/allocate';
import type { Locale, T } from '~/utils/i18n';

export const RETURNED_KEY = 'statement-returned';

export type StatementSession = {
  clientSecret: string;
  publishableKey: string;
  amountMinor: number;
  shares: Share[];
};

/**
 * Stripe's Payment Element for one statement payment (one currency), confirmed in place; the server then reads the
 * PaymentIntent back, and the page's data (every invoice's balance) reloads with its answer.
 */
export function StatementPayment(props: {
  session: StatementSession;
  stripeJs: string;
  csrf: string;
  currency: string;
  onDone: (outcome: { status: 'succeeded' | 'processing'; amountMinor: number }) => void;
  locale: Locale;
  t: T;
}) {
  const { csrf, onDone, t } = props;
  const sync = useFetcher({ key: RETURNED_KEY });
  return (
    <EmbeddedPaymentForm
      {...props}
      payingLabel={t('statement.pay.paying')}
      failureId="statement-pay-failure"
      onConfirmed={(intent) => {
        sync.submit({ csrf, intent: 'payment-returned', paymentIntentId: intent.id }, { method: 'post' });
        onDone({
          status: intent.status === 'succeeded' ? 'succeeded' : 'processing',
          amountMinor: intent.amount,
        });
      }}
    />
  );
}
