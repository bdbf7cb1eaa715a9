import type { LoaderFunctionArgs } from '@remix-run/node';
import { messageFile } from '~/i18n/message-files.server';

/**
 * A page's dictionary as JSON (`/i18n/debtor.fr.json?v=<version>`). The versioned URL never changes content, so it
 * is cached for a year; any other version gets the current file, not cached.
 */
export function loader({ request, params }: LoaderFunctionArgs) {
  const file = messageFile(params.file ?? '');
  if (!file) throw new Response('Not found', { status: 404 });
  const current = new URL(request.url).searchParams.get('v') === file.version;
  return new Response(file.body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  });
}
