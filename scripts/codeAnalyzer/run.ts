/**
 * `npm run code-analyzer`: Salesforce Code Analyzer v5 (core and its PMD, CPD, ESLint, regex and
 * RetireJS engines, on Node, no sf CLI) over force-app with the AppExchange and Recommended
 * selectors. Reports go to tmp/code-analyzer/ (JSON per selector, as Code Analyzer writes it); a
 * summary is printed; the exit code is 1 when judge.ts finds a finding no justification in
 * config/code-analyzer-justifications.json answers for, a justification that answers for none,
 * or an engine that failed.
 *
 * Recommended findings in the generated bundles (scripts/build/bundles.ts) are counted and left
 * unjudged: they are esbuild's output (`var`, module constants kept for their initialisers) of
 * sources that `npm run lint` checks with stricter TypeScript rules, and the project's own lint
 * skips those files for the same reason. The AppExchange selector judges them like every file.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { BUNDLES } from '../build/bundles';
import type { Finding, Selector } from './judge';
import { judge, judged, parseJustifications, SELECTORS } from './judge';
import { tools } from './tools';

const ROOT = join(__dirname, '..', '..');
const WORKSPACE = join(ROOT, 'force-app');
const REPORTS = join(ROOT, 'tmp', 'code-analyzer');
const JUSTIFICATIONS = 'config/code-analyzer-justifications.json';
const ENGINES = ['pmd', 'eslint', 'regex', 'retirejs'];
const GENERATED = new Set(BUNDLES.map((bundle) => bundle.file));

/** The part of Code Analyzer core's API this script uses (its own types stay in its folder). */
interface Core {
  CodeAnalyzerConfig: { fromObject(data: object, configRoot?: string): unknown };
  CodeAnalyzer: new (config: unknown) => Analyzer;
  EventType: { LogEvent: string };
  LogLevel: { Error: number; Warn: number };
  OutputFormat: { JSON: string };
}
interface Analyzer {
  addEnginePlugin(plugin: unknown): Promise<void>;
  createWorkspace(paths: string[]): Promise<unknown>;
  selectRules(selectors: string[], options: { workspace: unknown }): Promise<unknown>;
  run(rules: unknown, options: { workspace: unknown }): Promise<Results>;
  onEvent(type: string, callback: (event: LogEvent) => void): void;
}
interface LogEvent {
  readonly logLevel: number;
  readonly source?: string;
  readonly message: string;
}
interface Results {
  getViolations(): Violation[];
  toFormattedOutput(format: string): string;
}
interface Violation {
  getRule(): { getName(): string; getEngineName(): string; getSeverityLevel(): number };
  getMessage(): string;
  getPrimaryLocation(): { getFile(): string | undefined; getStartLine(): number | undefined };
}

const say = (line: string) => process.stdout.write(`${line}\n`);

function findingOf(selector: Selector, violation: Violation): Finding {
  const rule = violation.getRule();
  const where = violation.getPrimaryLocation();
  const file = where.getFile();
  return {
    selector,
    rule: `${rule.getEngineName()}:${rule.getName()}`,
    severity: rule.getSeverityLevel(),
    file: file === undefined ? '(none)' : relative(ROOT, file).split(sep).join('/'),
    line: where.getStartLine() ?? 0,
    message: violation.getMessage().replace(/\s+/g, ' ').slice(0, 160),
  };
}

/** Counts by severity 1..5, as a table cell. */
function bySeverity(findings: readonly Finding[]): string {
  const counts = [1, 2, 3, 4, 5].map((level) => findings.filter((f) => f.severity === level));
  return counts.map((each) => each.length).join(' / ');
}

async function main(): Promise<number> {
  const started = Date.now();
  const load = await tools(say);
  const core = load('@salesforce/code-analyzer-core') as Core;
  mkdirSync(REPORTS, { recursive: true });
  const analyzer = new core.CodeAnalyzer(
    core.CodeAnalyzerConfig.fromObject({ log_folder: REPORTS }, ROOT),
  );
  const errors: string[] = [];
  analyzer.onEvent(core.EventType.LogEvent, (event) => {
    if (event.logLevel <= core.LogLevel.Error) errors.push(`${event.source}: ${event.message}`);
  });
  for (const engine of ENGINES) {
    const plugin = load(`@salesforce/code-analyzer-${engine}-engine`) as {
      createEnginePlugin(): unknown;
    };
    await analyzer.addEnginePlugin(plugin.createEnginePlugin());
  }
  const workspace = await analyzer.createWorkspace([WORKSPACE]);
  const findings: Finding[] = [];
  let generated = 0;
  for (const selector of SELECTORS) {
    const rules = await analyzer.selectRules([selector], { workspace });
    const results = await analyzer.run(rules, { workspace });
    writeFileSync(
      join(REPORTS, `${selector}.json`),
      results.toFormattedOutput(core.OutputFormat.JSON),
    );
    const found = results.getViolations().map((violation) => findingOf(selector, violation));
    const kept = found.filter((f) => selector === 'AppExchange' || !GENERATED.has(f.file));
    generated += found.length - kept.length;
    findings.push(...kept);
    say(
      `${selector}: ${found.length} findings (severity 1 / 2 / 3 / 4 / 5: ${bySeverity(found)})` +
        (found.length === kept.length
          ? ''
          : `, ${found.length - kept.length} in generated bundles`),
    );
  }
  const justifications = parseJustifications(
    readFileSync(join(ROOT, JUSTIFICATIONS), 'utf8'),
    JUSTIFICATIONS,
  );
  const verdict = judge(findings, justifications);
  say(
    `judged: ${findings.filter(judged).length} (AppExchange, and Recommended of severity 1-2 outside ` +
      `the ${generated} findings in generated bundles); justified ${verdict.justified.length}`,
  );
  for (const { finding, reason } of verdict.justified) {
    say(`  justified ${finding.rule} ${finding.file}:${finding.line}: ${reason}`);
  }
  for (const finding of verdict.failing) {
    say(
      `  FAIL ${finding.selector} ${finding.rule} (severity ${finding.severity}) ` +
        `${finding.file}:${finding.line}: ${finding.message}`,
    );
  }
  for (const stale of verdict.stale) {
    say(`  FAIL justification for no finding: ${stale.rule} ${stale.file} (${JUSTIFICATIONS})`);
  }
  for (const error of errors) say(`  FAIL engine error: ${error}`);
  const failed = verdict.failing.length + verdict.stale.length + errors.length;
  say(
    `code analyzer: ${failed === 0 ? 'passed' : `${failed} failing`} in ` +
      `${Math.round((Date.now() - started) / 1000)} s; reports in ${relative(ROOT, REPORTS)}/`,
  );
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`code analyzer: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
