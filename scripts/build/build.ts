/**
 * `npm run build`: writes the generated LWC service module, the bridge static resource and the
 * catalogue's labels module.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { absolute, BUNDLES, buildText } from './bundles';
import { LABELS_FILE, labelsModule } from './labels';

async function main(): Promise<void> {
  for (const bundle of BUNDLES) {
    const { text, imports } = await buildText(bundle);
    mkdirSync(dirname(absolute(bundle.file)), { recursive: true });
    writeFileSync(absolute(bundle.file), text);
    const external = imports.length === 0 ? 'no imports' : `imports ${imports.join(', ')}`;
    console.log(`${bundle.file}: ${text.length} bytes, ${external}`);
  }
  const labels = labelsModule();
  mkdirSync(dirname(absolute(LABELS_FILE)), { recursive: true });
  writeFileSync(absolute(LABELS_FILE), labels);
  console.log(`${LABELS_FILE}: ${labels.length} bytes`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
