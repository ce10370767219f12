"""Where a filter choice's browser time goes, counted rather than timed: React fibers per element kind on a view,
and React commits and re-rendered fibers per choice, for the interactions bench/run.py times and its blank select.

    .venv/bin/python bench/react_work.py             # prints three markdown tables (about 2 min)
    .venv/bin/python bench/react_work.py --choices 3

A minimal React DevTools hook is installed before the page loads: React calls its `onCommitFiberRoot` on every
commit, production builds included. A fiber counts as re-rendered in a commit when its props object is not the
one it had before (a subtree React skips keeps its fibers' props). Each fiber is counted under the element it
draws into: the test id of the element container around its nearest DOM node ("sidebar:" in the sidebar), or of
the nearest layout block ("layout:"). The hook walks the whole tree inside every commit, which slows the page,
so this script takes no timings; bench/run.py does, and bench/findings.md (round 6) reads the two together.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from bench.run import (  # noqa: E402
    BLANK_SELECT, INTERACTIONS, QUERY, VIEWPORT, Interaction, _choose, chromium, interaction_options, printed_choice,
    settle_on,
)
from harness.serving import new_app_page, open_app, start_streamlit, wait_for_script  # noqa: E402

_HOOK_JS = """
(() => {
  const hostOf = (fiber) => { let f = fiber; while (f && !(f.stateNode instanceof Element)) f = f.child; return f && f.stateNode; };
  const kindOf = (node) => {
    if (!node || !node.isConnected) return null;
    const container = node.closest('[data-testid="stElementContainer"]');
    const where = node.closest('[data-testid="stSidebar"]') ? 'sidebar:' : '';
    if (container) return where + (container.firstElementChild?.getAttribute('data-testid') || '?');
    const block = node.closest('[data-testid]');
    return where + 'layout:' + (block ? block.getAttribute('data-testid') : 'root');
  };
  // Visit every fiber under `root`; `visit(fiber, kind)` gets the kind of the element it draws into.
  const walk = (root, visit) => {
    const stack = [[root.current.child, 'app frame']];
    while (stack.length) {
      let [fiber, inherited] = stack.pop();
      for (; fiber; fiber = fiber.sibling) {
        const kind = kindOf(hostOf(fiber)) || inherited;
        visit(fiber, kind);
        if (fiber.child) stack.push([fiber.child, kind]);
      }
    }
  };
  window.__lipuReact = {
    root: null, commits: 0, rerendered: {},
    reset() { this.commits = 0; this.rerendered = {}; },
    fibers() { const counts = {}; walk(this.root, (f, kind) => { counts[kind] = (counts[kind] || 0) + 1; }); return counts; },
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true, renderers: new Map(), isDisabled: false,
    inject() { return 1; }, checkDCE() {}, onScheduleFiberRoot() {}, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {},
    onCommitFiberRoot(id, root) {
      const state = window.__lipuReact;
      state.root = root;
      state.commits += 1;
      walk(root, (fiber, kind) => {
        if (fiber.alternate === null || fiber.memoizedProps !== fiber.alternate.memoizedProps) {
          state.rerendered[kind] = (state.rerendered[kind] || 0) + 1;
        }
      });
    },
  };
})();
"""


# One element kind per line of a probe app that draws ten of it: its fibers are (total - empty page) / 10.
ELEMENT_PROBES = {
    "st.metric (value only)": 'st.metric("Label", "12")',
    "st.metric with delta and help (our figure cards)": 'st.metric("Label", "12", delta="+1", help="source", border=True)',
    "st.selectbox": 'st.selectbox("Label", ["a", "b"], key=f"s{i}")',
    "st.subheader": 'st.subheader("Heading")',
    "st.subheader(anchor=False)": 'st.subheader("Heading", anchor=False)',
    "st.caption / st.markdown": 'st.caption("A caption")',
    "st.text": 'st.text("A text")',
    "st.expander (closed)": 'st.expander("Label")',
    "st.html": 'st.html("<div>text</div>")',
}


def _probe_app() -> str:
    """The probe app's source: `?probe=N` draws ten elements of the Nth kind, no parameter none."""
    lines = ["import streamlit as st", 'probe = st.query_params.get("probe", "")', "for i in range(10):"]
    lines += [f"    {'elif' if n else 'if'} probe == '{n}': {code}" for n, code in enumerate(ELEMENT_PROBES.values())]
    return "\n".join(lines) + "\n"


def _open(browser, base_url: str, path: str):
    page = new_app_page(browser, base_url, viewport=VIEWPORT)
    page.context.add_init_script(_HOOK_JS)
    open_app(page, path)
    return page


def _sidebar(counts: dict[str, int]) -> int:
    return sum(value for kind, value in counts.items() if kind.startswith("sidebar:"))


def _top(counts: dict[str, int], n: int = 6) -> str:
    return ", ".join(f"{kind} {value}" for kind, value in sorted(counts.items(), key=lambda item: -item[1])[:n])


def measure(browser, base_url: str, interaction: Interaction, choices: int,
            shows_choice: bool) -> tuple[list[dict], list[dict]]:
    """Views (fibers by kind once settled) and choices (commits and re-rendered fibers from the click until the
    page is ready, as bench/run.py's clock runs) for the two options of `interaction` on one page."""
    page = _open(browser, base_url, f"{interaction.path}?{QUERY}")
    label = interaction.label
    try:
        options = interaction_options(page, label, interaction.positions)
        text = printed_choice if shows_choice else (lambda option: None)
        views, charts = [], []
        for option in options:  # warm-up: each view once, its fibers and chart count
            charts.append(settle_on(page, label, option, text(option)))
            views.append({"view": f"{interaction.path} {option}", "fibers": page.evaluate("window.__lipuReact.fibers()")})
        per_option: list[list[tuple[int, dict]]] = [[], []]
        for _ in range(choices):
            for position in (0, 1):
                page.evaluate("window.__lipuReact.reset()")
                _choose(page, label, options[position], text(options[position]), charts[position])
                commits, rerendered = page.evaluate("[window.__lipuReact.commits, window.__lipuReact.rerendered]")
                per_option[position].append((commits, rerendered))
                wait_for_script(page, min_runs=1)
        rows = []
        for position in (0, 1):
            samples = per_option[position]
            rows.append({
                "choice": f"{interaction.path} to '{options[position]}' (from '{options[1 - position]}')",
                "page_fibers": sum(views[position]["fibers"].values()),
                "commits": statistics.median(commits for commits, _ in samples),
                "rerendered": statistics.median(sum(counts.values()) for _, counts in samples),
                "sidebar": statistics.median(_sidebar(counts) for _, counts in samples),
            })
        return views, rows
    finally:
        page.context.close()


def element_fibers(browser) -> dict[str, float]:
    """Fibers one element of each ELEMENT_PROBES kind adds to a page (blank_select's config)."""
    workdir = Path(tempfile.mkdtemp(prefix="lipu-probe-"))
    try:
        shutil.copytree(BLANK_SELECT / ".streamlit", workdir / ".streamlit")
        (workdir / "app.py").write_text(_probe_app(), encoding="utf-8")
        with start_streamlit(workdir) as probe:
            page = _open(browser, probe.url, "/")
            try:
                empty = sum(page.evaluate("window.__lipuReact.fibers()").values())
                found = {}
                for number, name in enumerate(ELEMENT_PROBES):
                    open_app(page, f"/?probe={number}")
                    found[name] = (sum(page.evaluate("window.__lipuReact.fibers()").values()) - empty) / 10
                return found
            finally:
                page.context.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--choices", type=int, default=5, help="choices of each option (medians over these)")
    args = parser.parse_args(argv)
    views, rows = [], []
    with chromium() as browser:
        per_element = element_fibers(browser)
        with start_streamlit(BLANK_SELECT) as blank:
            found = measure(browser, blank.url, Interaction("/", "Level", title="blank select"), args.choices,
                            shows_choice=True)
            views += found[0]
            rows += found[1]
        with start_streamlit() as app:
            for interaction in INTERACTIONS:
                found = measure(browser, app.url, interaction, args.choices, shows_choice=False)
                views += found[0]
                rows += found[1]
    print("| element | fibers each |\n|---|---|")
    for name, fibers in per_element.items():
        print(f"| {name} | {fibers:.0f} |")
    print("\n| view (settled) | fibers | of them in the sidebar | largest kinds |\n|---|---|---|---|")
    for view in views:
        counts = view["fibers"]
        print(f"| {view['view']} | {sum(counts.values())} | {_sidebar(counts)} | {_top(counts)} |")
    print(f"\n| choice (medians of {args.choices}) | fibers on the new view | commits | re-rendered fibers "
          "| of them in the sidebar | re-rendered per commit |\n|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['choice']} | {row['page_fibers']} | {row['commits']:.0f} | {row['rerendered']:.0f} "
              f"| {row['sidebar']:.0f} | {row['rerendered'] / max(row['commits'], 1):.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
