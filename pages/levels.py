"""Section 三: preschool, compulsory, senior high and vocational education."""

import streamlit as st

from lipu_data import app_blocks as blocks
from lipu_data import charts, views
from lipu_data.app_frame import footer, filters_fragment, page_frame, share_box, show_notices
from lipu_data.i18n import REFORM_DIMENSIONS, t, unit_axis_title

context = page_frame("levels")
lang, dataset = context.lang, context.dataset
section = views.section_facts(dataset, 3)
links = dataset.school_programs[dataset.school_programs["program_id"].isin(section["program_id"])]
share_box(context)


@filters_fragment(context)
def filtered_view() -> None:
    """The filters and everything they narrow: a filter change reruns only this part of the page."""
    chosen = blocks.filter_bar(context, views.filter_options(dataset, section, links))
    show_notices(context)
    facts = views.narrow(section, school=chosen.school, program=chosen.program, level=chosen.level)

    st.header(t("charts", lang))
    if facts.empty:
        blocks.empty_state(context)
    # Every report's gaokao figures, so a later report's year joins the comparison.
    all_years = views.narrow(dataset.facts[dataset.facts["section"] == 3], school=chosen.school, program=chosen.program,
                             level=chosen.level)
    kindergarten_groups = (*views.KINDERGARTEN_GROUP_METRICS, "kg_group_total")
    has_data = {
        "kindergarten_tiers": views.has_metrics(facts, views.KINDERGARTEN_TIER_METRICS),
        "kindergarten_groups": views.has_metrics(facts, kindergarten_groups),
        "gaokao_comparison": views.has_metrics(all_years, views.GAOKAO_METRICS),
        "vocational_rates": views.has_metrics(facts, views.VOCATIONAL_RATE_METRICS),
    }
    open_tab = blocks.lazy_tabs(context, {key: t(f"tab_{key}", lang) for key, shown in has_data.items() if shown},
                                 key="levels_charts")
    if not open_tab and not facts.empty:
        blocks.no_chart_note(context)
    picked: list[str] = []
    if tab := open_tab.get("kindergarten_tiers"):
        with tab:
            picked += blocks.fact_chart(context, facts, views.KINDERGARTEN_TIER_METRICS, key="kindergarten_tiers",
                                        title="示范幼儿园与普惠性民办园（之前与现在）" if lang == "zh"
                                        else "Demonstration and inclusive kindergartens, before and now")
    if tab := open_tab.get("kindergarten_groups"):
        with tab:
            picked += blocks.fact_chart(context, facts, kindergarten_groups, key="kindergarten_groups",
                                        title=t("kindergarten_groups", lang), latest=True)
    if tab := open_tab.get("gaokao_comparison"):
        with tab:
            gaokao = views.comparison_frame(all_years, views.GAOKAO_METRICS, lang)
            title = "高考上线人数：2022 与 2023" if lang == "zh" else "Gaokao candidates reaching the cut-off: 2022 and 2023"
            blocks.chart_block(context, charts.period_comparison_chart, gaokao,
                               options={"title": title, "axis_title": unit_axis_title("people", lang),
                                        "period_title": t("period", lang), "label_title": t("label", lang),
                                        "kind_title": t("kind", lang), "paragraph_title": t("paragraph", lang)},
                               data=gaokao[["fact_id", "label", "period_text", "value_text", "kind_text", "paragraph_id"]],
                               key="gaokao_comparison", summary=charts.describe_bars(gaokao.assign(
                                   label=gaokao["label"] + " " + gaokao["period_text"]), title, lang),
                               paragraphs=list(gaokao["paragraph_id"]))
    if tab := open_tab.get("vocational_rates"):
        with tab:
            picked += blocks.fact_chart(context, facts, views.VOCATIONAL_RATE_METRICS, key="vocational_rates",
                                        title="中职升学与就业" if lang == "zh" else "Vocational exam and employment rates",
                                        latest=True)
    facts = blocks.selected_facts(context, facts, picked)

    blocks.figures_by_program(context, facts)

    reform = views.narrow(dataset.programs[dataset.programs["program_id"] == "school_district_reform"],
                          program=chosen.program)
    if not chosen.school and not chosen.level and not reform.empty:
        st.subheader(t("district_reform", lang))
        for column, dimension in zip(st.columns(len(REFORM_DIMENSIONS)), REFORM_DIMENSIONS):
            column.info(dimension[lang])

    leads = views.narrow(links, school=chosen.school, program=chosen.program)
    if not leads.empty and not chosen.level and (schools_box := blocks.lazy_expander(
            t("schools_named", lang, count=leads["school_id"].nunique()), icon=":material/school:", key="schools_levels")):
        with schools_box:
            blocks.table_block(context, views.school_roles_frame(dataset, leads, lang), key="levels_schools")

    blocks.details_and_sources(context, facts, key="levels", extra_paragraphs=list(leads["paragraph_id"]))


filtered_view()
footer(context)
