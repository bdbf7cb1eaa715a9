import { redirect, type LoaderFunctionArgs } from '@remix-run/node';

/** The dashboard comes later; for now the admin area opens on the invoice list. */
export function loader({ request }: LoaderFunctionArgs) {
  throw redirect(`/admin/invoices${new URL(request.url).search}`);
}
