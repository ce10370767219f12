"""The WCAG rule engine (axe-core, bundled by axe-playwright-python) run on a Playwright page: shared by tests and scripts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

# WCAG 2.0-2.2 A and AA rules, plus axe's best practices (heading order, landmarks): the latter are
# reported, but only serious and critical findings fail a test.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
FAILING_IMPACTS = frozenset({"serious", "critical"})


@dataclass(frozen=True)
class Finding:
    """One axe rule that failed on a page: rule id, impact, how many elements, and the first few of them."""

    rule: str
    impact: str
    count: int
    examples: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}, {self.count}): " + " | ".join(self.examples)


def axe_findings(page) -> list[Finding]:
    """Run axe-core over the whole document of `page` and return its violations, one Finding per rule."""
    from axe_playwright_python.base import AXE_SCRIPT

    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    response = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    findings = []
    for violation in response["violations"]:
        examples = []
        for node in violation["nodes"][:3]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            examples.append(f"{node['target']} {node['html'][:140]} -> {summary[:200]}")
        findings.append(Finding(violation["id"], violation["impact"] or "", len(violation["nodes"]), tuple(examples)))
    return findings


def failing(findings: list[Finding]) -> list[Finding]:
    """The findings of serious or critical impact (the ones a test fails on)."""
    return [finding for finding in findings if finding.impact in FAILING_IMPACTS]


def tally(findings_per_page: dict[str, list[Finding]]) -> Counter:
    """(rule, impact) -> number of elements, summed over pages."""
    counts: Counter = Counter()
    for findings in findings_per_page.values():
        for finding in findings:
            counts[(finding.rule, finding.impact)] += finding.count
    return counts
