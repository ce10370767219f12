"""Section 五: teachers: role models and their honours, and the national teacher-reform pilot."""

from lipu_data.section_page import section_page

section_page(__file__)
