"""Section 四: infrastructure and projects, informatization, after-school services, student aid and loans."""

from lipu_data.section_page import section_page

section_page(__file__)
