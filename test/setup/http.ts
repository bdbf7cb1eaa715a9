/**
 * A small HTTP client for integration tests: keeps cookies like a browser, never follows redirects (tests assert
 * them), and sends our own Origin on every non-GET request unless told to omit or forge it.
 */
export type HttpResponse = {
  status: number;
  headers: Headers;
  /** The Location header of a redirect, or null. */
  location: string | null;
  body: string;
  bytes: Buffer;
};

type Init = { headers?: Record<string, string>; origin?: string | null };

export function createClient(baseUrl: string) {
  const origin = new URL(baseUrl).origin;
  const jar = new Map<string, string>();

  function storeCookies(headers: Headers) {
    for (const cookie of headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [key = '', val = ''] = a.trim().split('=');
        if (key.toLowerCase() === 'max-age') return Number(val) <= 0;
        if (key.toLowerCase() === 'expires') return new Date(val).getTime() <= Date.now();
        return false;
      });
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }

  async function request(
    method: string,
    path: string,
    body?: BodyInit,
    init: Init = {},
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...init.headers };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    // undefined: our origin; null: no Origin header at all; a string: that (forged) origin.
    const sentOrigin = init.origin === undefined ? origin : init.origin;
    if (method !== 'GET' && method !== 'HEAD' && sentOrigin !== null) headers.origin = sentOrigin;
    const response = await fetch(new URL(path, baseUrl), { method, headers, body, redirect: 'manual' });
    storeCookies(response.headers);
    const bytes = Buffer.from(await response.arrayBuffer());
    return {
      status: response.status,
      headers: response.headers,
      location: response.headers.get('location'),
      body: bytes.toString('utf8'),
      bytes,
    };
  }

  return {
    baseUrl,
    cookies: jar,
    get: (path: string, init?: Init) => request('GET', path, undefined, init),
    /** An HTML form post (application/x-www-form-urlencoded). */
    postForm: (path: string, fields: Record<string, string> | [string, string][], init?: Init) =>
      request('POST', path, new URLSearchParams(fields), init),
    request,
  };
}

export type HttpClient = ReturnType<typeof createClient>;

/** The value of the hidden `csrf` input on a page; throws when the page has none. */
export function csrfFrom(html: string): string {
  for (const [input] of html.matchAll(/<input\b[^>]*>/gi)) {
    if (!/\bname=["']?csrf["'\s/>]/i.test(input)) continue;
    const value = /\bvalue=(?:"([^"]*)"|'([^']*)')/i.exec(input);
    if (value) return decodeEntities(value[1] ?? value[2] ?? '');
  }
  throw new Error('no <input name="csrf"> on this page');
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
