/**
 * `npm run build:workbench`: bundles the workbench page (src/workbench/app) with the real ContactPad
 * components from force-app/main/default/lwc, compiled by @lwc/rollup-plugin, into dist/workbench.
 *
 * - One alias record per bundle (`c/<name>`): the SFDX layout has no namespace folder.
 * - `lightning/*` base components come from lightning-base-components; the platform modules
 *   ContactPad imports that exist only in an org come from src/workbench/platform (alias records
 *   listed first, so they win).
 * - `@salesforce/label/c.*` is read from CustomLabels.labels-meta.xml at build time;
 *   `@salesforce/apex/*` maps to the stand-ins.
 * - TypeScript bundles are stripped of types before the LWC compiler (which rejects TS syntax).
 */
import { transform } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import type { OutputPlugin, Plugin } from 'rollup';
import { rollup } from 'rollup';
import ts from 'typescript';

export const ROOT = resolve(__dirname, '..', '..');
export const OUT_DIR = join(ROOT, 'dist', 'workbench');
const APP_DIR = join(ROOT, 'src', 'workbench', 'app');
const PLATFORM_DIR = join(ROOT, 'src', 'workbench', 'platform');
const LWC_DIR = join(ROOT, 'force-app', 'main', 'default', 'lwc');
const LABELS_FILE = join(
  ROOT,
  'force-app',
  'main',
  'default',
  'labels',
  'CustomLabels.labels-meta.xml',
);

/** The platform modules ContactPad imports, mapped to the workbench's stand-ins. */
const PLATFORM_MODULES: Readonly<Record<string, string>> = {
  'lightning/platformWorkspaceApi': 'lightning/platformWorkspaceApi.js',
  'lightning/platformUtilityBarApi': 'lightning/platformUtilityBarApi.js',
};

/** ContactPadSetupController's Setup methods, each a stand-in of the same name in setupApex.js. */
const SETUP_METHODS = [
  'listServices',
  'createService',
  'renameService',
  'removeService',
  'listAgents',
  'saveAgent',
  'removeAgent',
  'searchUsers',
  'getSettings',
  'saveSettings',
] as const;

/**
 * `@salesforce/apex/...` imports: each becomes a small module that re-exports a stand-in, as
 * `[file in src/workbench/platform, exported name]`.
 */
const APEX_METHODS: Readonly<Record<string, readonly [file: string, name: string]>> = {
  'ContactPadSessionController.getSession': ['apex.js', 'getSession'],
  'ContactPadSessionController.saveCallLog': ['apex.js', 'saveCallLog'],
  'ContactPadCaseController.takeCase': ['caseApex.js', 'takeCase'],
  'ContactPadCaseController.releaseCase': ['caseApex.js', 'releaseCase'],
  'ContactPadSupervisorController.getSupervisorSession': [
    'supervisorApex.js',
    'getSupervisorSession',
  ],
  ...Object.fromEntries(
    SETUP_METHODS.map((name) => [`ContactPadSetupController.${name}`, ['setupApex.js', name]]),
  ),
};

export interface BundleAlias {
  readonly name: string;
  readonly path: string;
}

/** One alias record per LWC bundle folder that has `<name>.ts` or `<name>.js`. */
export function bundleAliases(lwcDir = LWC_DIR): BundleAlias[] {
  const aliases: BundleAlias[] = [];
  for (const entry of readdirSync(lwcDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    for (const ext of ['ts', 'js']) {
      const path = join(lwcDir, entry.name, `${entry.name}.${ext}`);
      if (existsSync(path)) {
        aliases.push({ name: `c/${entry.name}`, path });
        break;
      }
    }
  }
  return aliases;
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
  '&amp;': '&',
};

/** Custom Labels by full name, read from the package's labels file. */
export function readLabels(file = LABELS_FILE): Map<string, string> {
  const xml = readFileSync(file, 'utf8');
  const labels = new Map<string, string>();
  for (const block of xml.match(/<labels>[\s\S]*?<\/labels>/g) ?? []) {
    const name = /<fullName>([^<]+)<\/fullName>/.exec(block)?.[1]?.trim();
    const value = /<value>([\s\S]*?)<\/value>/.exec(block)?.[1];
    if (name === undefined || value === undefined) continue;
    labels.set(
      name,
      value.replace(/&(lt|gt|quot|apos|amp);/g, (entity) => XML_ENTITIES[entity] ?? entity),
    );
  }
  return labels;
}

const VIRTUAL = '\0workbench:';

/** Resolves `@salesforce/label/c.*` and `@salesforce/apex/*`. */
function salesforceModules(labels: Map<string, string>, missing: Set<string>): Plugin {
  const platform = (file: string) => JSON.stringify(join(PLATFORM_DIR, file));
  return {
    name: 'workbench-salesforce-modules',
    resolveId(source) {
      if (source.startsWith('@salesforce/label/c.') || source.startsWith('@salesforce/apex/')) {
        return VIRTUAL + source;
      }
      return null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const source = id.slice(VIRTUAL.length);
      if (source.startsWith('@salesforce/label/c.')) {
        const name = source.slice('@salesforce/label/c.'.length);
        const value = labels.get(name);
        if (value === undefined) missing.add(name);
        return `export default ${JSON.stringify(value ?? `[${name}]`)};`;
      }
      const standIn = APEX_METHODS[source.slice('@salesforce/apex/'.length)];
      if (standIn === undefined) {
        this.error(`no workbench stand-in for ${source}: add one to src/workbench/platform`);
      }
      const [file, name] = standIn;
      return `export { ${name} as default } from ${platform(file)};`;
    },
  };
}

const DEV = process.env['WORKBENCH_DEV'] === '1';

/** Minifies each output chunk with esbuild. */
function minify(): OutputPlugin {
  return {
    name: 'contactpad-minify',
    async renderChunk(code) {
      const result = await transform(code, { minify: true, format: 'esm', target: 'es2020' });
      return { code: result.code, map: null };
    },
  };
}

/**
 * Resolves a relative import with no extension to its `.ts` file or folder `index.ts` (the page's
 * models in src/workbench/models and the protocol they read); the LWC plugin would look for `.js`.
 */
function typescriptImports(): Plugin {
  return {
    name: 'workbench-typescript-imports',
    resolveId(source, importer) {
      if (importer === undefined || !source.startsWith('.') || extname(source) !== '') return null;
      const from = dirname(importer.split('?')[0] ?? importer);
      for (const candidate of [`${source}.ts`, join(source, 'index.ts')]) {
        const path = resolve(from, candidate);
        if (existsSync(path)) return path;
      }
      return null;
    },
  };
}

/** Strips TypeScript from `.ts` bundle files (ids may carry a `?specifier=` query). */
function stripTypes(): Plugin {
  return {
    name: 'workbench-strip-types',
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!file.endsWith('.ts') || id.startsWith('\0')) return null;
      const out = ts.transpileModule(code, {
        fileName: file,
        compilerOptions: {
          target: ts.ScriptTarget.ESNext,
          module: ts.ModuleKind.ESNext,
          experimentalDecorators: false,
          useDefineForClassFields: true,
          verbatimModuleSyntax: false,
        },
      });
      return { code: out.outputText, map: null };
    },
  };
}

export interface BuildResult {
  readonly outDir: string;
  readonly files: string[];
  readonly bytes: number;
  readonly missingLabels: string[];
  readonly warnings: string[];
  readonly ms: number;
}

export async function buildWorkbench(outDir = OUT_DIR): Promise<BuildResult> {
  const started = Date.now();
  const labels = readLabels();
  const missing = new Set<string>();
  const warnings: string[] = [];
  const modules = [
    ...Object.entries(PLATFORM_MODULES).map(([name, file]) => ({
      name,
      path: join(PLATFORM_DIR, file),
    })),
    ...bundleAliases(),
    // The page's own components: modules/<namespace>/<name>/<name>.js (wb/console...).
    { dir: join(APP_DIR, 'modules') },
    { npm: 'lightning-base-components' },
  ];
  const bundle = await rollup({
    input: join(APP_DIR, 'main.js'),
    plugins: [
      salesforceModules(labels, missing),
      replace({
        preventAssignment: true,
        values: {
          'import.meta.env.SSR': 'false',
          // Production mode, as an org serves it; WORKBENCH_DEV=1 turns on the LWC engine's dev-mode
          // checks (warnings on the console), as a sandbox in debug mode.
          'process.env.NODE_ENV': JSON.stringify(DEV ? 'development' : 'production'),
        },
      }),
      typescriptImports(),
      stripTypes(),
      // lightning-combobox calls attachInternals, which synthetic shadow allows only with this flag.
      lwc({
        rootDir: APP_DIR,
        modules,
        enableDynamicComponents: true,
        enableSyntheticElementInternals: true,
      }),
    ],
    onwarn(warning) {
      // lightning-base-components is full of these; they say nothing about ContactPad.
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
      warnings.push(warning.message);
    },
  });
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const { output } = await bundle.write({
    dir: outDir,
    format: 'esm',
    entryFileNames: 'app.js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    // Minified like an org's production mode, so the page loads as fast as ContactPad would.
    plugins: DEV ? [] : [minify()],
  });
  await bundle.close();
  for (const file of ['index.html', 'softphone.html', 'workbench.css']) {
    copyFileSync(join(APP_DIR, file), join(outDir, file));
  }
  let bytes = 0;
  for (const item of output) {
    bytes += item.type === 'chunk' ? item.code.length : item.source.length;
  }
  return {
    outDir,
    files: output.map((item) => item.fileName),
    bytes,
    missingLabels: [...missing].sort(),
    warnings,
    ms: Date.now() - started,
  };
}

async function main(): Promise<void> {
  // `--out <dir>`: somewhere else than dist/workbench (the e2e test builds into test-results/).
  const at = process.argv.indexOf('--out');
  const out = at >= 0 ? process.argv[at + 1] : undefined;
  const result = await buildWorkbench(out === undefined ? OUT_DIR : resolve(out));
  for (const warning of result.warnings) console.warn(`warning: ${warning}`);
  if (result.missingLabels.length > 0) {
    console.warn(`labels missing from CustomLabels: ${result.missingLabels.join(', ')}`);
  }
  console.log(
    `${relative(ROOT, result.outDir)}: ${result.files.length} files, ` +
      `${(result.bytes / 1024 / 1024).toFixed(1)} MB in ${result.ms} ms`,
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
