"""Schools and programs: pick one (or both) and see everything the report says about it, with counts."""

import streamlit as st

from lipu_data import app_blocks as blocks
from lipu_data import profiles, report_text, tables
from lipu_data.app_frame import (dataset_view, filters_fragment, footer, page_frame, page_link, share_box,
                                 show_notices)
from lipu_data.filters import FilterOptions, mentions
from lipu_data.i18n import pick, t
from lipu_data.markdown import escape_markdown
from lipu_data.metrics import latest_by_metric

EXPLORER = "pages/explorer.py"
SOURCES = "pages/sources.py"
# Directory entries drawn as links; the rest are in the table and the selectors (a county report names a
# few dozen; synthetic 100x data names thousands, which would take the browser minutes to draw).
DIRECTORY_LINKS = 30

context = page_frame("explorer")
lang, dataset = context.lang, context.dataset
share_box(context)


def directory_links(directory, param: str, columns: int = 2) -> None:
    """Each entry as a link that sets the filter, with its other-language name and details below."""
    # One st.columns row per `columns` entries, so a phone (columns stacked) keeps the data order.
    for position, row in enumerate(directory.itertuples()):
        if position % columns == 0:
            grid = st.columns(columns)
        with grid[position % columns].container(border=True):
            page_link(EXPLORER, label=escape_markdown(row.name), query_params={"lang": lang, param: row.id},
                      icon=":material/arrow_forward:", width="stretch")
            other = row.name_en if lang == "zh" else row.name_zh
            where = [row.level, row.township] if param == "school" else [t("section_n", lang, n=row.section)]
            details = [other, *where, t("paragraphs_n", lang, n=row.mentions)]
            st.caption(escape_markdown(" · ".join(part for part in details if part)))


def directory() -> None:
    """No school or program chosen: an invitation to pick one, and both directories as links and tables."""
    st.info(t("explorer_pick", lang), icon=":material/travel_explore:")
    for param, directory_frame in (("school", dataset_view(context, profiles.school_directory)),
                                   ("program", dataset_view(context, profiles.program_directory))):
        st.header(t("schools" if param == "school" else "programs", lang))
        directory_links(directory_frame.head(DIRECTORY_LINKS), param)
        if len(directory_frame) > DIRECTORY_LINKS:
            st.caption(t("directory_more", lang, n=len(directory_frame) - DIRECTORY_LINKS))
        if table_box := blocks.lazy_expander(t("show_as_table", lang), icon=":material/table:", key=f"table_{param}s"):
            with table_box:
                blocks.table_block(context, profiles.directory_table(directory_frame, lang), key=f"explorer_{param}s")


def everything_about(chosen: blocks.Filters) -> None:
    """The chosen school and/or program: who or what it is, counts, and every figure, project, honour,
    event, link, person, note and source sentence the report gives about it."""
    found = mentions(dataset, school=chosen.school, program=chosen.program)
    both = bool(chosen.school and chosen.program)
    paragraph_ids = profiles.intersection_paragraphs(dataset, found) if both else found.paragraph_ids

    # Header: who or what this is.
    if chosen.school:
        profile = profiles.school_profile(dataset, chosen.school, lang)
        name = profile["name_zh"] if lang == "zh" else profile["name_en"] or profile["name_zh"]
        st.header(escape_markdown(name))
        english = profile["name_en"] + ("" if profile["name_en_official"] else f" ({t('unofficial_name', lang)})")
        facts_line = [f"**{t('name_zh', lang)}**: {escape_markdown(profile['name_zh'])}",
                      f"**{t('english_name', lang)}**: {escape_markdown(english)}",
                      f"**{t('level', lang)}**: {escape_markdown(profile['level'])}"]
        township = (f"{escape_markdown(profile['township'])} ({escape_markdown(t('township_evidence', lang, words=profile['township_evidence']))})"
                    if profile["township"] else t("township_unknown", lang))
        facts_line.append(f"**{t('township', lang)}**: {township}")
        if profile["aliases"]:
            facts_line.append(f"**{t('aliases', lang)}**: {escape_markdown('、'.join(profile['aliases']))}")
        st.markdown("  \n".join(facts_line))
        if lang == "en" and profile["note_en"]:
            st.caption(escape_markdown(profile["note_en"]))
    if chosen.program:
        program = profiles.program_profile(dataset, chosen.program, lang)
        name = program["name_zh"] if lang == "zh" else program["name_en"] or program["name_zh"]
        (st.subheader if chosen.school else st.header)(escape_markdown(name))
        other = program["name_en"] if lang == "zh" else program["name_zh"]
        st.markdown(f"{escape_markdown(other)} · {t('section_n', lang, n=program['section'])}")
        st.markdown(escape_markdown(program["summary"]))
        definitions = report_text.terms_markdown(program["name_zh"] + program["summary_zh"], dataset.terms, lang)
        if definitions:
            with st.container(border=True, key="program_terms"):
                st.markdown(f"**{t('terms_used', lang)}**  \n{definitions}")
    if both:
        school_name = pick(dataset.schools.set_index("school_id").loc[chosen.school], "name", lang)
        if not paragraph_ids:  # a pair with nothing in common: one line saying so, not a row of zeros
            st.info(t("pair_nothing", lang, school=escape_markdown(school_name), program=escape_markdown(name)),
                    icon=":material/join_inner:")
            with st.container(horizontal=True):
                for param, chosen_id, label in (("school", chosen.school, school_name), ("program", chosen.program, name)):
                    page_link(EXPLORER, label=escape_markdown(label), query_params={"lang": lang, param: chosen_id},
                              icon=":material/arrow_forward:")
            return
        st.info(t("both_chosen", lang, school=escape_markdown(school_name), program=escape_markdown(name)),
                icon=":material/join_inner:")

    # Counts.
    counts = found.counts
    related = ("metric_programs", counts["programs"]) if not chosen.program else (
        ("schools", counts["schools"]) if not chosen.school else ("roles_metric", counts["school_programs"]))
    metrics = [("facts", counts["facts"]), ("metric_projects", counts["projects"]), ("metric_honours", counts["honours"]),
               ("events", counts["events"]), related, ("paragraphs_metric", len(paragraph_ids))]
    st.markdown(f"**{t('mention_counts', lang)}**")
    with st.container(horizontal=True, gap="small"):  # wraps on phones instead of stacking six tall boxes
        for label, value in metrics:
            st.metric(t(label, lang), value, border=True, width="content")

    if not paragraph_ids:
        blocks.empty_state(context, chosen)
    else:
        if not found.facts.empty:
            st.header(t("facts", lang))
            blocks.figure_cards(context, latest_by_metric(found.facts))
            with st.expander(t("all_figures", lang), icon=":material/table:"):
                blocks.table_block(context, tables.facts_table(found.facts, lang, dataset.facts, units=dataset.unit_formats),
                                   key="explorer_facts")
        if not found.projects.empty:
            blocks.table_block(context, tables.projects_table(dataset, found.projects, lang), key="explorer_projects",
                               title=t("projects", lang))
        if not found.honours.empty:
            blocks.table_block(context, tables.honours_frame(found.honours, lang), key="explorer_honours",
                               title=t("honours", lang))
        if not found.events.empty:
            blocks.table_block(context, tables.events_table(found.events, lang), key="explorer_events",
                               title=t("events", lang))
        if not found.school_programs.empty:
            st.header(t("related_programs" if chosen.school and not chosen.program else "related_schools", lang))
            if not both:
                param, linked = (("program", found.programs) if chosen.school else ("school", found.schools))
                id_column = f"{param}_id"
                grid = st.columns(3)
                for position, (_, row) in enumerate(linked[linked[id_column] != (chosen.school or chosen.program)].iterrows()):
                    with grid[position % 3]:
                        page_link(EXPLORER, label=escape_markdown(pick(row, "name", lang)),
                                  query_params={"lang": lang, param: row[id_column]}, icon=":material/arrow_forward:")
            blocks.table_block(context, tables.school_roles_frame(dataset, found.school_programs, lang),
                               key="explorer_roles")
        if not found.people.empty:
            st.header(t("people", lang))
            st.dataframe(tables.people_frame(dataset, found.people, lang), hide_index=True, width="stretch")
        if not found.notes.empty and not both:
            st.header(t("data_notes", lang))
            for note in tables.notes_frame(dataset, lang, found.notes).itertuples():
                st.markdown(f"**{t(f'topic_{note.topic}', lang)}** · {escape_markdown(note.text)}")

        st.header(t("source_sentences", lang))
        st.caption(t("paragraphs_n", lang, n=len(paragraph_ids)))
        for pid in paragraph_ids:
            with st.container(border=True):
                page_link(SOURCES, label=t("open_paragraph", lang, pid=pid), icon=":material/menu_book:",
                          query_params={"lang": lang, "para": pid})
                blocks.source_paragraph(context, pid)


def programs_apart(param: str, chosen: dict[str, str | None]) -> set[str]:
    """Once a school is chosen, the programmes the report does not link to it: offered after its own, marked."""
    if param != "program" or not chosen.get("school"):
        return set()
    linked = set(mentions(dataset, school=chosen["school"]).programs["program_id"])
    return set(dataset.programs["program_id"]) - linked


@filters_fragment(context)
def explorer_view() -> None:
    """The filters and the view they choose: a filter change reruns only this part of the page."""
    chosen = blocks.filter_bar(context, FilterOptions(schools=list(dataset.schools["school_id"]),
                                                      programs=list(dataset.programs["program_id"]), levels=[]),
                               params=("school", "program"), apart=programs_apart)
    show_notices(context)
    # A link to this same page (the directory below) changes the view but not the address bar: write the
    # ids back so the address, and any link copied from it, shows this view.
    for param, chosen_id in (("school", chosen.school), ("program", chosen.program)):
        if chosen_id:
            st.query_params[param] = chosen_id
    if chosen.school or chosen.program:
        blocks.briefing_box(context, scope="explorer", chosen=chosen)
        everything_about(chosen)
    else:
        directory()


explorer_view()
footer(context)
