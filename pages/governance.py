"""Section 二: law-based governance, clean schools, supervision and integrity role models."""

from lipu_data.section_page import section_page

section_page(__file__)
