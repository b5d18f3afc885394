"""A standard OpenID Connect provider, configured per `[auth.<name>]` section.

What the portal asks of a provider and how it reads the answer: the scopes and
prompt of the authorization request, which claim carries each fact (the ID
token's and the userinfo endpoint's, merged), how an absent optional claim is
read, the clock leeway, and sign-out at the provider. Everything a provider
sends is untrusted: the merge refuses a userinfo answer that is not a JSON
object about the same `sub`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from core.platform.settings import ClaimNames, Settings

BASE_SCOPES = ("openid", "email", "profile")
DEFAULT_PROMPT = "login"
# Facts whose claim, when the provider leaves it out, means "none" rather than "unknown".
DEFAULT_ABSENT_AS_NONE = ("partner_customer_of",)
# Facts the ID token of a standard provider may lack (they come from userinfo).
FACTS = tuple(f.name for f in fields(ClaimNames))
# What Authlib (joserfc) verifies an ID token with, by default.
ACCEPTED_ID_TOKEN_ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)


class ClaimsRefused(ValueError):
    """The provider's answer cannot be trusted as a whole; the sign-in does not complete."""


@dataclass(frozen=True)
class ProviderConfig:
    """One `[auth.<name>]` section, as the portal reads it."""

    name: str
    claims: ClaimNames
    scope: str
    prompt: str
    absent_as_none: frozenset[str]


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split()
    if not isinstance(value, list | tuple):
        return ()
    return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())


def provider_config(auth: Mapping[str, Any], name: str, settings: Settings) -> ProviderConfig:
    """The portal's reading of `[auth.<name>]`; defaults reproduce the CLAIM_* settings."""
    section = auth.get(name)
    section = section if isinstance(section, Mapping) else {}
    mapping = section.get("claims")
    mapping = mapping if isinstance(mapping, Mapping) else {}
    overrides = {
        fact: claim.strip()
        for fact, claim in mapping.items()
        if fact in FACTS and isinstance(claim, str) and claim.strip()
    }
    client_kwargs = section.get("client_kwargs")
    client_kwargs = client_kwargs if isinstance(client_kwargs, Mapping) else {}
    scope = client_kwargs.get("scope")
    if not isinstance(scope, str) or not scope.strip():
        scopes = list(BASE_SCOPES)
        scopes += [s for s in _strings(section.get("extra_scopes")) if s not in scopes]
        scope = " ".join(scopes)
    prompt = client_kwargs.get("prompt")
    absent = section.get("absent_claims_mean_none")
    return ProviderConfig(
        name=name,
        claims=replace(settings.claims, **overrides),
        scope=scope.strip(),
        prompt=prompt.strip() if isinstance(prompt, str) else DEFAULT_PROMPT,
        absent_as_none=frozenset(
            f for f in (_strings(absent) if absent is not None else DEFAULT_ABSENT_AS_NONE)
        )
        & frozenset(FACTS),
    )


def merge_claims(id_token: Mapping[str, Any], userinfo: Any) -> dict[str, Any]:
    """The ID token's claims with the userinfo answer's; the ID token wins where both speak."""
    if userinfo is None:
        return dict(id_token)
    if not isinstance(userinfo, Mapping):
        raise ClaimsRefused("the userinfo answer is not a JSON object")
    if userinfo.get("sub") != id_token.get("sub"):
        raise ClaimsRefused("the userinfo answer is about another subject")
    return {**userinfo, **id_token}


def portal_claims(raw: Mapping[str, Any], config: ProviderConfig, settings: Settings) -> dict:
    """The provider's claims under the names the portal reads (settings.claims)."""
    claims = dict(raw)
    for fact in FACTS:
        source, target = getattr(config.claims, fact), getattr(settings.claims, fact)
        if source == target and (source in raw or fact not in config.absent_as_none):
            continue
        claims.pop(target, None)
        if source in raw:
            claims[target] = raw[source]
        elif fact in config.absent_as_none:
            claims[target] = None
    return claims


def logout_url(
    metadata: Mapping[str, Any],
    *,
    client_id: str,
    post_logout_redirect_uri: str,
    id_token: str | None,
    state: str,
) -> str | None:
    """The provider's end-session URL (RP-initiated logout), None when it has none."""
    endpoint = metadata.get("end_session_endpoint")
    if not isinstance(endpoint, str) or urlsplit(endpoint).scheme not in ("http", "https"):
        return None
    query = {
        "client_id": client_id,
        "post_logout_redirect_uri": post_logout_redirect_uri,
        "state": state,
    }
    if id_token:
        query["id_token_hint"] = id_token
    parts = urlsplit(endpoint)
    joined = f"{parts.query}&{urlencode(query)}" if parts.query else urlencode(query)
    return urlunsplit(parts._replace(query=joined))


def discovery_findings(
    metadata: Mapping[str, Any], config: ProviderConfig
) -> tuple[list[str], list[str]]:
    """(problems, warnings) about one provider's discovery document."""
    where = f"[auth.{config.name}]"
    problems, warnings = [], []
    if "S256" not in (metadata.get("code_challenge_methods_supported") or []):
        problems.append(
            f"{where} the identity provider's discovery document does not advertise "
            "PKCE S256 (code_challenge_methods_supported): sign-in would run without PKCE"
        )
    prompts = metadata.get("prompt_values_supported")
    if isinstance(prompts, list) and config.prompt and config.prompt not in prompts:
        problems.append(
            f'{where} the provider does not support prompt="{config.prompt}" '
            f"(prompt_values_supported: {', '.join(map(str, prompts))}): "
            "set client_kwargs.prompt to one it lists"
        )
    if not isinstance(metadata.get("userinfo_endpoint"), str):
        problems.append(
            f"{where} the provider has no userinfo_endpoint: a standard provider puts the "
            "account's claims (email, account class, groups, …) there, not in the ID token"
        )
    if not isinstance(metadata.get("end_session_endpoint"), str):
        warnings.append(
            f"{where} the provider has no end_session_endpoint: Sign out ends the portal's "
            "session only, and people are told GreenNode's own session may still be open"
        )
    algorithms = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
    if not set(map(str, algorithms)) & ACCEPTED_ID_TOKEN_ALGORITHMS:
        problems.append(
            f"{where} the provider signs ID tokens only with {', '.join(map(str, algorithms))}; "
            f"the portal accepts {', '.join(sorted(ACCEPTED_ID_TOKEN_ALGORITHMS))}"
        )
    return problems, warnings
