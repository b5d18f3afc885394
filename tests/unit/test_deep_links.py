"""What a signed-out link may carry through the sign-in: the portal's own pages and ids only."""

from __future__ import annotations

import pytest

from ui.deep_links import link_text, parse_link


def test_a_page_and_its_ids_round_trip():
    text = link_text("review_queue", {"application": "1931"})
    assert text == "review_queue?application=1931"
    assert parse_link(text) == ("review_queue", {"application": "1931"})
    assert parse_link("partner") == ("partner", {})


@pytest.mark.parametrize(
    "page, params",
    [
        ("../admin", {}),
        ("https://evil.example", {}),
        ("Review_queue", {}),
        ("x" * 41, {}),
        ("review_queue", {"application": "1 OR 1=1"}),
        ("review_queue", {"next": "https://evil.example/"}),
        ("review_queue", {f"p{i}": "1" for i in range(6)}),
    ],
)
def test_anything_else_is_not_kept(page, params):
    assert link_text(page, params) is None


@pytest.mark.parametrize(
    "stored", ["", None, "review_queue?application=1&application=2", "//evil.example", "a?b=%0a"]
)
def test_a_stored_link_that_is_not_one_the_portal_wrote_is_ignored(stored):
    assert parse_link(stored) is None
