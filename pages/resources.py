"""Section 四: infrastructure and projects, informatization, after-school services, student aid and loans."""

import streamlit as st

from lipu_data import app_blocks as blocks
from lipu_data import charts, views
from lipu_data.app_frame import footer, page_frame, share_box, show_notices
from lipu_data.i18n import t

context = page_frame("resources")
lang, dataset = context.lang, context.dataset
section = views.section_facts(dataset, 4)
section_projects = dataset.projects[dataset.projects["program_id"].isin(dataset.programs.loc[
    dataset.programs["section"] == 4, "program_id"])]
chosen = blocks.filter_bar(context, views.filter_options(dataset, section, section_projects))
show_notices(context)
facts = views.narrow(section, school=chosen.school, program=chosen.program, level=chosen.level)
projects = views.projects_frame(dataset, views.narrow(section_projects, school=chosen.school, program=chosen.program,
                                                      level=chosen.level), lang)

st.header(t("charts", lang))
if facts.empty and projects.empty:
    blocks.empty_state(context)
picked = blocks.fact_chart(context, facts, views.SPENDING_METRICS, key="spending", latest=True,
                           title="教育投入" if lang == "zh" else "Education spending")
townships = blocks.count_chart(context, projects, category="township", color="kind_text", key="projects_by_township",
                               title="新建项目所在乡镇" if lang == "zh" else "New projects by township",
                               axis_title=t("count_unit", lang), category_title=t("township", lang),
                               color_title=t("kind", lang))
shares = views.aid_share_frame(facts, lang)
if not shares.empty:
    title = "脱贫户、监测户学生所占份额" if lang == "zh" else "Share of student aid to poverty-registered households"
    summary = ("；" if lang == "zh" else "; ").join(f"{row.measure} {row.part} {row.share_text}"
                                                   for row in shares.itertuples())
    blocks.chart_block(context, charts.share_chart, shares,
                       options={"title": title, "axis_title": "%", "part_title": t("recipient", lang)},
                       data=shares[["measure", "part", "value_text", "share_text"]], key="aid_share",
                       summary=summary,
                       paragraphs=list(views.select_metrics(facts, views.AID_SHARE_METRICS)["paragraph_id"]))
picked += blocks.fact_chart(context, facts, views.AID_AMOUNT_METRICS, key="aid_amounts", latest=True,
                            title="学生资助与贷款金额" if lang == "zh" else "Student aid and loan amounts")
picked += blocks.fact_chart(context, facts, views.AID_PER_UNIT_METRICS, key="aid_per_unit", latest=True,
                            title="平均每笔、每人次金额" if lang == "zh" else "Average per loan and per beneficiary")
facts = blocks.selected_facts(context, facts, picked)

blocks.figures_by_program(context, facts)

st.header(t("projects", lang))
blocks.picked_rows_table(context, projects.drop(columns=["township_code"]), column="township", picked=townships,
                        key="resources_projects")

honours = views.narrow(views.section_rows(dataset.honours, 4),
                       school=chosen.school, program=chosen.program)
if not honours.empty and not chosen.level:
    st.header(t("honours", lang))
    blocks.table_block(context, views.honours_frame(honours, lang), key="resources_honours")

blocks.details_and_sources(context, facts, key="resources", extra_paragraphs=list(projects["paragraph_id"]))
share_box(context)
footer(context)
