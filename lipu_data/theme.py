"""Design tokens and the one registered Altair theme ("lipu") every chart uses."""

from __future__ import annotations

import altair as alt

# Fonts that exist on readers' systems and render Chinese; Noto CJK is what Debian ships.
FONT_STACK = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", sans-serif'

# Okabe-Ito's hues, distinguishable with the common colour-vision deficiencies, darkened where needed so every
# mark has at least 3:1 contrast against the white background (WCAG 1.4.11; docs/accessibility.md): orange
# #E69F00 (2.25:1), sky blue #56B4E9 (2.31:1) and yellow #F0E442 (1.32:1) became a dark orange, a grey and
# an olive; tests/test_charts.py checks the ratio of each.
PALETTE = ("#0072B2", "#B35C00", "#008060", "#B5508A", "#767676", "#D55E00", "#8A7500", "#000000")
BACKGROUND = "#FFFFFF"
STATED_COLOR = PALETTE[0]
DERIVED_COLOR = PALETTE[1]
TEXT_COLOR = "#222222"
GRID_COLOR = "#E6E6E6"
FONT_SIZE = 13
TITLE_SIZE = 16


@alt.theme.register("lipu", enable=True)
def lipu_theme() -> alt.theme.ThemeConfig:
    """Readable sizes, the CJK font stack and the colour-blind-safe palette."""
    return {
        "config": {
            "font": FONT_STACK,
            "background": BACKGROUND,
            "view": {"stroke": None, "continuousWidth": 400, "continuousHeight": 260},
            "title": {"fontSize": TITLE_SIZE, "anchor": "start", "color": TEXT_COLOR, "font": FONT_STACK},
            "axis": {
                "labelFontSize": FONT_SIZE,
                "titleFontSize": FONT_SIZE,
                "labelColor": TEXT_COLOR,
                "titleColor": TEXT_COLOR,
                "gridColor": GRID_COLOR,
                "labelFont": FONT_STACK,
                "titleFont": FONT_STACK,
                "labelLimit": 220,
            },
            "legend": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE, "labelFont": FONT_STACK,
                       "titleFont": FONT_STACK, "orient": "bottom"},
            "range": {"category": list(PALETTE)},
            "text": {"font": FONT_STACK, "fontSize": FONT_SIZE},
        }
    }
