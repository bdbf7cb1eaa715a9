const MAX_FORM_BYTES = 1024 * 1024;

/**
 * Reads a POSTed form. Bodies over 1 MiB (declared length) get a 413. A body the platform cannot parse as a form (wrong content type, broken multipart) and any
 * value holding a NUL character (PostgreSQL text cannot store one, so it would fail at the first write or search)
 * are refused with a 400 before any route logic runs.
 */
export async function readForm(request: Request): Promise<FormData> {
  // Our largest form (a letter template, an invoice of many lines) is far below this; the framework has no cap.
  if (Number(request.headers.get('content-length') ?? 0) > MAX_FORM_BYTES) {
    throw new Response('Form too large. / Formulaire trop volumineux.', { status: 413 });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw refuse('This form could not be read. / Ce formulaire est illisible.');
  }
  for (const [name, value] of form) {
    if (name.includes('\u0000') || (typeof value === 'string' && value.includes('\u0000'))) {
      throw refuse(
        'A field contains a character that is not allowed (NUL). / Un champ contient un caractère interdit (NUL).',
      );
    }
  }
  return form;
}

function refuse(message: string): Response {
  return new Response(message, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** A search typed in a query string: trimmed, bounded, without control characters (NUL breaks the query). */
export function searchText(value: string | null, max = 100): string {
  return (value ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, max);
}
