"""Which pages each identity is offered; Home.py builds st.navigation from this."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.platform.identity import Identity, Role
from core.platform.settings import Settings

# "Become a partner" is offered to those who may apply: not while an application
# waits for a decision, and not to partners.
CAN_APPLY = (None, "rejected", "withdrawn")
APPLICANT, PARTNER, TEAM, LOCAL = (
    "nav.section.applicant",
    "nav.section.partner",
    "nav.section.team",
    "nav.section.local",
)


@dataclass(frozen=True)
class PageSpec:
    path: str
    title_key: str
    icon: str
    section_key: str
    default: bool = False


def offered_pages(
    identity: Identity | None,
    *,
    application_state: str | None,
    settings: Settings,
    customer_link: str | None = None,
) -> list[PageSpec]:
    """The pages offered to ``identity``; every page re-checks the role itself.

    ``customer_link`` is the state of the account's latest link as a partner's
    customer: an account with an invitation waiting lands on it, before anything else.
    """
    if identity is None:
        return [PageSpec("pages/sign_in.py", "nav.sign_in", ":material/login:", "", True)]
    pages: list[PageSpec] = []
    if identity.is_finance:
        pages.append(
            PageSpec(
                "pages/finance.py",
                "nav.finance",
                ":material/payments:",
                TEAM,
                not identity.is_staff,
            )
        )
    if identity.is_staff:
        pages.append(PageSpec("pages/review_queue.py", "nav.queue", ":material/inbox:", TEAM, True))
        pages.append(
            PageSpec("pages/customer_links.py", "nav.customer_links", ":material/link:", TEAM)
        )
        pages.append(
            PageSpec(
                "pages/discount_requests.py", "nav.discount_requests", ":material/percent:", TEAM
            )
        )
        pages.append(PageSpec("pages/partners.py", "nav.partners", ":material/groups:", TEAM))
        if Role.MANAGER in identity.roles:
            pages.append(PageSpec("pages/metrics.py", "nav.metrics", ":material/monitoring:", TEAM))
            pages.append(PageSpec("pages/outbox.py", "nav.outbox", ":material/outbox:", TEAM))
    if identity.is_team:
        pages.append(PageSpec("pages/reports.py", "nav.reports", ":material/bar_chart:", TEAM))
    else:
        partner = application_state == "approved"
        invited = customer_link == "invited"
        if customer_link is not None:
            pages.append(
                PageSpec(
                    "pages/invitation.py", "nav.invitation", ":material/mail:", APPLICANT, invited
                )
            )
        if partner:
            pages.append(
                PageSpec(
                    "pages/partner.py", "nav.partner", ":material/verified:", PARTNER, not invited
                )
            )
            pages.append(
                PageSpec("pages/customers.py", "nav.customers", ":material/group_add:", PARTNER)
            )
            pages.append(
                PageSpec("pages/discounts.py", "nav.discounts", ":material/sell:", PARTNER)
            )
            pages.append(PageSpec("pages/credits.py", "nav.credits", ":material/savings:", PARTNER))
            pages.append(
                PageSpec("pages/reports.py", "nav.reports", ":material/bar_chart:", PARTNER)
            )
        pages.append(
            PageSpec(
                "pages/status.py",
                "nav.status",
                ":material/description:",
                APPLICANT,
                application_state is not None and not partner and not invited,
            )
        )
        if application_state in CAN_APPLY:
            pages.append(
                PageSpec(
                    "pages/apply.py",
                    "nav.apply",
                    ":material/handshake:",
                    APPLICANT,
                    application_state is None and not invited,
                )
            )
    if settings.uses_local_defaults:
        pages.append(PageSpec("pages/mailbox.py", "nav.mailbox", ":material/mail:", LOCAL))
    return pages


def landing_page_by_name(pages: list[PageSpec]) -> None:
    """Serve a deep link to the landing page (``/status``) as that page.

    st.navigation serves the default page at ``/`` only, so a bookmark of
    ``/status`` for someone whose landing page is Status would run the right
    page under a "Page not found" popup. The request is turned into one for ``/``.
    """
    manager = getattr(get_script_run_ctx(), "pages_manager", None)
    default = next((spec for spec in pages if spec.default), None)
    if manager is None or default is None or manager.intended_page_script_hash:
        return
    if manager.intended_page_name == Path(default.path).stem:
        manager.set_script_intent("", "")
