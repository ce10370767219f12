"""Section 三: preschool, compulsory, senior high and vocational education."""

from lipu_data.section_page import section_page

section_page(__file__)
