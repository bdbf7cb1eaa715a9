import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { openInvoicePage } from '~/modules/statements/open-invoice-page.server';
import { requireStatementForToken } from '~/modules/statements/statement-page.server';
import { pickLocale } from '~/utils/i18n';
import { consume, limits } from '~/utils/rate-limit.server';

/**
 * From the statement to one invoice's own page. Invoice tokens are stored hashed, so a fresh invoice link is minted
 * here, for this customer's own invoices only; anything else is the same 404 as a bad token.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { customer } = await requireStatementForToken(request, params.token, context);
  // Each visit mints a link: counted like the debtor pages' posts, so a script cannot mint them by the thousand.
  if (!(await consume(limits.debtorPost(), context.clientIp))) throw new Response(null, { status: 429 });
  const url = await openInvoicePage(customer.customerId, params.id ?? '');
  if (!url) throw new Response(null, { status: 404 });
  return redirect(`${url}?lang=${pickLocale(request)}`, { status: 303 });
}
