"""A sign-in's browser, system and address, as a person reads them in their history."""

from __future__ import annotations

import pytest

from core.platform.hosts import client_address
from core.platform.user_agents import browser_and_system

CHROME_LINUX = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/140.0.0.0 Safari/537.36"
)
EDGE_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


@pytest.mark.parametrize(
    ("header", "named"),
    [
        (CHROME_LINUX, ("Chrome 140", "Linux")),
        (EDGE_WINDOWS, ("Edge 131", "Windows 10")),
        (SAFARI_IPHONE, ("Mobile Safari 17", "iOS 17")),
        ("", ("", "")),
        ("<script>alert(1)</script>", ("", "")),
        ("x" * 100_000, ("", "")),
    ],
)
def test_browsers_and_systems_are_named(header, named):
    assert browser_and_system(header) == named


@pytest.mark.parametrize(
    ("peer", "forwarded", "address"),
    [
        ("203.0.113.7", None, "203.0.113.7"),
        # Behind the load balancer: the address it added last.
        ("127.0.0.1", "198.51.100.2, 203.0.113.9", "203.0.113.9"),
        ("10.0.0.5", "2001:db8::1", "2001:db8::1"),
        # A public peer's own word counts, not a header anyone can send.
        ("93.184.216.34", "198.51.100.2", "93.184.216.34"),
        ("127.0.0.1", "not-an-address", ""),
        (None, None, ""),
        ("127.0.0.1", None, "127.0.0.1"),
    ],
)
def test_the_address_is_the_peer_or_what_the_balancer_saw(peer, forwarded, address):
    assert client_address(peer, forwarded) == address
