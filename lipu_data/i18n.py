"""Interface strings in Chinese and English, and number/date formatting per language (no streamlit)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Mapping

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

# One entry per interface string: {"zh": ..., "en": ...}. Data text (labels, names, quotes) lives in
# data/, never here.
STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"zh": "荔浦市 2023 年度教育工作情况", "en": "Lipu City education in 2023"},
    "app_subtitle": {
        "zh": "荔浦市教育局年度工作报告的交互版：每个数字都可追溯到原文。",
        "en": "An interactive edition of the Lipu City Education Bureau's annual report: every number traced to its source sentence.",
    },
    "menu": {"zh": "目录", "en": "Contents"},
    "page_overview": {"zh": "概览", "en": "Overview"},
    "page_leadership": {"zh": "一、党的领导", "en": "1 Party leadership"},
    "page_governance": {"zh": "二、依法治校与清廉学校", "en": "2 Governance and clean schools"},
    "page_levels": {"zh": "三、各学段教育", "en": "3 Education by level"},
    "page_resources": {"zh": "四、教育资源", "en": "4 Resources"},
    "page_teachers": {"zh": "五、师资队伍", "en": "5 Teachers"},
    "page_safety": {"zh": "六、平安校园", "en": "6 Safety"},
    "page_publicity": {"zh": "七、教育宣传", "en": "7 Publicity"},
    "page_explorer": {"zh": "学校与举措检索", "en": "Schools and programmes"},
    "page_sources": {"zh": "原文与数据", "en": "Report and data"},
    "summary_overview": {
        "zh": "七个部分的主要数字、2023 年大事记，以及本报告的来源。",
        "en": "Headline figures of all seven sections, the events of 2023, and where the report comes from.",
    },
    "summary_leadership": {
        "zh": "报告此部分没有数字：这里列出各项举措及其关联。",
        "en": "This section of the report has no figures: here are its programmes and what they connect to.",
    },
    "summary_governance": {
        "zh": "规章制度、清廉学校建设（示范校创建与示范点）、日常监督与勤廉榜样。",
        "en": "Rules, clean-school building (a demonstration-school candidate and demonstration points), supervision and role models of diligence and integrity.",
    },
    "summary_levels": {
        "zh": "学前教育示范园、集团化办园、学区制改革、高考和中职成绩。",
        "en": "Demonstration kindergartens, kindergarten groups, the school-district reform, gaokao and vocational results.",
    },
    "summary_resources": {
        "zh": "基建与新建项目、信息化、课后服务、学生资助与贷款。",
        "en": "Construction and new projects, informatisation, after-school services, student aid and loans.",
    },
    "summary_teachers": {
        "zh": "先进教师、荣誉与国家教师队伍改革试点。",
        "en": "Outstanding teachers, their honours and the national teacher-reform pilot.",
    },
    "summary_safety": {
        "zh": "法治副校长、校园安全、防溺水与心理健康。",
        "en": "Legal vice-principals, campus safety, drowning prevention and mental health.",
    },
    "summary_publicity": {
        "zh": "公众号与媒体报道的数量（多为下限）和获得的荣誉。",
        "en": "Output of the WeChat account and media coverage (mostly lower bounds), and honours.",
    },
    "summary_explorer": {
        "zh": "选择一所学校或一项举措，查看报告中关于它的全部内容。",
        "en": "Pick a school or a programme and see everything the report says about it.",
    },
    "summary_sources": {
        "zh": "报告全文（段落编号、可搜索、标出数字），各数据表下载，以及数据说明。",
        "en": "The full report text (numbered, searchable, figures marked), every data table to download, and the data notes.",
    },
    "language": {"zh": "语言", "en": "Language"},
    "filter_school": {"zh": "学校", "en": "School"},
    "filter_program": {"zh": "举措", "en": "Programme"},
    "filter_level": {"zh": "学段", "en": "Education level"},
    "filter_all": {"zh": "全部", "en": "All"},
    "filters": {"zh": "筛选", "en": "Filters"},
    "unknown_param": {
        "zh": "链接中的 {param}={value} 无法识别，已忽略。",
        "en": "The link's {param}={value} is not recognised and was ignored.",
    },
    "nothing_matches": {
        "zh": "当前筛选条件下，本页没有相关内容。可清除筛选查看全部。",
        "en": "Nothing on this page matches the current filters. Clear them to see everything.",
    },
    "key_figures": {"zh": "主要数字", "en": "Key figures"},
    "charts": {"zh": "图表", "en": "Charts"},
    "no_chart": {
        "zh": "当前筛选下没有可画成图表的数字；本页的数字见下方“主要数字”。",
        "en": "No chart for this selection; its figures are under Key figures below.",
    },
    "details": {"zh": "详情", "en": "Details"},
    "source": {"zh": "来源", "en": "Source"},
    "stated": {"zh": "报告原数", "en": "Stated"},
    "derived": {"zh": "推算", "en": "Derived"},
    "estimate": {"zh": "估算", "en": "Estimate"},
    "chart_alt": {"zh": "图表：{title}（数值见图下文字）", "en": "Chart: {title} (its figures are in the text below it)"},
    "lower_bound": {"zh": "下限（原文“多”）", "en": "Lower bound (the report says 'more than')"},
    "formula": {"zh": "公式", "en": "Formula"},
    "inputs": {"zh": "输入", "en": "Inputs"},
    "paragraph": {"zh": "段落", "en": "Paragraph"},
    "open_in_report": {"zh": "在原文中查看", "en": "Open in the report"},
    "source_hint": {"zh": "点按或悬停数字旁的 ? 图标，查看原文句子或计算公式。",
                    "en": "Tap or hover the ? beside a figure for its sentence in the report or its formula."},
    "show_data": {"zh": "查看数据", "en": "Show data"},
    "all_figures_table": {"zh": "全部数字（表格，{count} 项）", "en": "All figures as a table ({count})"},
    "source_paragraphs": {"zh": "原文段落（{count} 段）", "en": "Source paragraphs ({count})"},
    "schools_named": {"zh": "报告点名的学校（{count} 所）", "en": "Schools the report names ({count})"},
    "tab_kindergarten_tiers": {"zh": "幼儿园", "en": "Kindergartens"},
    "tab_kindergarten_groups": {"zh": "幼教集团", "en": "Kindergarten groups"},
    "tab_gaokao_comparison": {"zh": "高考", "en": "Gaokao"},
    "tab_vocational_rates": {"zh": "中职", "en": "Vocational"},
    "tab_spending": {"zh": "基建投入", "en": "Construction spending"},
    "tab_equipment_spending": {"zh": "设备购置", "en": "Equipment spending"},
    "no_figures_more_below": {
        "zh": "当前筛选条件下，本页没有数字；本页下方仍有与之相关的内容。",
        "en": "With these filters this page has no figures, but it still has something about them further down.",
    },
    "everything_about": {"zh": "报告关于“{name}”的全部内容", "en": "Everything the report says about {name}"},
    "clear_filters": {"zh": "清除筛选", "en": "Clear filters"},
    "no_rows": {"zh": "当前筛选条件下没有条目。", "en": "No entries with these filters."},
    "apart_option": {"zh": "{name}（与所选学校无关）", "en": "{name} (not linked to the chosen school)"},
    "pair_nothing": {
        "zh": "报告没有同时提及“{school}”和“{program}”的内容。可分别查看：",
        "en": "The report says nothing that concerns both {school} and {program}. See each on its own:",
    },
    "page_search": {"zh": "搜索", "en": "Search"},
    "summary_search": {
        "zh": "在全部数字、学校、项目和报告原文中查找（中英文均可）。",
        "en": "Find any figure, school, programme or paragraph of the report (in Chinese or English).",
    },
    "search_label": {"zh": "搜索", "en": "Search"},
    "search_everything_help": {
        "zh": "输入数字、学校名（含简称）、项目或原文中的词，例如：职校、课后服务、468。",
        "en": "Type a figure, a school's name (or short name), a programme or words of the report, e.g. after-school, 468.",
    },
    "search_hits": {"zh": "“{q}”：{n} 条结果", "en": "{n} results for '{q}'"},
    "search_no_hits": {"zh": "没有找到“{q}”。可换一个词，或用中文/英文再试。",
                       "en": "Nothing found for '{q}'. Try another word, or the other language."},
    "ambiguous_name": {"zh": "链接中的“{value}”可指多个对象，请选择：{choices}", "en": "'{value}' in the link could mean several; choose one: {choices}"},
    "search_kind_figure": {"zh": "数字", "en": "Figures"},
    "search_kind_school": {"zh": "学校", "en": "Schools"},
    "search_kind_program": {"zh": "项目与举措", "en": "Programmes and measures"},
    "search_kind_term": {"zh": "术语", "en": "Glossary terms"},
    "search_kind_paragraph": {"zh": "原文段落", "en": "Report paragraphs"},
    "other_projects": {"zh": "新建的信息化教室（不计入上图）", "en": "New IT rooms (not counted in the chart above)"},
    "timeline_undated": {"zh": "另有 {n} 项只注明年份、未注明月份的事件，列在上方清单中，不画入图中。",
                         "en": "{n} more events give only the year, not the month: they are in the list above, not on the chart."},
    "tab_projects_by_township": {"zh": "新建项目", "en": "New projects"},
    "tab_aid_share": {"zh": "资助份额", "en": "Aid share"},
    "tab_aid_amounts": {"zh": "资助金额", "en": "Aid amounts"},
    "tab_aid_per_unit": {"zh": "平均金额", "en": "Averages"},
    # Chart titles, by chart key (lipu_data/section_charts.py): the page and the PDF briefing show the same.
    "chart_kindergarten_tiers": {"zh": "示范幼儿园与普惠性民办园（之前与现在）",
                                 "en": "Demonstration and inclusive kindergartens, before and now"},
    "chart_kindergarten_groups": {"zh": "幼儿园集团", "en": "Kindergarten groups"},
    "chart_gaokao_comparison": {"zh": "高考上线人数：2022 与 2023", "en": "Gaokao candidates reaching the cut-off: 2022 and 2023"},
    "chart_vocational_rates": {"zh": "中职升学与就业", "en": "Vocational exam and employment rates"},
    "chart_spending": {"zh": "2023 年教育经费基建投入", "en": "Capital construction spending in 2023"},
    "chart_equipment_spending": {"zh": "近三年设备购置经费：合计与年均",
                                 "en": "Equipment spending over the last three years: total and yearly average"},
    "chart_projects_by_township": {"zh": "新建基建项目所在乡镇", "en": "New construction projects by township"},
    "chart_aid_share": {"zh": "脱贫户、监测户学生所占份额", "en": "Share of student aid going to students from households lifted out of poverty or monitored for relapse"},
    "chart_aid_amounts": {"zh": "学生资助与贷款金额", "en": "Student aid and loan amounts"},
    "chart_aid_per_unit": {"zh": "平均每笔、每人次金额", "en": "Average per loan and per person-time"},
    "chart_safety_people": {"zh": "法治副校长、与会人数与溺亡人数",
                            "en": "Legal vice-principals, meeting attendance and drowning deaths"},
    "chart_publicity_output": {"zh": "稿件与报道（下限）", "en": "Articles and reports (lower bounds)"},
    "honours_count": {"zh": "荣誉（{count} 项）", "en": "Honours ({count})"},
    "timeline_empty": {"zh": "{year} 年的报告没有记下注明日期的事件。", "en": "The {year} report records no dated events."},
    "timeline_chart": {"zh": "大事记图表", "en": "Timeline as a chart"},
    "people_count": {"zh": "报告点名的人物（{count} 位）", "en": "People the report names ({count})"},
    "rows_table": {"zh": "表格（{count} 行）", "en": "As a table ({count} rows)"},
    "facts_per_section": {"zh": "各部分的数字条目", "en": "Figures per section"},
    "download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "chart_source": {"zh": "来源：《荔浦市 2023 年度教育工作情况》，段落 {paragraphs}", "en": "Source: Lipu City education work in 2023, paragraphs {paragraphs}"},
    "share": {"zh": "分享此视图", "en": "Share this view"},
    "share_help": {
        "zh": "复制链接或扫描二维码，打开的是同一视图（页面、筛选和语言）。",
        "en": "Copy the link or scan the code: it opens this same view (page, filters, language).",
    },
    "share_base_missing": {
        "zh": "链接使用您当前打开本应用的地址。",
        "en": "The link uses the address you opened the app at.",
    },
    "footer": {
        "zh": "数据来源：荔浦市教育局《荔浦市 2023 年度教育工作情况》。英文校名为非官方译名。",
        "en": "Source: Lipu City Education Bureau, 'Lipu City education work in 2023'. English school names are unofficial translations.",
    },
    "data_error_title": {"zh": "数据未通过校验", "en": "The data failed validation"},
    "data_error_body": {
        "zh": "data/ 中的数据有误，应用暂停显示以免展示不完整的数字。请修正以下问题（文件:行:列）后重新加载：",
        "en": "The files in data/ have errors, so the app shows nothing rather than partial figures. Fix these (file:row:column) and reload:",
    },
    "timeline": {"zh": "{year} 年大事记", "en": "Events of {year}"},
    "about_report": {"zh": "关于本报告", "en": "About the report"},
    "go_to_page": {"zh": "前往：{page}", "en": "Go to: {page}"},
    "measures": {"zh": "举措", "en": "Programmes"},
    "measures_count": {"zh": "举措（{count} 项）", "en": "Programmes ({count})"},
    "honours": {"zh": "荣誉与称号", "en": "Honours and designations"},
    "events": {"zh": "事件", "en": "Events"},
    "projects": {"zh": "建设与信息化项目", "en": "Construction and IT projects"},
    "schools": {"zh": "学校", "en": "Schools"},
    "programs": {"zh": "举措", "en": "Programmes"},
    "people": {"zh": "人物", "en": "People"},
    "facts": {"zh": "数字", "en": "Figures"},
    "source_sentences": {"zh": "原文句子", "en": "Source sentences"},
    "explorer_pick": {"zh": "请选择一所学校或一项举措。", "en": "Pick a school or a programme."},
    "mention_counts": {"zh": "报告中提到：", "en": "Mentions in the report:"},
    "search_text": {"zh": "搜索原文", "en": "Search the report"},
    "search_results": {"zh": "{n} 个段落包含“{q}”", "en": "{n} paragraphs contain '{q}'"},
    "download_package": {"zh": "下载完整数据包（zip，含 datapackage.json）", "en": "Download the whole data package (zip, with datapackage.json)"},
    "tables": {"zh": "数据表", "en": "Data tables"},
    "data_notes": {"zh": "数据说明", "en": "Data notes"},
    "selected_paragraph": {"zh": "所选段落", "en": "Selected paragraph"},
    "figures_marked": {"zh": "段中数字：", "en": "Figures in this paragraph:"},
    "click_hint": {"zh": "点击图中的条形可查看该数字的来源，并筛选下方内容。", "en": "Click a bar to see that figure's source and narrow what follows."},
    "selected": {"zh": "已选：{label}", "en": "Selected: {label}"},
    "township": {"zh": "乡镇", "en": "Township"},
    "township_unknown": {"zh": "报告未说明", "en": "Not stated in the report"},
    "level": {"zh": "学段", "en": "Level"},
    "unofficial_name": {"zh": "非官方译名", "en": "unofficial English name"},
    "year": {"zh": "年份", "en": "Year"},
    "date": {"zh": "日期", "en": "Date"},
    "count_unit": {"zh": "数量", "en": "Count"},
    "value": {"zh": "数值", "en": "Value"},
    "label": {"zh": "名称", "en": "Name"},
    "kind": {"zh": "类型", "en": "Kind"},
    "period": {"zh": "时期", "en": "Period"},
    "status": {"zh": "状态", "en": "Status"},
    "status_started": {"zh": "开工建设", "en": "Started"},
    "status_completed": {"zh": "已完成", "en": "Completed"},
    "kind_construction": {"zh": "基建", "en": "Construction"},
    "kind_it": {"zh": "信息化", "en": "IT"},
    "recipient": {"zh": "获得者", "en": "Recipient"},
    "honour": {"zh": "荣誉", "en": "Honour"},
    "scope": {"zh": "级别", "en": "Scope"},
    "scope_national": {"zh": "国家级", "en": "National"},
    "scope_regional": {"zh": "自治区级", "en": "Regional (Guangxi)"},
    "scope_city": {"zh": "桂林市级", "en": "City (Guilin)"},
    "scope_county": {"zh": "县级", "en": "County"},
    "role": {"zh": "角色", "en": "Role"},
    "no_numbers_note": {
        "zh": "本部分报告没有给出数字，因此这里不画图。",
        "en": "The report gives no numbers in this section, so there is no chart here.",
    },
    "year_over_year": {"zh": "与 2022 年比较", "en": "Compared with 2022"},
    "vs_2022": {"zh": "比 2022 年", "en": "vs 2022"},
    "demonstration_schools": {"zh": "清廉学校：示范校创建与示范点", "en": "Clean schools: a demonstration-school candidate and demonstration points"},
    "district_reform": {"zh": "学区制“四化”改革的四个维度", "en": "The four dimensions of the school-district reform"},
    "students_top": {"zh": "高分考生", "en": "Top-scoring candidates"},
    "dimension": {"zh": "维度", "en": "Dimension"},
    "share_of_total": {"zh": "占比", "en": "Share"},
    "related_measures": {"zh": "与之相连的举措", "en": "Programmes it connects to"},
    "named_schools_note": {
        "zh": "按报告点名的学校计数；原文示范点名单以“等”结尾，实际可能更多。",
        "en": "Counts the schools the report names; its list of demonstration points ends with 等 ('and others'), so there may be more.",
    },
    # Explorer and sources pages.
    "name_zh": {"zh": "中文名", "en": "Chinese name"},
    "name_en": {"zh": "英文名（非官方）", "en": "English name (unofficial)"},
    "english_name": {"zh": "英文名", "en": "English name"},
    "section": {"zh": "报告部分", "en": "Report section"},
    "section_n": {"zh": "报告第 {n} 部分", "en": "Report section {n}"},
    "paragraph_count": {"zh": "提及段落数", "en": "Paragraphs mentioning it"},
    "paragraphs_n": {"zh": "提及段落：{n}", "en": "paragraphs: {n}"},
    "paragraphs_metric": {"zh": "原文段落", "en": "Paragraphs"},
    "roles_metric": {"zh": "参与关系", "en": "Roles"},
    "metric_projects": {"zh": "建设项目", "en": "Projects"},
    "metric_honours": {"zh": "荣誉", "en": "Honours"},
    "metric_programs": {"zh": "举措", "en": "Programmes"},
    "show_as_table": {"zh": "以表格查看", "en": "Show as a table"},
    "directory_more": {"zh": "另有 {n} 项未列出：请用上方的选择框，或以表格查看全部。",
                       "en": "{n} more not listed here: pick one above, or show them all as a table."},
    "aliases": {"zh": "报告中的其他写法", "en": "Also written in the report as"},
    "township_evidence": {"zh": "依据原文：{words}", "en": "from the report's words: {words}"},
    "school_note": {"zh": "说明", "en": "Note"},
    "related_programs": {"zh": "参与的举措", "en": "Programmes it takes part in"},
    "related_schools": {"zh": "参与的学校", "en": "Schools taking part"},
    "both_chosen": {
        "zh": "显示同时涉及“{school}”和“{program}”的内容。",
        "en": "Showing what concerns both '{school}' and '{program}'.",
    },
    "all_figures": {"zh": "全部数字（含往年）", "en": "All figures (earlier periods included)"},
    "open_paragraph": {"zh": "在原文中查看 ¶{pid}", "en": "Open ¶{pid} in the report"},
    "report_text": {"zh": "报告全文", "en": "Report text"},
    "full_text_follows": {"zh": "报告全文见下方，此段已加框标出。", "en": "The full text follows below, with this paragraph framed."},
    "cited_here": {"zh": "引用本段的数据", "en": "Data citing this paragraph"},
    "nothing_cites": {"zh": "数据中没有引用本段的条目。", "en": "No data row cites this paragraph."},
    "search_help": {
        "zh": "不区分大小写，忽略空格。清空即显示全文。",
        "en": "Case-insensitive, spaces ignored. Clear it to see the full text.",
    },
    "no_search_hits": {"zh": "没有段落包含“{q}”。", "en": "No paragraph contains '{q}'."},
    "marked_hint": {"zh": "蓝底粗体文字为数据表中引用的数字原文。", "en": "Bold text on blue is the passage a figure in the data is quoted from."},
    "rows_n": {"zh": "{n} 行", "en": "rows: {n}"},
    "download_table": {"zh": "下载 {file}", "en": "Download {file}"},
    "tables_help": {
        "zh": "每张表可下载原始 CSV 文件（UTF-8）或 Excel 文件；字段说明见数据包中的 datapackage.json。",
        "en": "Each table as its original CSV file (UTF-8) or as an Excel file; datapackage.json in the package describes every column.",
    },
    "topic_oddity": {"zh": "原文的特殊之处", "en": "Oddities of the report"},
    "topic_reading": {"zh": "解读方式", "en": "How the report is read"},
    "topic_derivation": {"zh": "推算方法", "en": "How derived figures are computed"},
    "concerns_fact": {"zh": "涉及数字：{label}（{value}）", "en": "Concerns the figure: {label} ({value})"},
    "derived_facts": {"zh": "全部推算数字及其公式", "en": "All derived figures and their formulas"},
    # Briefings (PDF), chart images and printing (issue 15).
    "qualifier": {"zh": "限定", "en": "Qualifier"},
    "qualifier_exact": {"zh": "确数", "en": "exact"},
    "qualifier_at_least": {"zh": "下限（原文“多”“超”）", "en": "at least (lower bound)"},
    "qualifier_estimate": {"zh": "估算", "en": "estimate"},
    "briefing_chart_n": {"zh": "图 {n}", "en": "Chart {n}"},
    "briefing_note_ref": {"zh": "注", "en": "Note"},
    "briefing_sources": {"zh": "数字出处", "en": "Sources of the figures"},
    "briefing_no_filters": {"zh": "无筛选", "en": "No filters"},
    "briefing_report": {"zh": "报告", "en": "Report"},
    "briefing_filters": {"zh": "筛选条件", "en": "Filters"},
    "briefing_generated": {"zh": "生成时间", "en": "Generated"},
    "briefing_link": {"zh": "在线查看", "en": "Live view"},
    "briefing_nothing": {"zh": "在这些筛选条件下，本部分没有可显示的内容。请在线更改或清除筛选条件。",
                         "en": "With these filters this part of the report has nothing to show. Change or clear the filters in the app."},
    "briefing_summary": {"zh": "内容", "en": "Summary"},
    "briefing_named_schools": {"zh": "报告点名的学校", "en": "Schools the report names"},
    "briefing_report_subtitle": {"zh": "交互版全文简报：数字、图表、出处与原文", "en": "Briefing edition: figures, charts, sources and the full text"},
    "briefing_contents": {"zh": "目录", "en": "Contents"},
    "briefing_live_view": {"zh": "扫码或打开链接，在线查看同一视图：", "en": "Scan or open the link to see the same view in the app:"},
    "briefing_made_by": {"zh": "由荔浦教育报告交互版根据数据生成；英文校名为非官方译名。",
                         "en": "Generated from the data by the interactive edition of the Lipu education report; English school names are unofficial."},
    "make_pdf": {"zh": "生成 PDF", "en": "Make PDF"},
    "download_pdf": {"zh": "下载 PDF", "en": "Download PDF"},
    "pdf_help": {"zh": "本视图的打印版简报：全部图表、数字及其原文出处、数据说明和返回本视图的二维码。",
                 "en": "A print-ready briefing of this view: every chart, the figures with their source sentences, the data notes and a QR code back to this view."},
    "pdf_failed": {"zh": "未能生成 PDF：{reason}", "en": "The PDF could not be made: {reason}"},
    "download_png": {"zh": "图片 PNG", "en": "Image PNG"},
    "download_svg": {"zh": "图片 SVG", "en": "Image SVG"},
    "image_filters": {"zh": "筛选：{filters}", "en": "Filters: {filters}"},
    "image_source": {"zh": "出处：《{report}》段落 {paragraphs}", "en": "Source: {report}, paragraphs {paragraphs}"},
    "print_note": {"zh": "这是网页的打印版。包含全部图表与出处的完整版本，请在页面上点“生成 PDF”下载，或打开：{link}",
                   "en": "This is a printout of the web page. For the complete version with every chart and source, use “Make PDF” on the page, or open: {link}"},
    # Issue 18: unknown link parameters in one notice, last good data, spreadsheet downloads.
    "unknown_params": {
        "zh": "链接中的 {n} 个参数无法识别，已忽略：{names}",
        "en": "The link's {n} unrecognised parameter(s) were ignored: {names}",
    },
    "stale_data": {
        "zh": "显示的是 {version} 版本的数据；data/ 中有一处更新未通过校验，修正后将自动显示。",
        "en": "Showing the data as of {version}; an update to data/ is waiting for corrections and will appear once it passes validation.",
    },
    "download_xlsx": {"zh": "下载 Excel", "en": "Download Excel"},
    "download_workbook": {"zh": "下载全部表格（Excel 工作簿，每表一页）", "en": "Download all tables as one Excel workbook"},
    # Issue 19: text size, the chat browser's download hint, the accessibility statement.
    "text_size": {"zh": "字号", "en": "Text size"},
    "text_size_s": {"zh": "小", "en": "Small"},
    "text_size_m": {"zh": "中", "en": "Medium"},
    "text_size_l": {"zh": "大", "en": "Large"},
    "chat_browser_hint": {
        "zh": "微信内无法下载文件：点击右上角 ⋯，选择“在浏览器打开”后再下载。",
        "en": "WeChat cannot download files: tap ⋯ at the top right and choose 'Open in Browser', then download.",
    },
    "accessibility_statement": {"zh": "无障碍声明", "en": "Accessibility statement"},
    "qr_alt": {"zh": "上方链接的二维码", "en": "QR code of the link above"},
    "statement_contact": {"zh": "联系方式：{contact}", "en": "Contact: {contact}"},
    "statement_no_contact": {
        "zh": "本站点的运营方尚未提供联系方式；请告知向您发送此链接的人，或联系荔浦市教育局。",
        "en": "Whoever runs this copy of the app has not given a contact yet; please tell the person who sent you "
              "the link, or contact the Lipu City Education Bureau.",
    },
    # Issue 16: translations of the report's paragraphs, the glossary, reader-facing names.
    "unofficial_translation": {"zh": "英文译文（非官方）", "en": "Unofficial English translation"},
    "translation_note": {
        "zh": "英文模式下，每段原文下附有非官方英文译文；以中文原文为准。",
        "en": "Each paragraph is followed by our unofficial English translation; the Chinese text is the source.",
    },
    "glossary": {"zh": "术语表", "en": "Glossary"},
    "glossary_help": {
        "zh": "报告中的专门用语：英文译法与简短释义（非官方），以及使用它的段落。",
        "en": "Terms of the report: their English rendering and a short definition (ours, unofficial), and the paragraphs that use them.",
    },
    "selected_term": {"zh": "链接所指的术语", "en": "The term the link points to"},
    "terms_used": {"zh": "术语", "en": "Terms"},
    "measure": {"zh": "口径", "en": "Measure"},
    "glossary_matches": {"zh": "{n} 个术语与“{q}”相符", "en": "{n} terms match '{q}'"},
    "vs_span_start": {"zh": "较近{n}年之初", "en": "since the start of the last {n} years"},
    "report_amount": {"zh": "报告原数：{wan}，即 {yuan}", "en": "The report's figure: {wan} (万元 = 10,000 yuan), exactly {yuan}"},
}

REFORM_DIMENSIONS = (
    {"zh": "运行机制一体化", "en": "Integrated operating mechanisms"},
    {"zh": "教育资源共享化", "en": "Shared educational resources"},
    {"zh": "师资力量均衡化", "en": "Balanced teaching staff"},
    {"zh": "文化建设特色化", "en": "Distinctive school culture"},
)

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def normalize_language(value: Any) -> str | None:
    """Return "zh" or "en" for a supported code (case-insensitive, region ignored), else None."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else None


def language_from_locale(locale: str | None) -> str:
    """The language a browser locale asks for, falling back to Chinese."""
    return normalize_language(locale) or DEFAULT_LANGUAGE


def t(key: str, lang: str, **values: Any) -> str:
    """Look up an interface string; a missing key raises KeyError so gaps are caught by tests."""
    text = STRINGS[key][lang]
    return text.format(**values) if values else text


def pick(row: Mapping[str, Any], field: str, lang: str) -> str:
    """The `<field>_<lang>` value of a data row (e.g. label_en), falling back to the other language."""
    value = row.get(f"{field}_{lang}")
    if value is None or value != value or value == "":  # None or NaN or empty
        other = "zh" if lang == "en" else "en"
        value = row.get(f"{field}_{other}")
    return "" if value is None or value != value else str(value)


def _plain_number(value: float) -> str:
    """Write a number without float noise or trailing zeros (1666.71325 stays 1666.71325)."""
    text = format(Decimal(repr(float(value))).normalize(), "f")
    return text


def _grouped(value: float, lang: str) -> str:
    """Group thousands for English readers; Chinese reports write plain digits."""
    text = _plain_number(value)
    if lang != "en":
        return text
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    grouped = f"{int(whole):,}"
    return f"{sign}{grouped}.{fraction}" if fraction else f"{sign}{grouped}"


def format_date(period: str, lang: str) -> str:
    """A date of year, month or day precision, written for the language."""
    parts = [int(p) for p in str(period).split("-")]
    if lang == "zh":
        suffixes = ("年", "月", "日")
        return "".join(f"{p}{s}" for p, s in zip(parts, suffixes))
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{MONTHS_EN[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {MONTHS_EN[parts[1] - 1]} {parts[0]}"


def format_period(period: str, lang: str) -> str:
    """A period: a year, an as-of month, a date or a span YYYY/YYYY."""
    period = str(period)
    if "/" in period:
        start, end = period.split("/")
        return f"{start}—{end}年" if lang == "zh" else f"{start}–{end}"
    return format_date(period, lang)


def ordinal(number: int) -> str:
    """An English ordinal: 1st, 2nd, 3rd, 11th, 27th, 37th."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th')}"


def _money(yuan: Decimal, lang: str) -> str:
    """Yuan, exact: whole yuan as an integer, anything finer to the fen (two decimals, as money is written),
    never rounded (a value finer than the fen keeps its digits)."""
    yuan = yuan.normalize()
    decimals = max(0, -yuan.as_tuple().exponent)
    if decimals:
        yuan = yuan.quantize(Decimal(1).scaleb(-max(2, decimals)))
    text = format(yuan, "f")
    if lang != "en":
        return text
    whole, _, fraction = text.partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def _lower_bound(number: str, value: float, suffix: str, lang: str) -> str:
    """A lower bound as the report writes it in Chinese (150多人; 超20万 for whole ten-thousands) and as an
    English reader writes it ("more than 150"; "over 200,000")."""
    large = value >= 10000 and value % 10000 == 0
    if lang == "zh":
        return f"超{_plain_number(value / 10000)}万{suffix.strip()}" if large else f"{number}多{suffix.strip()}"
    return f"{'over' if large else 'more than'} {number}{suffix}"


def format_value(value: float | None, unit: str, lang: str, qualifier: str = "exact", period: str = "") -> str:
    """A figure as a native reader writes it: '2232.08 万元' / '22,320,800 yuan', '150多人' / 'more than 150',
    '第27名' / '27th', '≈2159', dates.

    Amounts in 万元 are exact in English too: converted to yuan by shifting the decimal point (no rounding)
    and written to the fen where they have a fraction (1666.71325 万元 = 16,667,132.50 yuan). Yuan amounts
    with a fraction are written to the fen in both languages, so 9341.80 keeps its written zero.
    """
    if unit == "date":
        return format_date(period, lang)
    if value is None or value != value:
        return "—"
    at_least = qualifier == "at_least"
    approx = "≈" if qualifier == "estimate" else ""
    if unit in ("wan_yuan", "yuan"):
        amount = Decimal(repr(float(value)))
        if unit == "wan_yuan" and lang == "zh":
            number, suffix = _plain_number(value), " 万元"
            if at_least:
                return f"{number}多万元"
            return f"{approx}{number}{suffix}"
        yuan = amount * 10000 if unit == "wan_yuan" else amount
        number, suffix = _money(yuan, lang), (" yuan" if lang == "en" else " 元")
        if at_least:
            return _lower_bound(number, float(yuan), suffix, lang)
        return f"{approx}{number}{suffix}"
    number = _grouped(value, lang)
    if unit == "percent":
        if at_least:
            return f"{number}%以上" if lang == "zh" else f"more than {number}%"
        return f"{approx}{number}%"
    if unit == "rank":
        return f"第{number}名" if lang == "zh" else ordinal(int(value))
    suffix = {
        "zh": {"mbps": " Mbps", "years": " 年", "person_times": " 人次", "people": "人", "views": "次"},
        "en": {"mbps": " Mbps", "years": " years", "person_times": " person-times", "people": "", "views": " views"},
    }[lang].get(unit, "")
    if at_least:
        return _lower_bound(number, value, suffix, lang)
    spaced = f" {suffix.strip()}" if lang == "zh" and suffix.strip() and not suffix.startswith(" ") else suffix
    return f"{approx}{number}{spaced}"


def unit_axis_title(unit: str, lang: str) -> str:
    """The unit as an axis title suffix."""
    titles = {
        "zh": {"count": "个数", "people": "人数", "person_times": "人次", "percent": "百分比（%）", "wan_yuan": "金额（万元）",
               "yuan": "金额（元）", "rank": "名次", "mbps": "带宽（Mbps）", "years": "年数", "views": "播放量"},
        "en": {"count": "Count", "people": "People", "person_times": "Person-times", "percent": "Percent (%)",
               "wan_yuan": "Amount (million yuan)", "yuan": "Amount (yuan)", "rank": "Rank", "mbps": "Bandwidth (Mbps)",
               "years": "Years", "views": "Views"},
    }
    return titles[lang].get(unit, unit)


def chart_value(value: float, unit: str, lang: str) -> float:
    """The number a chart plots: 万元 become millions of yuan in English (÷100), as the axis says."""
    if unit == "wan_yuan" and lang == "en":
        return float(Decimal(repr(float(value))) / Decimal(100))
    return float(value)
