"""Run the WCAG rule engine (axe-core) over every page, both languages, on a desktop and a phone (default text size)
and a phone at the largest text size; print findings by rule.

Usage: ./scripts/setup.sh --dev && .venv/bin/python scripts/a11y_scan.py [--details]
The table it prints is the one recorded in docs/accessibility.md.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lipu_data.sitemap import PAGES  # noqa: E402
from harness.a11y import axe_findings  # noqa: E402
from harness.serving import (  # noqa: E402
    REPO_ROOT,
    browser_unavailable_reason,
    launch_chromium,
    new_app_page,
    open_app,
    start_streamlit,
)

CHART_DRAWN = '[data-testid="stVegaLiteChart"] canvas.marks, [data-testid="stVegaLiteChart"] svg.marks'


def main() -> int:
    reason = browser_unavailable_reason()
    if reason:
        print(f"a11y_scan.py: {reason}", file=sys.stderr)
        return 1
    details = "--details" in sys.argv
    from playwright.sync_api import sync_playwright

    elements: dict[tuple[str, str], int] = defaultdict(int)
    views: dict[tuple[str, str], set[str]] = defaultdict(set)
    scanned = 0
    with start_streamlit(REPO_ROOT) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for form, phone, size in (("desktop", False, ""), ("phone", True, ""), ("phone-large", True, "&size=l")):
                app_page = new_app_page(browser, server.url, phone=phone)
                try:
                    for info in PAGES:
                        for lang in ("zh", "en"):
                            open_app(app_page, f"/{info.url_path}?lang={lang}{size}")
                            if info.has_charts:
                                app_page.wait_for_selector(CHART_DRAWN, state="attached", timeout=30_000)
                            view = f"{info.key}-{lang}-{form}"
                            scanned += 1
                            for finding in axe_findings(app_page):
                                elements[(finding.rule, finding.impact)] += finding.count
                                views[(finding.rule, finding.impact)].add(view)
                                if details:
                                    print(f"{view}: {finding}")
                finally:
                    app_page.context.close()
        finally:
            browser.close()
    print(f"{scanned} views scanned")
    print("| rule | impact | elements | views |")
    print("|---|---|---|---|")
    for (rule, impact), count in sorted(elements.items(), key=lambda item: (-item[1], item[0])):
        print(f"| {rule} | {impact} | {count} | {len(views[(rule, impact)])} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
