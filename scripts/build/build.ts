/** `npm run build`: writes the generated LWC service module and the bridge static resource. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { absolute, BUNDLES, buildText } from './bundles';

async function main(): Promise<void> {
  for (const bundle of BUNDLES) {
    const { text, imports } = await buildText(bundle);
    mkdirSync(dirname(absolute(bundle.file)), { recursive: true });
    writeFileSync(absolute(bundle.file), text);
    const external = imports.length === 0 ? 'no imports' : `imports ${imports.join(', ')}`;
    console.log(`${bundle.file}: ${text.length} bytes, ${external}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
