import { useFetcher } from '@remix-run/react';
import { EmbeddedPaymentForm } from '~/components/invoice/embedded-payment-form';
import type { Locale, T } from '~/utils/i18n';

export type PlanSession = { clientSecret: string; publishableKey: string; amountMinor: number };

/**
 * Stripe's Payment Element for a plan payment (first part, a part, the rest), the same flow as the invoice page's:
 * confirmed in place, then read back by the server, whose answer reloads the page's data. The PaymentIntent saves
 * the method for the next parts.
 */
export function PlanPayment(props: {
  session: PlanSession;
  stripeJs: string;
  csrf: string;
  currency: string;
  mandate: string;
  locale: Locale;
  t: T;
}) {
  const { csrf, t } = props;
  const sync = useFetcher({ key: 'plan-returned' });
  return (
    <EmbeddedPaymentForm
      {...props}
      payingLabel={t('pay.paying')}
      failureId="plan-pay-failure"
      onConfirmed={(intent) =>
        sync.submit({ csrf, intent: 'payment-returned', paymentIntentId: intent.id }, { method: 'post' })
      }
    />
  );
}
