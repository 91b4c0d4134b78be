import { readFileSync } from 'node:fs';
import { absolute } from './bundles';
import { LABELS_FILE, labelsModule } from './labels';

describe('c/contactPadLabels', () => {
  it('is current (run npm run build after changing the catalogue)', () => {
    expect(readFileSync(absolute(LABELS_FILE), 'utf8')).toBe(labelsModule());
  });

  it('names only labels the package declares', () => {
    const declared = readFileSync(
      absolute('force-app/main/default/labels/CustomLabels.labels-meta.xml'),
      'utf8',
    );
    for (const [, name] of labelsModule().matchAll(/@salesforce\/label\/c\.(\w+)/g)) {
      expect(declared).toContain(`<fullName>${name}</fullName>`);
    }
  });
});
