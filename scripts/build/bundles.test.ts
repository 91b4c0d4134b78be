import { readFileSync } from 'node:fs';
import { absolute, BUNDLES, buildText } from './bundles';

describe('generated package files', () => {
  it.each(BUNDLES.map((bundle) => [bundle.file, bundle] as const))(
    '%s is current (run npm run build after changing src/)',
    async (_file, bundle) => {
      const { text } = await buildText(bundle);
      expect(readFileSync(absolute(bundle.file), 'utf8')).toBe(text);
    },
  );

  it.each(BUNDLES.map((bundle) => [bundle.file, bundle] as const))(
    '%s imports nothing but platform modules',
    async (_file, bundle) => {
      const { imports } = await buildText(bundle);
      for (const name of imports) expect(name).toMatch(/^(lwc|lightning\/|@salesforce\/)/);
    },
  );
});
