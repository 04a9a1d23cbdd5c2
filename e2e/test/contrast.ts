import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

// axe-core's colour-contrast rule, the one Lighthouse's accessibility score uses, run in the page: text
// below 4.5:1 (3:1 for large text) against what is really behind it, tints and transparency included.
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface ContrastViolation {
  target: string;
  summary: string;
}

export async function contrastViolations(page: Page): Promise<ContrastViolation[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, { runOnly: ['color-contrast'] });
    return result.violations.flatMap((violation) =>
      violation.nodes.map((node) => ({ target: node.target.join(' '), summary: node.failureSummary ?? '' })),
    );
  });
}
