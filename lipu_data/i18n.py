"""Interface strings in Chinese and English, and a data row's text in the reader's language (no streamlit).

Numbers, dates and units are written by lipu_data.formatting.
"""

from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

# One entry per interface string: {"zh": ..., "en": ...}. Data text (labels, names, quotes) lives in
# data/, never here.
STRINGS: dict[str, dict[str, str]] = {
    # The report's year and title come from the newest row of reports.csv (metrics.report_words).
    "app_title": {"zh": "荔浦市 {year} 年度教育工作情况", "en": "Lipu City education in {year}"},
    "app_name": {"zh": "荔浦市年度教育工作情况", "en": "Lipu City education reports"},
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
        "zh": "七个部分的主要数字、{year} 年大事记，以及本报告的来源。",
        "en": "Headline figures of all seven sections, the events of {year}, and where the report comes from.",
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
    "section_without_figures": {
        "zh": "报告这一部分没有数字；本页下方是它的其他内容。",
        "en": "This part of the report gives no figures; what else it says is further down.",
    },
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
    "honours_count": {"zh": "荣誉（{count} 项）", "en": "Honours ({count})"},
    "timeline_empty": {"zh": "{year} 年的报告没有记下注明日期的事件。", "en": "The {year} report records no dated events."},
    "timeline_chart": {"zh": "大事记图表", "en": "Timeline as a chart"},
    "people_count": {"zh": "报告点名的人物（{count} 位）", "en": "People the report names ({count})"},
    "rows_table": {"zh": "表格（{count} 行）", "en": "As a table ({count} rows)"},
    "facts_per_section": {"zh": "各部分的数字条目", "en": "Figures per section"},
    "download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "chart_source": {"zh": "来源：《{report}》，段落 {paragraphs}", "en": "Source: {report}, paragraphs {paragraphs}"},
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
        "zh": "数据来源：{publisher}《{report}》。英文校名为非官方译名。",
        "en": "Source: {publisher}, '{report}'. English school names are unofficial translations.",
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
    "vs_year": {"zh": "比 {year} 年", "en": "vs {year}"},
    "vs_period": {"zh": "比 {period}", "en": "vs {period}"},
    "students_top": {"zh": "高分考生", "en": "Top-scoring candidates"},
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


def localized_names(frame: pd.DataFrame, id_column: str, lang: str, field: str = "name") -> dict[str, str]:
    """Id -> `<field>_<lang>`, falling back to the other language where empty (as `pick`), for a whole table
    at once: filters and groupings need every name, and row-by-row lookups cost seconds at 100x."""
    other = "zh" if lang == "en" else "en"
    wanted = frame[f"{field}_{lang}"].fillna("").astype(str)
    fallback = frame[f"{field}_{other}"].fillna("").astype(str)
    return dict(zip(frame[id_column], wanted.where(wanted != "", fallback)))
