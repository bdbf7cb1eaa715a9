const MAX_FORM_BYTES = 1024 * 1024;

/**
 * Reads a POSTed form. Bodies over 1 MiB get a 413 (the framework has no cap; our largest form is far below it). A body the platform cannot parse as a form (wrong content type, broken multipart) and any
 * value holding a NUL character (PostgreSQL text cannot store one, so it would fail at the first write or search)
 * are refused with a 400 before any route logic runs.
 */
export async function readForm(request: Request): Promise<FormData> {
  const bytes = await readCapped(request);
  if (!bytes) throw new Response('Form too large. / Formulaire trop volumineux.', { status: 413 });
  let form: FormData;
  try {
    const type = request.headers.get('content-type') ?? '';
    form = await new Request(request.url, {
      method: 'POST',
      headers: { 'content-type': type },
      body: new Uint8Array(bytes),
    }).formData();
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

/**
 * The body, or null past MAX_FORM_BYTES. An oversized body is still read to its end (and dropped): answering before
 * the client has finished sending would leave its upload, and so its wait for our answer, hanging.
 */
async function readCapped(request: Request): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size <= MAX_FORM_BYTES) chunks.push(value);
  }
  if (size > MAX_FORM_BYTES) return null;
  return Buffer.concat(chunks);
}

function refuse(message: string): Response {
  return new Response(message, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** A search typed in a query string: trimmed, bounded, without control characters (NUL breaks the query). */
export function searchText(value: string | null, max = 100): string {
  return (value ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim()
    .slice(0, max);
}
