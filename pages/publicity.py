"""Section 七: publicity: the WeChat account's output, media coverage (mostly lower bounds) and honours."""

from lipu_data.section_page import section_page

section_page(__file__)
