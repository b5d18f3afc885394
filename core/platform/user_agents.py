"""A browser's User-Agent header as a person names it: browser and operating system.

Parsing is the ``ua-parser`` library's (the uap-core patterns); nothing is guessed here.
"""

from __future__ import annotations

from functools import lru_cache

from ua_parser import parse

UNKNOWN = ("", "")


@lru_cache(maxsize=1024)
def browser_and_system(user_agent: str) -> tuple[str, str]:
    """("Chrome 140", "Linux") for a User-Agent header; ("", "") when nothing is known."""
    if not user_agent:
        return UNKNOWN
    found = parse(user_agent[:1000])
    browser = found.user_agent
    system = found.os
    name = ""
    if browser is not None and browser.family != "Other":
        name = f"{browser.family} {browser.major}".strip() if browser.major else browser.family
    os_name = ""
    if system is not None and system.family != "Other":
        os_name = f"{system.family} {system.major}".strip() if system.major else system.family
    return name, os_name
