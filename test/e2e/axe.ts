/**
 * Accessibility scans of a workbench page with axe-core, for the e2e harness (harness.ts) and the
 * smoke test.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * axe-core as @axe-core/playwright ships it, minified. `scanAxe` sends it into a frame once: the
 * library's AxeBuilder sends its 1.3 MB source into every frame and a blank page at every scan
 * (about 3 s of the 5 s a scan took here).
 */
const AXE_SOURCE = readFileSync(
  require.resolve('axe-core/axe.min.js', {
    paths: [dirname(require.resolve('@axe-core/playwright'))],
  }),
  'utf8',
);

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/**
 * axe-core's `axe.run` on the page, its frames included (all of the workbench's are same-origin):
 * the same scan as AxeBuilder's `analyze()` in legacy mode, with axe sent only into frames that
 * lack it. Every rule runs on every node; only violations are reported node by node (passes and
 * incomplete ones name their rule with one node: a selector for every passing node took about
 * half a scan). `include`: a selector to scan alone (the whole page otherwise).
 */
export async function scanAxe(page: Page, include?: string): Promise<AxeResults> {
  for (const frame of page.frames()) {
    if (!(await frame.evaluate('typeof window.axe === "object"'))) await frame.evaluate(AXE_SOURCE);
  }
  return page.evaluate(async (selector) => {
    const { axe } = window as unknown as {
      axe: { run(context: unknown, options: object): Promise<AxeResults> };
    };
    return axe.run(selector === null ? document : { include: [selector] }, {
      resultTypes: ['violations'],
    });
  }, include ?? null);
}
