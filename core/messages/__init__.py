"""The catalogue of every user-facing string, split by the part of the portal that shows it."""

from core.messages import applicant, metrics, partner, team

CATALOGUE: dict[str, dict[str, str]] = {
    **applicant.MESSAGES,
    **team.MESSAGES,
    **partner.MESSAGES,
    **metrics.MESSAGES,
}
