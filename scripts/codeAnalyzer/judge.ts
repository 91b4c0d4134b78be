/**
 * What fails the Code Analyzer check (docs/SECURITY-REVIEW.md, section 7): every AppExchange
 * finding, and every Critical or High finding of the Recommended selector, unless a line of the
 * reviewed justification file answers for it. A justification names a rule and a file and gives
 * one reason; it answers for one finding (two findings of a rule in a file need two lines). A
 * justification that answers for nothing fails too, so that the file stays what reviewers read.
 */

export const SELECTORS = ['AppExchange', 'Recommended'] as const;
export type Selector = (typeof SELECTORS)[number];

/** Code Analyzer's severities: 1 Critical, 2 High, 3 Moderate, 4 Low, 5 Info. */
export const HIGHEST_JUDGED_SEVERITY = 2;

export interface Finding {
  readonly selector: Selector;
  /** `engine:rule`, as Code Analyzer names it (e.g. `pmd:ProtectSensitiveData`). */
  readonly rule: string;
  readonly severity: number;
  /** Relative to the project root, with `/`. */
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export interface Justification {
  readonly rule: string;
  readonly file: string;
  readonly reason: string;
}

export interface Verdict {
  /** Findings that fail the check. */
  readonly failing: Finding[];
  /** Findings a justification answers for. */
  readonly justified: { readonly finding: Finding; readonly reason: string }[];
  /** Justifications that answer for no finding. */
  readonly stale: Justification[];
}

/** Whether the check looks at a finding at all (the others are reported, never failing). */
export function judged(finding: Finding): boolean {
  return finding.selector === 'AppExchange' || finding.severity <= HIGHEST_JUDGED_SEVERITY;
}

const keyOf = (item: { readonly rule: string; readonly file: string }) =>
  `${item.rule}\u0000${item.file}`;

/**
 * The verdict on the findings of both selectors. A finding both selectors report (same rule, file
 * and line) is judged once.
 */
export function judge(findings: readonly Finding[], justifications: readonly Justification[]) {
  const seen = new Set<string>();
  const unique = findings.filter((finding) => {
    const id = `${keyOf(finding)}\u0000${finding.line}`;
    if (!judged(finding) || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  const open = new Map<string, Justification[]>();
  for (const justification of justifications) {
    const key = keyOf(justification);
    open.set(key, [...(open.get(key) ?? []), justification]);
  }
  const verdict: Verdict = { failing: [], justified: [], stale: [] };
  for (const finding of unique) {
    const answer = open.get(keyOf(finding))?.shift();
    if (answer === undefined) verdict.failing.push(finding);
    else verdict.justified.push({ finding, reason: answer.reason });
  }
  for (const left of open.values()) verdict.stale.push(...left);
  return verdict;
}

/** The justification file's entries, or an error naming the first bad one. */
export function parseJustifications(text: string, source: string): Justification[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: not JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new Error(`${source}: expected an array of justifications`);
  return parsed.map((entry: unknown, index) => {
    const item = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<
      string,
      unknown
    >;
    const { rule, file, reason } = item;
    const keys = Object.keys(item).sort().join(',');
    if (
      keys !== 'file,reason,rule' ||
      typeof rule !== 'string' ||
      !/^[\w-]+:[\w@/.-]+$/.test(rule) ||
      typeof file !== 'string' ||
      !file.startsWith('force-app/') ||
      typeof reason !== 'string' ||
      reason.trim().length < 20 ||
      reason.includes('\n')
    ) {
      throw new Error(
        `${source}[${index}]: expected { rule: "engine:Rule", file: "force-app/...", reason: "one line of at least 20 characters" }`,
      );
    }
    return { rule, file, reason };
  });
}
