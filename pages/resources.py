"""Section 四: infrastructure and projects, informatization, after-school services, student aid and loans."""

import streamlit as st

from lipu_data import app_blocks as blocks
from lipu_data import charts, views
from lipu_data.app_frame import footer, filters_fragment, page_frame, share_box, show_notices
from lipu_data.i18n import t

context = page_frame("resources")
lang, dataset = context.lang, context.dataset
section = views.section_facts(dataset, 4)
section_projects = dataset.projects[dataset.projects["program_id"].isin(dataset.programs.loc[
    dataset.programs["section"] == 4, "program_id"])]
share_box(context)


@filters_fragment(context)
def filtered_view() -> None:
    """The filters and everything they narrow: a filter change reruns only this part of the page."""
    chosen = blocks.filter_bar(context, views.filter_options(dataset, section, section_projects))
    show_notices(context)
    facts = views.narrow(section, school=chosen.school, program=chosen.program, level=chosen.level)
    projects = views.projects_frame(dataset, views.narrow(section_projects, school=chosen.school, program=chosen.program,
                                                          level=chosen.level), lang)

    st.header(t("charts", lang))
    if facts.empty and projects.empty:
        blocks.empty_state(context)
    shares = views.aid_share_frame(facts, lang)
    has_data = {
        "spending": views.has_metrics(facts, views.SPENDING_METRICS),
        "projects_by_township": not projects.empty,
        "aid_share": not shares.empty,
        "aid_amounts": views.has_metrics(facts, views.AID_AMOUNT_METRICS),
        "aid_per_unit": views.has_metrics(facts, views.AID_PER_UNIT_METRICS),
    }
    open_tab = blocks.lazy_tabs(context, {key: t(f"tab_{key}", lang) for key, shown in has_data.items() if shown},
                                 key="resources_charts")
    if not open_tab and not (facts.empty and projects.empty):
        blocks.no_chart_note(context)
    picked: list[str] = []
    if tab := open_tab.get("spending"):
        with tab:
            picked += blocks.fact_chart(context, facts, views.SPENDING_METRICS, key="spending", latest=True,
                                        title="教育投入" if lang == "zh" else "Education spending")
    if tab := open_tab.get("projects_by_township"):
        with tab:
            townships = blocks.count_chart(context, projects, category="township", color="kind_text",
                                           key="projects_by_township",
                                           title="新建项目所在乡镇" if lang == "zh" else "New projects by township",
                                           axis_title=t("count_unit", lang), category_title=t("township", lang),
                                           color_title=t("kind", lang))
            st.subheader(t("projects", lang))
            blocks.picked_rows_table(context, projects.drop(columns=["township_code"]), column="township",
                                     picked=townships, key="resources_projects")
    if tab := open_tab.get("aid_share"):
        with tab:
            title = "脱贫户、监测户学生所占份额" if lang == "zh" else "Share of student aid going to students from households lifted out of poverty or monitored for relapse"
            summary = ("；" if lang == "zh" else "; ").join(f"{row.measure} {row.part} {row.share_text}"
                                                           for row in shares.itertuples())
            blocks.chart_block(context, charts.share_chart, shares,
                               options={"title": title, "axis_title": "%", "part_title": t("recipient", lang),
                                        "measure_title": t("measure", lang), "share_title": t("share_of_total", lang)},
                               data=shares[["measure", "part", "value_text", "share_text"]], key="aid_share",
                               summary=summary,
                               paragraphs=list(views.select_metrics(facts, views.AID_SHARE_METRICS)["paragraph_id"]))
    if tab := open_tab.get("aid_amounts"):
        with tab:
            picked += blocks.fact_chart(context, facts, views.AID_AMOUNT_METRICS, key="aid_amounts", latest=True,
                                        title="学生资助与贷款金额" if lang == "zh" else "Student aid and loan amounts")
    if tab := open_tab.get("aid_per_unit"):
        with tab:
            picked += blocks.fact_chart(context, facts, views.AID_PER_UNIT_METRICS, key="aid_per_unit", latest=True,
                                        title="平均每笔、每人次金额" if lang == "zh" else "Average per loan and per person-time")
    facts = blocks.selected_facts(context, facts, picked)

    blocks.figures_by_program(context, facts)

    honours = views.narrow(views.section_rows(dataset.honours, 4),
                           school=chosen.school, program=chosen.program)
    if not honours.empty and not chosen.level and (honours_box := blocks.lazy_expander(
            t("honours_count", lang, count=len(honours)), icon=":material/military_tech:", key="honours_resources")):
        with honours_box:
            blocks.table_block(context, views.honours_frame(honours, lang), key="resources_honours")

    blocks.details_and_sources(context, facts, key="resources", extra_paragraphs=list(projects["paragraph_id"]))


filtered_view()
footer(context)
