"""Accessibility without a browser: chart colours' contrast, meaning beyond colour, the text size (size=) in links
and charts, the menu's current page, the document language script, and the chat browser's download hint."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lipu_data import app_frame, chart_fit, charts, markdown, tables, theme
from lipu_data.i18n import t
from tests.apptest_helpers import chart_specs, info_texts, open_page, share_codes

WECHAT_UA = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
             "Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN")


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two #RRGGBB colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(scope="module")
def rendered_sources():
    """/sources rendered once per language for the module."""
    cache = {}

    def get(lang: str):
        if lang not in cache:
            cache[lang] = open_page("sources", lang=lang)
        return cache[lang]

    return get


# Colours and meaning.

@pytest.mark.parametrize("colour", theme.PALETTE)
def test_chart_colours_have_3_to_1_contrast_on_the_background(colour):
    """Every palette colour a mark can take stands out 3:1 from the chart's white background (WCAG 1.4.11)."""
    assert contrast(colour, theme.BACKGROUND) >= 3


def test_chart_text_has_4_5_to_1_contrast():
    """Chart text (titles, labels, figures) reads at 4.5:1 on the background."""
    assert contrast(theme.TEXT_COLOR, theme.BACKGROUND) >= 4.5


def test_derived_bars_say_derived_in_words(dataset):
    """A derived figure's name above its bar and in the chart's summary says it is derived, not only its colour."""
    frame = tables.chart_frame(dataset.facts[dataset.facts["kind"] == "derived"].head(2), "en", units=dataset.unit_formats)
    names = charts.bar_names(frame)
    assert names == [f"{kind} · {label}" for label, kind in zip(frame["label"], frame["kind_text"])]
    summary = charts.describe_bars(frame, "Title", "en")
    assert all(name in summary for name in names)
    spec = charts.fact_bar_chart(frame, title="T", axis_title="A", kind_title="K", label_title="L", period_title="P", paragraph_title="¶").to_dict()
    assert any(layer["encoding"].get("text", {}).get("field") == "name_text" for layer in spec["layer"])


def test_stated_bars_keep_their_plain_names(dataset):
    """A stated figure's bar is named by its label alone."""
    frame = tables.chart_frame(dataset.facts[dataset.facts["kind"] == "stated"].head(3), "zh", units=dataset.unit_formats)
    assert charts.bar_names(frame) == list(frame["label"])


# Larger text in charts.

def test_scaled_spec_multiplies_every_font_size_and_keeps_the_data(dataset):
    """At 1.25x every fontSize in the spec (theme config included) is 1.25 times as large; the data is untouched."""
    frame = tables.chart_frame(dataset.facts.head(3), "en", units=dataset.unit_formats)
    spec = charts.stable_spec(charts.fact_bar_chart(frame, title="T", axis_title="A", kind_title="K", label_title="L", period_title="P", paragraph_title="¶"))
    scaled = chart_fit.scaled_for_text(spec, 1.25)
    assert scaled["config"]["title"]["fontSize"] == theme.TITLE_SIZE * 1.25
    assert scaled["config"]["axis"]["labelFontSize"] == theme.FONT_SIZE * 1.25
    assert scaled["config"]["text"]["fontSize"] == theme.FONT_SIZE * 1.25
    assert scaled["datasets"] == spec["datasets"]


def test_scaled_spec_wraps_titles_for_a_proportionally_narrower_chart():
    """A title's width tests see the container divided by the factor (larger text wraps sooner); label room stays."""
    room = chart_fit.BAR_LABEL_ROOM
    spec = {"title": {"text": {"expr": f"{chart_fit.CONTAINER_WIDTH} >= 400 ? 'a' : 'b'"}},
            "layer": [{"mark": {"type": "text", "limit": {"expr": room}}}]}
    scaled = chart_fit.scaled_for_text(spec, 1.25)
    assert scaled["title"]["text"]["expr"] == f"({chart_fit.CONTAINER_WIDTH} / 1.25) >= 400 ? 'a' : 'b'"
    assert scaled["layer"][0]["mark"]["limit"] == {"expr": room}
    assert chart_fit.scaled_for_text(spec, 1) is spec


def test_large_text_page_draws_charts_with_larger_fonts():
    """With size=l the levels page's chart has its title font scaled like the page's text."""
    [spec, *_] = chart_specs(open_page("levels", lang="en", size="l"))
    assert spec["config"]["title"]["fontSize"] == theme.TITLE_SIZE * app_frame.TEXT_SIZES["l"] / 16


# The text size in the address.

def test_size_is_kept_in_the_url():
    """?size=l stays in the address (like lang), so a copied link keeps the text size."""
    assert open_page("leadership", lang="zh", size="l").query_params["size"] == "l"


def test_default_size_is_left_out_of_the_url():
    """?size=m (the default) is dropped from the address: links without size stay as they were."""
    assert "size" not in open_page("leadership", lang="zh", size="m").query_params


@pytest.mark.parametrize("value", ["xl", "", "<b>L</b>"])
def test_unknown_size_is_dropped_with_a_notice(value):
    """An unknown size is ignored with the same notice as other unknown values and removed from the address."""
    at = open_page("leadership", lang="en", size=value)
    assert not at.exception
    assert t("unknown_param", "en", param="size", value=app_frame.notice_value(value)) in info_texts(at)
    assert "size" not in at.query_params


def test_size_switch_writes_the_url():
    """Choosing Large in the sidebar writes size=l to the address; choosing Medium removes it."""
    at = open_page("leadership", lang="en")
    at.segmented_control(key="size_switch").set_value("l").run()
    assert at.query_params["size"] == "l"
    at.segmented_control(key="size_switch").set_value("m").run()
    assert "size" not in at.query_params


def test_size_survives_a_page_switch():
    """A page switch (the menu drops the query) keeps the chosen size from the session and writes it back."""
    at = open_page("overview", lang="en", size="l")
    at.switch_page("pages/levels.py")
    at.query_params.pop("size", None)
    at.run()
    assert at.query_params["size"] == "l"
    assert at.title[0].value == t("page_levels", "en")


def test_share_link_carries_the_size():
    """The share box's link holds size=l."""
    at = open_page("levels", lang="en", size="l", opened=("share_box",))
    [link] = share_codes(at)
    assert parse_qs(urlsplit(link).query) == {"lang": ["en"], "size": ["l"]}


# The menu and the document language.

def sidebar_elements(at, element_type: str) -> list:
    """The sidebar's elements of one type (page_link, html, ...), in order."""
    found, stack = [], [at.sidebar]
    while stack:
        node = stack.pop(0)
        children = getattr(node, "children", None)
        if children:
            stack[:0] = list(children.values())
        if getattr(node, "type", None) == element_type:
            found.append(node)
    return found


def test_current_page_is_bold_in_the_menu_not_disabled():
    """The menu names the page one is on in bold and leaves every link enabled (a disabled one is too faint)."""
    at = open_page("overview", lang="en")
    at.switch_page("pages/levels.py").run()  # from the entry script, so the menu's page links resolve
    links = sidebar_elements(at, "page_link")
    labels = [link.proto.label for link in links]
    assert f"**{t('page_levels', 'en')}**" in labels
    assert sum(label.startswith("**") for label in labels) == 1
    assert not any(link.proto.disabled for link in links)


@pytest.mark.parametrize(("lang", "document_lang"), [("zh", "zh-CN"), ("en", "en")])
def test_page_sends_its_document_language(lang, document_lang):
    """Each page sends the script that sets <html lang> to its language (the browser test checks it runs)."""
    at = open_page("leadership", lang=lang)
    scripts = [element.proto.body for element in sidebar_elements(at, "html")]
    assert any(f'window.__lipuLang = "{document_lang}"' in body for body in scripts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_share_box_qr_code_has_alt_text(lang):
    """The share box's QR code image has a text alternative in the page's language (axe: image-alt, critical)."""
    at = open_page("leadership", lang=lang, opened=("share_box",))
    [image] = at.image
    assert [img.alt for img in image.proto.imgs] == [t("qr_alt", lang)]


# The chat browser.

def test_wechat_is_recognised_as_a_chat_browser():
    """WeChat's User-Agent (MicroMessenger) is a chat browser; desktop Chrome and a missing header are not."""
    assert app_frame.is_chat_browser(WECHAT_UA)
    assert not app_frame.is_chat_browser("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130 Safari/537.36")
    assert not app_frame.is_chat_browser(None)


@given(st.text(max_size=20_000))
def test_any_user_agent_is_safe_to_check(agent):
    """A User-Agent of any length or content is answered with a bool, never an exception."""
    assert isinstance(app_frame.is_chat_browser(agent), bool)


def test_without_a_chat_browser_no_hint_is_shown():
    """A page run without a chat browser's User-Agent (AppTest sends no headers) shows no download hint."""
    at = open_page("sources", lang="zh")
    at.session_state["sources_tabs_zh"] = t("tables", "zh")
    at.run()
    assert not [c for c in at.caption if t("chat_browser_hint", "zh") in c.value]


# The accessibility statement.

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sources_page_carries_the_accessibility_statement(rendered_sources, lang):
    """/sources shows the statement under its anchored heading, with its four parts, in the page's language."""
    at = rendered_sources(lang)
    [heading] = [h for h in at.header if h.value == t("accessibility_statement", lang)]
    assert heading.proto.anchor == app_frame.STATEMENT_ANCHOR
    statement = next(m.value for m in at.markdown if m.value.startswith(
        (app_frame.STATEMENT_DIR / f"accessibility_{lang}.md").read_text("utf-8")[:30]))
    parts = {"zh": ("### 无障碍程度", "### 已知问题及原因", "### 测试方法", "### 反馈问题"),
             "en": ("### How accessible", "### What is known not to work", "### How we tested", "### Reporting a problem")}
    assert all(part in statement for part in parts[lang])
    assert t("statement_no_contact", lang) in statement


def test_statement_names_the_configured_contact(monkeypatch):
    """With LIPU_CONTACT set, the statement's last part gives that contact (escaped, as written)."""
    monkeypatch.setenv(app_frame.CONTACT_ENV, "a11y@example.org")
    at = open_page("sources", lang="en")
    contact = t("statement_contact", "en", contact=markdown.escape_markdown("a11y@example.org"))
    assert any(contact in m.value for m in at.markdown)


@pytest.mark.parametrize(("size", "query"), [("m", "lang=zh"), ("l", "lang=zh&size=l")])
def test_every_footer_links_to_the_statement(size, query):
    """The footer links to /sources#accessibility in the page's language and text size."""
    at = open_page("teachers", lang="zh", size=size)
    assert f"[{t('accessibility_statement', 'zh')}](sources?{query}#accessibility)" in [md.value for md in at.main.markdown]
