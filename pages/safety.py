"""Section 六: safety: law education and legal vice-principals, campus safety, drowning, mental health."""

from lipu_data.section_page import section_page

section_page(__file__)
