import type { LoaderFunctionArgs } from '@remix-run/node';
import { loadLogo } from '~/modules/settings/logo.server';
import { db } from '~/utils/db.server';

/**
 * A business's logo, public (the debtor page and emails show it). The type is the one sniffed at upload (PNG or
 * JPEG only, never SVG), sent with nosniff and a policy that runs nothing; the hash in the address makes it
 * immutable.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const logo = await loadLogo(db(), params.businessId ?? '', params.version ?? '');
  if (!logo) throw new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(logo.bytes), {
    headers: {
      'Content-Type': logo.contentType,
      'Content-Length': String(logo.bytes.length),
      'Content-Disposition': 'inline',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Cache-Control': 'public, max-age=31536000, immutable',
    },
  });
}
