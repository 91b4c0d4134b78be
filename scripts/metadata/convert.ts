/**
 * Source to Metadata API format with @salesforce/source-deploy-retrieve, as a deploy or a package
 * version build would do it (honours the nearest .forceignore), and what the output must not ship.
 */
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { relative, sep } from 'node:path';
import { filesUnder } from './xmlFiles';

export interface Converted {
  /** `Type:fullName` of every component converted. */
  readonly components: readonly string[];
  /** Every file written, relative to the output folder. */
  readonly files: readonly string[];
}

/** Converts a source folder into outputDir (package.xml plus one folder per type). */
export async function convertToMetadata(sourceDir: string, outputDir: string): Promise<Converted> {
  const set = ComponentSet.fromSource({ fsPaths: [sourceDir] });
  await new MetadataConverter().convert(set, 'metadata', {
    type: 'directory',
    outputDirectory: outputDir,
    genUniqueDir: false,
  });
  return {
    components: set.toArray().map((c) => `${c.type.name}:${c.fullName}`),
    files: filesUnder(outputDir).map((f) => relative(outputDir, f).split(sep).join('/')),
  };
}

/** Files a deploy must not carry: TypeScript, tests, READMEs, tooling configs. */
export function shippedProblems(files: readonly string[]): string[] {
  return files
    .filter(
      (f) =>
        /\.ts$/.test(f) ||
        /(^|\/)__tests__\//.test(f) ||
        /\.test\.js$/.test(f) ||
        /(^|\/)README\.md$/i.test(f) ||
        /(^|\/)(jsconfig|tsconfig)\.json$/.test(f),
    )
    .map((f) => `${f}: must not ship`);
}
