"""Which pages each identity is offered; Home.py builds st.navigation from this."""

from __future__ import annotations

from dataclasses import dataclass

from core.identity import Identity, Role
from core.settings import Settings

APPLICANT, TEAM, LOCAL = "nav.section.applicant", "nav.section.team", "nav.section.local"


@dataclass(frozen=True)
class PageSpec:
    path: str
    title_key: str
    icon: str
    section_key: str
    default: bool = False


def offered_pages(
    identity: Identity | None, *, application_state: str | None, settings: Settings
) -> list[PageSpec]:
    """The pages offered to ``identity``; every page re-checks the role itself."""
    if identity is None:
        return [PageSpec("pages/sign_in.py", "nav.sign_in", ":material/login:", "", True)]
    pages: list[PageSpec] = []
    if identity.is_staff:
        pages.append(PageSpec("pages/review_queue.py", "nav.queue", ":material/inbox:", TEAM, True))
        pages.append(PageSpec("pages/partners.py", "nav.partners", ":material/groups:", TEAM))
        if Role.MANAGER in identity.roles:
            pages.append(PageSpec("pages/metrics.py", "nav.metrics", ":material/monitoring:", TEAM))
            pages.append(PageSpec("pages/outbox.py", "nav.outbox", ":material/outbox:", TEAM))
    else:
        partner = application_state == "approved"
        if partner:
            pages.append(
                PageSpec("pages/partner.py", "nav.partner", ":material/verified:", APPLICANT, True)
            )
        pages += [
            PageSpec(
                "pages/status.py",
                "nav.status",
                ":material/description:",
                APPLICANT,
                application_state is not None and not partner,
            ),
            PageSpec(
                "pages/apply.py",
                "nav.apply",
                ":material/handshake:",
                APPLICANT,
                application_state is None,
            ),
        ]
    if settings.uses_local_defaults:
        pages.append(PageSpec("pages/mailbox.py", "nav.mailbox", ":material/mail:", LOCAL))
    return pages
