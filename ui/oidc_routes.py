"""Streamlit's sign-in routes, made to work with any standard OpenID Connect provider.

`st.login` asks for `openid email profile` with `prompt=select_account`, reads the
claims of the ID token only, keeps the provider's tokens in a cookie, and signs
out at the provider with the callback URL as `post_logout_redirect_uri`. A
certified provider refuses that prompt and puts most claims in its userinfo
answer. Installed by `ui.server` before the first request, this module:

- sends each provider section's scopes and prompt (`core.platform.oidc.provider_config`);
- verifies the ID token with the configured clock leeway;
- at the callback, once per sign-in, asks the userinfo endpoint with the access
  token, requires the same `sub`, merges the two (the ID token wins) and keeps
  the result, with the ID token, on the server-side sign-in row;
- leaves only `sub`, `iat` and `nonce` in the cookie, and no token at all;
- signs out by ending the portal's sign-in first, then sending the browser to
  the provider's end-session endpoint with `id_token_hint` and
  `post_logout_redirect_uri` = APP_BASE_URL (without one: back to the portal,
  which says GreenNode's own session may still be open).
"""

from __future__ import annotations

import json
import logging
from functools import partial
from typing import Any

from starlette.concurrency import run_in_threadpool

from core.platform.db import engine_for, session_scope
from core.platform.hosts import client_address
from core.platform.identity import issued_at_of
from core.platform.oidc import ClaimsRefused, logout_url, merge_claims, provider_config
from core.platform.sessions import end_sign_in, id_token_of, key_of, record_sign_in
from core.platform.settings import get_settings

log = logging.getLogger("portal.signin")
COOKIE_CLAIMS = ("sub", "iat", "nonce")
USERINFO_TIMEOUT = 5.0
# Where the browser lands after signing out: the sign-in page says which sessions ended.
SIGNED_OUT_BOTH, SIGNED_OUT_PORTAL = "signed-out", "portal-only"
SIGNED_OUT_STATES = (SIGNED_OUT_BOTH, SIGNED_OUT_PORTAL)


def _routes():
    from streamlit.web.server.starlette import starlette_auth_routes

    return starlette_auth_routes


def _auth_section() -> dict[str, Any]:
    from streamlit.auth_util import get_secrets_auth_section

    section = get_secrets_auth_section()
    return section.to_dict() if section else {}


def _create_oauth_client(original, provider: str):
    client, redirect_uri = original(provider)
    config = provider_config(_auth_section(), provider, get_settings())
    client.client_kwargs["scope"] = config.scope
    if config.prompt:
        client.client_kwargs["prompt"] = config.prompt
    else:
        client.client_kwargs.pop("prompt", None)
    client.authorize_access_token = partial(
        _authorize_access_token, client, provider, client.authorize_access_token
    )
    return client, redirect_uri


async def _userinfo(client, token: dict[str, Any]) -> Any:
    """The userinfo answer as JSON, None when the provider has no userinfo endpoint."""
    metadata = await client.load_server_metadata()
    endpoint = metadata.get("userinfo_endpoint")
    if not isinstance(endpoint, str) or not token.get("access_token"):
        return None
    response = await client.get(endpoint, token=token, timeout=USERINFO_TIMEOUT)
    if response.status_code != 200:
        raise ClaimsRefused(f"the userinfo endpoint answered HTTP {response.status_code}")
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise ClaimsRefused(f"the userinfo answer is {content_type or 'untyped'}, not JSON")
    try:
        return response.json()
    except ValueError as error:
        raise ClaimsRefused("the userinfo answer is not valid JSON") from error


def _record(provider: str, claims: dict[str, Any], id_token: str | None, request):
    peer = request.client.host if request.client else None
    with session_scope(engine_for(get_settings().database_url)) as session:
        return record_sign_in(
            session=session,
            provider=provider,
            claims=claims,
            id_token=id_token,
            user_agent=request.headers.get("user-agent", ""),
            address=client_address(peer, request.headers.get("x-forwarded-for")),
        )


async def _authorize_access_token(client, provider: str, original, request, **kwargs):
    token = await original(request, leeway=get_settings().clock_leeway_seconds, **kwargs)
    id_claims = dict(token.get("userinfo") or {})
    if not id_claims:
        return token
    try:
        merged = merge_claims(id_claims, await _userinfo(client, token))
    except ClaimsRefused as refused:
        log.warning("sign-in refused at %s: %s", provider, refused)
        raise
    key = await run_in_threadpool(_record, provider, merged, token.get("id_token"), request)
    if key is None:
        raise ClaimsRefused("the ID token has no usable sub or issue time")
    token["userinfo"] = {name: id_claims[name] for name in COOKIE_CLAIMS if name in id_claims}
    return token


async def _set_auth_cookie(original, response, user_info, tokens) -> None:
    """The user cookie only: the provider's tokens stay on the server."""
    await original(response, user_info, {})


def _end_and_find_token(key: str) -> str | None:
    with session_scope(engine_for(get_settings().database_url)) as session:
        token = id_token_of(session, key)
        end_sign_in(session=session, key=key)
    return token


async def _provider_logout_url(request) -> str | None:
    """End the portal's sign-in, then the provider's end-session URL (None: it has none)."""
    routes = _routes()
    raw = routes._get_cookie_value_from_request(request, routes.USER_COOKIE_NAME)
    if not raw:
        return None
    try:
        user = json.loads(raw)
        provider = str(user.get("provider") or "")
        key = key_of(
            provider, str(user.get("sub")), issued_at_of(user.get("iat")), user.get("nonce")
        )
        id_token = await run_in_threadpool(_end_and_find_token, key)
        client, _ = routes._create_oauth_client(provider)
        metadata = await client.load_server_metadata()
    except Exception as error:  # a provider down or a broken cookie: sign out locally
        log.warning("sign-out at the provider skipped: %s", type(error).__name__)
        return None
    return logout_url(
        metadata,
        client_id=client.client_id,
        post_logout_redirect_uri=get_settings().app_base_url,
        id_token=id_token,
        state=SIGNED_OUT_BOTH,
    )


async def _auth_logout(request, base_url: str):
    from starlette.responses import RedirectResponse
    from streamlit.url_util import make_url_path

    routes = _routes()
    target = await _provider_logout_url(request)
    if target is None:
        target = make_url_path(base_url, "/") + f"?state={SIGNED_OUT_PORTAL}"
    response = RedirectResponse(target, status_code=302)
    routes._clear_auth_cookie(response, request)
    return response


def install() -> None:
    """Replace the parts of Streamlit's auth routes named above (once per process)."""
    routes = _routes()
    if getattr(routes, "_portal_installed", False):
        return
    routes._create_oauth_client = partial(_create_oauth_client, routes._create_oauth_client)
    routes._set_auth_cookie = partial(_set_auth_cookie, routes._set_auth_cookie)
    routes._auth_logout = _auth_logout
    routes._portal_installed = True
