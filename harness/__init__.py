"""Shared by tests, benches and scripts: start a server and drive Chromium, a websocket session client, scaled data, the WCAG rule engine.

Tests and benches import from here and never from each other (tests/test_import_boundaries.py checks it).
"""
