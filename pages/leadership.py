"""Section 一: the Party's leadership of education. The report gives no numbers here, only measures."""

from lipu_data.section_page import section_page

section_page(__file__)
