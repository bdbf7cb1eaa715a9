import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A 3 x 2 px PNG, small enough to recognise in `pdfImages` by its size. */
export const LOGO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAGElEQVR4nGOQtYqXtYr///8/A4SStYoHAFBrCNOaBW39AAAAAElFTkSuQmCC',
  'base64',
);

/**
 * The images of a PDF as poppler's `pdfimages -list` reports them, one array of fields per row: page, num, type
 * ('image', or 'smask' for an alpha channel), width, height, color, ...
 */
export function pdfImages(pdf: Buffer): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-images-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2)
      .map((row) => row.trim().split(/\s+/));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
