"""Regenerate the README screenshots in docs/screenshots/ from a freshly started app in headless Chromium.

Usage: ./scripts/setup.sh --dev && .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness.serving import (  # noqa: E402
    REPO_ROOT,
    browser_unavailable_reason,
    launch_chromium,
    new_app_page,
    open_app,
    save_screenshot,
    start_streamlit,
)

OUT_DIR = REPO_ROOT / "docs" / "screenshots"
# (file name, path and query, phone?)
SHOTS = (
    ("overview-zh", "/?lang=zh", False),
    ("levels-en", "/levels?lang=en", False),
    ("explorer-zh-phone", "/explorer?lang=zh", True),
)
CHART_DRAWN = '[data-testid="stVegaLiteChart"] canvas.marks, [data-testid="stVegaLiteChart"] svg.marks'


def main() -> int:
    reason = browser_unavailable_reason()
    if reason:
        print(f"screenshots.py: {reason}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with start_streamlit(REPO_ROOT) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for name, path, phone in SHOTS:
                page = new_app_page(browser, server.url, phone=phone)
                try:
                    open_app(page, path)
                    if page.locator('[data-testid="stVegaLiteChart"]').count():
                        page.wait_for_selector(CHART_DRAWN, state="attached", timeout=15_000)
                    page.wait_for_timeout(300)  # let chart transitions finish before the picture
                    # The first screen, as a reader sees it on arrival: what a README picture should show.
                    shot = save_screenshot(page, name, directory=OUT_DIR, full_page=False)
                    print(shot.relative_to(REPO_ROOT))
                finally:
                    page.context.close()
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
