import { textOf } from './admin-client';

/**
 * The message shown beside a field, as a screen reader finds it: the control named `name` is marked invalid and
 * its aria-describedby points at an error list. For a radio group, the fieldset's aria-describedby is read (pass
 * `group: true`). Null when the field carries no error.
 */
export function fieldError(html: string, name: string, opts: { group?: boolean } = {}): string | null {
  const escaped = name.replace(/[.[\]]/g, '\\$&');
  const control = opts.group
    ? new RegExp(
        `<fieldset\\b[^>]*aria-describedby="([^"]*)"[^>]*>(?:(?!</fieldset>)[\\s\\S])*?name="${escaped}"`,
      ).exec(html)?.[0]
    : new RegExp(`<(?:input|select|textarea)\\b[^>]*\\bname="${escaped}"[^>]*>`).exec(html)?.[0];
  if (!control || (!opts.group && !/aria-invalid="true"/.test(control))) return null;
  const ids = /aria-describedby="([^"]+)"/.exec(control)?.[1]?.split(' ') ?? [];
  for (const id of ids) {
    const block = new RegExp(`<ul id="${id.replace(/[.[\]]/g, '\\$&')}"[^>]*>([\\s\\S]*?)</ul>`).exec(
      html,
    )?.[1];
    if (block) return textOf(block).trim();
  }
  return null;
}
