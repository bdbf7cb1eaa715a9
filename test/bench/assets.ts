import { gzipSync } from 'node:zlib';

/** Gzipped bytes of the JavaScript and CSS a page loads (scripts, module preloads and stylesheets). */
export async function pageAssetSizes(
  baseUrl: string,
  html: string,
): Promise<{ jsGzip: number; cssGzip: number }> {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) js.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) js.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*href="([^"]+)"[^>]*rel="modulepreload"/g)) js.add(m[1]!);
  for (const m of html.matchAll(/import\s*(?:[^'"]*from\s*)?["']([^"']+\.js)["']/g)) js.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)) css.add(m[1]!);
  const size = async (urls: Set<string>) => {
    let total = 0;
    for (const url of urls) {
      const body = Buffer.from(await (await fetch(new URL(url, baseUrl))).arrayBuffer());
      total += gzipSync(body).length;
    }
    return total;
  };
  return { jsGzip: await size(js), cssGzip: await size(css) };
}
