"""Chart builders: pure functions from views' frames (real data) to valid Vega-Lite specs with titles, axis
titles, tooltips, the lipu theme, marked lower bounds and named selections."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import altair as alt
import pytest

from lipu_data import chart_fit, charts, tables, theme
from lipu_data.i18n import t
from lipu_data.metrics import section_facts, select_metrics
from lipu_data.section_charts import chart_measures, chart_metric_ids, share_frame

FACT_TITLES = {"label_title": "L", "period_title": "P", "paragraph_title": "¶"}

LANGS = ("zh", "en")



def units(spec: dict) -> Iterator[dict]:
    """The spec and every nested layer."""
    yield spec
    for layer in spec.get("layer", []):
        yield from units(layer)


def encodings(spec: dict) -> list[dict]:
    return [unit["encoding"] for unit in units(spec) if "encoding" in unit]


def params(spec: dict) -> list[dict]:
    return [param for unit in units(spec) for param in unit.get("params", [])]


def title_text(spec: dict) -> str:
    title = spec.get("title")
    return title["text"] if isinstance(title, dict) else title


def fact_frame(dataset, metrics, lang):
    return tables.chart_frame(select_metrics(dataset.facts, metrics), lang, units=dataset.unit_formats)


def fact_chart_spec(dataset, metrics, lang):
    frame = fact_frame(dataset, metrics, lang)
    chart = charts.fact_bar_chart(frame, title="T", axis_title="A", kind_title="K", **FACT_TITLES)
    return frame, chart.to_dict()


def projects(dataset, lang):
    return tables.projects_frame(dataset, dataset.projects, lang)


def count_chart(dataset, lang):
    return charts.category_count_chart(projects(dataset, lang), category="township", color="kind_text", title="T",
                                       axis_title="A", category_title="C", color_title="K")


def all_charts(dataset, lang):
    """Each builder with a frame from views, as the pages call them."""
    gaokao = tables.comparison_frame(dataset.facts, chart_metric_ids(dataset, "gaokao_comparison"), lang, units=dataset.unit_formats)
    return {
        "fact_bar": charts.fact_bar_chart(fact_frame(dataset, chart_metric_ids(dataset, "publicity_output"), lang), title="T",
                                          axis_title="A", kind_title="K", **FACT_TITLES),
        "period_comparison": charts.period_comparison_chart(gaokao, title="T", axis_title="A", period_title="P",
                                                            label_title="L", kind_title="K", paragraph_title="¶"),
        "share": charts.share_chart(share_frame(dataset.facts, chart_measures(dataset, "aid_share"), lang, units=dataset.unit_formats), title="T", axis_title="A",
                                    part_title="P", measure_title="M", share_title="S"),
        "timeline": charts.timeline_chart(tables.timeline_frame(dataset.events, lang), title="T", date_title="A",
                                          event_title="E", paragraph_title="¶"),
        "category_count": count_chart(dataset, lang),
    }


BUILDERS = ("fact_bar", "period_comparison", "share", "timeline", "category_count")


@pytest.fixture(scope="module")
def built(dataset):
    """Each builder's chart and its spec per language, built once (to_dict validates against the schema)."""
    cache = {}

    def get(builder: str, lang: str):
        if lang not in cache:
            cache[lang] = {name: (chart, chart.to_dict()) for name, chart in all_charts(dataset, lang).items()}
        return cache[lang][builder]

    return get


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("builder", BUILDERS)
def test_chart_has_title(built, builder, lang):
    """Every chart carries the title it was given."""
    _, spec = built(builder, lang)
    assert title_text(spec) == "T"


@pytest.mark.parametrize("builder", BUILDERS)
def test_chart_value_axis_has_title(built, builder):
    """The measured axis is titled with the given axis title (the unit); the other is titled or deliberately blank."""
    _, spec = built(builder, "en")
    titles = [encoding[channel].get("title") for encoding in encodings(spec) for channel in ("x", "y")
              if channel in encoding and "title" in encoding[channel]]
    assert "A" in titles
    for encoding in encodings(spec):
        for channel in ("x", "y"):
            if channel in encoding and "field" in encoding[channel]:
                assert "title" in encoding[channel], f"{channel} of {builder} falls back to the field name"


@pytest.mark.parametrize("builder", BUILDERS)
def test_chart_has_tooltips_on_existing_fields(built, builder):
    """Every chart has tooltips, and each tooltip names a column of its data (or an aggregate)."""
    chart, spec = built(builder, "en")
    tooltips = [tip for encoding in encodings(spec) for tip in encoding.get("tooltip", [])]
    assert tooltips
    frames = [chart.data, *(layer.data for layer in getattr(chart, "layer", []))]
    columns = set().union(*(set(frame.columns) for frame in frames if hasattr(frame, "columns")))
    assert all(tip.get("aggregate") == "count" or tip["field"] in columns for tip in tooltips)


@pytest.mark.parametrize("builder", BUILDERS)
def test_chart_fills_container_width(built, builder):
    """Charts size to their container (phones) instead of a fixed width."""
    _, spec = built(builder, "zh")
    assert spec["width"] == "container"


def test_lipu_theme_is_active():
    """Importing the chart builders enables the registered 'lipu' theme."""
    assert alt.theme.active == "lipu"


def test_lipu_theme_names_a_cjk_font():
    """The theme's font stack names a CJK font readers have, before the generic fallback."""
    config = alt.theme.get()()["config"]
    assert "Noto Sans CJK SC" in config["font"]
    assert config["font"].rstrip().endswith("sans-serif")
    assert config["axis"]["labelFont"] == config["font"] == theme.FONT_STACK


def test_chart_spec_carries_theme_config(built):
    """A built spec carries the theme config (font), so Streamlit with theme=None renders it as designed."""
    _, spec = built("fact_bar", "zh")
    assert "Noto Sans CJK SC" in spec["config"]["font"]


def test_fact_bar_chart_marks_lower_bounds(dataset):
    """Bars of 'at least' figures get a dashed outline through a strokeDash condition on the qualifier."""
    frame, spec = fact_chart_spec(dataset, chart_metric_ids(dataset, "publicity_output"), "zh")
    assert (frame["qualifier"] == "at_least").any()
    dashes = [encoding["strokeDash"] for encoding in encodings(spec) if "strokeDash" in encoding]
    assert len(dashes) == 1
    condition = dashes[0]["condition"]
    condition = condition[0] if isinstance(condition, list) else condition
    assert condition["test"] == "datum.qualifier == 'at_least'"
    assert condition["value"] != dashes[0]["value"]


def test_fact_bar_chart_value_text_shows_lower_bounds(dataset):
    """The label text of a lower-bound bar reads '500多' rather than an exact number."""
    frame, _ = fact_chart_spec(dataset, chart_metric_ids(dataset, "publicity_output"), "zh")
    bounded = frame[frame["qualifier"] == "at_least"]
    assert len(bounded) and all("多" in text or text.startswith("超") for text in bounded["value_text"])


def test_fact_bar_chart_has_pick_selection_on_fact_id(dataset):
    """Clicking a bar selects its fact_id through the point selection named `pick`."""
    _, spec = fact_chart_spec(dataset, chart_metric_ids(dataset, "kindergarten_tiers"), "en")
    picks = [param for param in params(spec) if param["name"] == charts.FACT_SELECTION]
    assert len(picks) == 1
    assert picks[0]["select"]["type"] == "point"
    assert picks[0]["select"]["fields"] == ["fact_id"]


def test_fact_bar_chart_without_selection(dataset):
    """select=False builds the same bars without a selection parameter."""
    frame = fact_frame(dataset, chart_metric_ids(dataset, "safety_people"), "en")
    spec = charts.fact_bar_chart(frame, title="T", axis_title="A", kind_title="K", select=False,
                                 **FACT_TITLES).to_dict()
    assert not [param for param in params(spec) if param["name"] == charts.FACT_SELECTION]


def chart_rows(spec: dict) -> list[dict]:
    """The rows of a spec's one inline dataset."""
    [rows] = spec["datasets"].values()
    return rows


def test_fact_bar_chart_colours_stated_and_derived(dataset):
    """Stated and derived figures get the theme's two kind colours: each row carries its kind's colour,
    which the colour scale reads (tests/browser checks the drawn bars' colours)."""
    frame, spec = fact_chart_spec(dataset, chart_metric_ids(dataset, "kindergarten_tiers") + ("kg_demo_total",), "en")
    assert set(frame["kind"]) == {"stated", "derived"}
    [color] = [encoding["color"] for encoding in encodings(spec) if "color" in encoding]
    assert color["field"] == "kind_text" and color["scale"]["range"] == {"field": "kind_color"}
    assert "sort" not in color  # a custom order would pair kinds with the wrong colours
    expected = {"stated": theme.STATED_COLOR, "derived": theme.DERIVED_COLOR}
    rows = chart_rows(spec)
    assert [row["kind_color"] for row in rows] == [expected[kind] for kind in frame["kind"]]


def test_fact_bar_chart_keeps_the_frames_order_and_makes_room_for_figures(dataset):
    """Bars follow the frame's row order (a row-order field), and the x axis reaches 1.2x the largest
    figure (an invisible point), so each figure's text fits beside its bar."""
    frame, spec = fact_chart_spec(dataset, chart_metric_ids(dataset, "kindergarten_tiers"), "en")
    ys = [encoding["y"] for encoding in encodings(spec) if "y" in encoding]
    assert ys and all(y["sort"] == {"field": "row_order", "op": "min"} for y in ys)
    assert [row["row_order"] for row in chart_rows(spec)] == list(range(len(frame)))
    [room] = [unit for unit in units(spec) if unit.get("encoding", {}).get("x", {}).get("field") == "axis_end"]
    assert room["mark"]["opacity"] == 0
    assert room["transform"] == [{"aggregate": [{"op": "max", "field": "value", "as": "top"}]},
                                 {"calculate": "datum.top > 0 ? datum.top * 1.2 : 1", "as": "axis_end"}]


def test_fact_bar_chart_spec_does_not_depend_on_its_rows(dataset):
    """Two different sets of figures give the same spec apart from the data (kept under the fixed name
    "data"): what lets the browser keep a drawn chart and only swap its rows on a filter change."""
    section = section_facts(dataset, 4)
    specs = []
    for program in ("infrastructure", "informatization"):
        frame = tables.chart_frame(select_metrics(section[section["program_id"] == program],
                                                       chart_metric_ids(dataset, "spending")), "en", units=dataset.unit_formats)
        specs.append(charts.stable_spec(charts.fact_bar_chart(frame, title="T", axis_title="A", kind_title="K",
                                                              **FACT_TITLES)))
    assert chart_rows(specs[0]) != chart_rows(specs[1])
    assert len(chart_rows(specs[0])) != len(chart_rows(specs[1]))  # a different number of bars, too
    assert list(specs[0]["datasets"]) == list(specs[1]["datasets"]) == ["data"]
    without_data = [{key: value for key, value in spec.items() if key != "datasets"} for spec in specs]
    # Altair names views by a hash of their data; Streamlit renames them to counters before sending.
    assert _unnamed_views(without_data[0]) == _unnamed_views(without_data[1])
    assert '"name": "data"' in json.dumps(without_data[0]) and "data-" not in json.dumps(without_data[0])


def _unnamed_views(spec: dict) -> str:
    return re.sub(r'"view_[0-9a-f_]+"', '"view"', json.dumps(spec, sort_keys=True))


def test_category_count_chart_has_category_pick(dataset):
    """Clicking a bar of a count chart selects its category through `category_pick`."""
    spec = count_chart(dataset, "en").to_dict()
    picks = [param for param in params(spec) if param["name"] == charts.CATEGORY_SELECTION]
    assert len(picks) == 1
    assert picks[0]["select"]["fields"] == ["township"]


def bars_encoding(spec: dict) -> dict:
    """The encoding of a chart's bars: the chart's own, or its first layer's (bars under their value labels)."""
    return spec["layer"][0]["encoding"] if "layer" in spec else spec["encoding"]


def test_period_comparison_labels_are_told_apart(built):
    """The gaokao measures' English names, alike for their first 30 letters, are drawn whole on wrapped lines
    under their bars (cut to one width they read the same: "Gaokao candidates abo…" twice)."""
    _, spec = built("period_comparison", "en")
    axis = bars_encoding(spec)["x"]["axis"]
    labels = bars_encoding(spec)["x"]["sort"]
    assert len(labels) == 2
    assert axis["labelExpr"] == chart_fit.wrapped_labels(labels, charts.PERIOD_LABEL_WIDTH)
    drawn = [chart_fit.wrap_text(label, charts.PERIOD_LABEL_WIDTH, chart_fit.LABEL_TEXT) for label in labels]
    assert [" ".join(lines) for lines in drawn] == labels
    assert all(chart_fit.text_width(line, chart_fit.LABEL_TEXT) <= axis["labelLimit"] for lines in drawn for line in lines)


def test_share_chart_is_normalized(built):
    """The aid share chart stacks to 100 % with a percent axis."""
    _, spec = built("share", "en")
    x = bars_encoding(spec)["x"]
    assert x["stack"] == "normalize"
    assert x["axis"]["format"] == "%"


def test_timeline_sorts_buckets_by_date(dataset):
    """Timeline buckets run in date order, with year-only events before the months of that year."""
    frame = tables.timeline_frame(dataset.events, "en")
    spec = charts.timeline_chart(frame, title="T", date_title="D", event_title="E", paragraph_title="¶").to_dict()
    [order] = [encoding["x"]["sort"] for encoding in encodings(spec) if "sort" in encoding.get("x", {})]
    keys = [frame.loc[frame["date_text"] == bucket, "date_sort"].min() for bucket in order]
    assert keys == sorted(keys)


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_names_each_event_above_its_dot(dataset, lang):
    """Each event's name is drawn across the chart's width above its dot (not squeezed into an axis beside
    the dots), one row per event in date order, and the date buckets' names wrap to fit under their column."""
    frame = tables.timeline_frame(dataset.events, lang)
    spec = charts.timeline_chart(frame, title="T", date_title="D", event_title="E", paragraph_title="¶").to_dict()
    dots, names = spec["layer"]
    assert names["mark"]["type"] == "text" and names["encoding"]["text"]["field"] == "title"
    assert names["encoding"]["y"] == dots["encoding"]["y"] and dots["encoding"]["y"]["axis"] is None
    assert dots["encoding"]["y"]["sort"] == list(frame.sort_values("date_sort")["title"])
    buckets = dots["encoding"]["x"]["sort"]
    assert dots["encoding"]["x"]["axis"]["labelExpr"] == chart_fit.wrapped_labels(buckets, charts.TIMELINE_DATE_WIDTH)


@pytest.mark.parametrize("lang", LANGS)
def test_describe_bars_mentions_every_label_and_value(dataset, lang):
    """The chart's one-sentence summary names each bar's label and its formatted figure."""
    frame = fact_frame(dataset, chart_metric_ids(dataset, "publicity_output"), lang)
    text = charts.describe_bars(frame, t("charts", lang), lang)
    assert text.startswith(t("charts", lang))
    assert all(label in text for label in frame["label"])
    assert all(value in text for value in frame["value_text"])


@pytest.mark.parametrize("lang", LANGS)
def test_describe_counts_mentions_every_category_with_its_count(dataset, lang):
    """The count chart's summary names each category with how many rows it holds."""
    frame = projects(dataset, lang)
    text = charts.describe_counts(frame, "township", "T", lang)
    counts = frame["township"].value_counts()
    assert all(f"{name} {count}" in text for name, count in counts.items())


def test_long_title_is_chosen_by_the_container_width(dataset):
    """A long title becomes a valid Vega expression that draws the whole title with no container or a wide
    one, and its wrapped lines in narrower ones."""
    title = "Demonstration and inclusive kindergartens, before and now"
    frame = fact_frame(dataset, chart_metric_ids(dataset, "publicity_output"), "en")
    spec = charts.fact_bar_chart(frame, title=title, axis_title="A", kind_title="K", **FACT_TITLES).to_dict()  # validates
    expression = spec["title"]["text"]["expr"]
    assert expression.startswith(f'containerSize()[0] <= 0 || containerSize()[0] >= {chart_fit.text_width(title) + chart_fit.TITLE_PADDING} '
                                 f'? "{title}" : ')
    for least, lines in chart_fit.title_choices(title)[1:-1]:
        assert f"containerSize()[0] >= {least} ? {json.dumps(lines)}" in expression
    assert expression.endswith(json.dumps(chart_fit.title_choices(title)[-1][1]))


def test_legends_stack_on_narrow_charts(built):
    """Every legend lists its entries one under another in a chart narrower than 600 px (a row ran off a
    phone's screen), in one row otherwise, and limits its names to the chart's width."""
    for builder in set(BUILDERS) - {"timeline"}:  # the timeline's dots have one colour and no legend
        _, spec = built(builder, "en")
        legends = [encoding["color"]["legend"] for encoding in encodings(spec) if "legend" in encoding.get("color", {})]
        assert legends, builder
        for legend in legends:
            assert legend["columns"] == {"expr": "containerSize()[0] > 0 && containerSize()[0] < 600 ? 1 : 0"}
            assert "containerSize()[0]" in legend["labelLimit"]["expr"]


def tooltip_titles(node) -> Iterator[tuple[str, object]]:
    """(field, title) of every tooltip entry anywhere in a spec."""
    if isinstance(node, dict):
        tooltip = node.get("tooltip")
        for entry in tooltip if isinstance(tooltip, list) else []:
            if isinstance(entry, dict) and "field" in entry:
                yield entry["field"], entry.get("title")
        for value in node.values():
            yield from tooltip_titles(value)
    elif isinstance(node, list):
        for item in node:
            yield from tooltip_titles(item)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_tooltip_field_has_a_title(dataset, lang):
    """No chart's tooltip falls back to a column name (label, kind_text, period_text): each field is titled."""
    for name, chart in all_charts(dataset, lang).items():
        untitled = [field for field, title in tooltip_titles(chart.to_dict()) if not title]
        assert untitled == [], name
