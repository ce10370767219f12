"""The browser tests share one tab per module (tests/browser/conftest.py): what one test leaves in it never reaches the next."""

from __future__ import annotations

from harness.serving import ModuleTab, console_errors, new_app_context, open_app


def test_the_next_test_starts_as_a_new_visitor(browser, app_server):
    """Storage, cookies, extra tabs, print media, a changed window size and console errors left by one test are gone
    when the next one gets the tab, and the tab is the same one (the frontend stays loaded)."""
    context = new_app_context(browser, app_server.url, phone=True)
    try:
        shared = ModuleTab(context)
        first = shared.for_a_test()
        open_app(first, "/levels?lang=en")
        first.evaluate("() => { localStorage.setItem('left', '1'); sessionStorage.setItem('left', '1'); }")
        context.add_cookies([{"name": "left", "value": "1", "url": app_server.url}])
        first.emulate_media(media="print")
        first.set_viewport_size({"width": 900, "height": 500})
        context.new_page()
        first.lipu_console.append("an error of the first test")
        shared.reset()

        second = shared.for_a_test()
        assert second is first
        assert len(context.pages) == 1
        assert context.cookies() == []
        assert console_errors(second, include_known=True) == []
        assert second.viewport_size == {"width": 390, "height": 844}
        open_app(second, "/levels?lang=en")
        assert second.evaluate("() => [localStorage.getItem('left'), sessionStorage.getItem('left')]") == [None, None]
        assert second.evaluate("matchMedia('print').matches") is False
    finally:
        context.close()
