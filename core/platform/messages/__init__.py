"""The catalogue of every user-facing string, split by the part of the portal that shows it."""

from core.platform.messages import (
    applicant,
    credits,
    customers,
    discounts,
    metrics,
    partner,
    reports,
    sessions,
    team,
    workflow,
)

PARTS: tuple[dict[str, dict[str, str]], ...] = (
    applicant.MESSAGES,
    team.MESSAGES,
    partner.MESSAGES,
    metrics.MESSAGES,
    sessions.MESSAGES,
    workflow.MESSAGES,
    customers.MESSAGES,
    credits.MESSAGES,
    discounts.MESSAGES,
    reports.MESSAGES,
)
CATALOGUE: dict[str, dict[str, str]] = {key: entry for part in PARTS for key, entry in part.items()}
