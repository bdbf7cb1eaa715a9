import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { openInvoicePage } from '~/modules/statements/open-invoice-page.server';
import { requireStatementForToken } from '~/modules/statements/statement-page.server';
import { pickLocale } from '~/utils/i18n';

/**
 * From the statement to one invoice's own page. Invoice tokens are stored hashed, so a fresh invoice link is minted
 * here, for this customer's own invoices only; anything else is the same 404 as a bad token.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { customer } = await requireStatementForToken(request, params.token, context);
  const url = await openInvoicePage(customer.customerId, params.id ?? '');
  if (!url) throw new Response(null, { status: 404 });
  return redirect(`${url}?lang=${pickLocale(request)}`, { status: 303 });
}
