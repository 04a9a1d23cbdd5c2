/**
 * Renders public/favicon.svg into the PNG icons the web app manifest and iOS need, with the system's
 * Chromium (Debian: apt-get install chromium). Run after changing the SVG: `pnpm --filter @posy/webapp icons`.
 * The PNGs are committed; builds do not run this.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface IconSpec {
  file: string;
  size: number;
  /** Maskable icons fill the square and keep the artwork inside the central 80% safe zone. */
  maskable?: boolean;
}

const icons: IconSpec[] = [
  { file: 'icon-192.png', size: 192 },
  { file: 'icon-512.png', size: 512 },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
  // iOS rounds the corners itself and shows transparency as black, so this one is full-bleed too.
  { file: 'apple-touch-icon.png', size: 180, maskable: true },
];

const svg = await readFile(`${publicDir}favicon.svg`, 'utf8');
const fullBleed = svg
  .replace(
    /<rect [^>]*rx="112"[^>]*\/>/,
    '<rect width="512" height="512" fill="#c0406a"/><g transform="translate(256 256) scale(0.8) translate(-256 -256)">',
  )
  .replace(/<\/svg>\s*$/, '</g></svg>');

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--headless'],
});
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const source = icon.maskable ? fullBleed : svg;
    const dataUrl = `data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}`;
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${dataUrl}" width="${icon.size}" height="${icon.size}"></body></html>`,
    );
    await page.screenshot({ path: `${publicDir}${icon.file}`, omitBackground: true });
    await page.close();
    console.log(`public/${icon.file} (${icon.size}×${icon.size})`);
  }
} finally {
  await browser.close();
}
