"""Which pages each identity is offered; Home.py builds st.navigation from this."""

from __future__ import annotations

from dataclasses import dataclass

from core.identity import Identity
from core.settings import Settings


@dataclass(frozen=True)
class PageSpec:
    path: str
    title_key: str
    icon: str
    section_key: str
    default: bool = False


def offered_pages(
    identity: Identity | None, *, has_application: bool, settings: Settings
) -> list[PageSpec]:
    """The pages offered to ``identity``; every page re-checks the role itself."""
    if identity is None:
        return [PageSpec("pages/sign_in.py", "nav.sign_in", ":material/login:", "", True)]
    if identity.is_staff:
        return [
            PageSpec(
                "pages/review_queue.py",
                "nav.queue",
                ":material/inbox:",
                "nav.section.team",
                default=True,
            )
        ]
    return [
        PageSpec(
            "pages/status.py",
            "nav.status",
            ":material/description:",
            "nav.section.applicant",
            default=has_application,
        ),
        PageSpec(
            "pages/apply.py",
            "nav.apply",
            ":material/handshake:",
            "nav.section.applicant",
            default=not has_application,
        ),
    ]
