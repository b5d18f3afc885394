"""Per-session context for pages: settings, engine, identity, language."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import streamlit as st
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session
from streamlit.errors import StreamlitAPIException

from core.partners.customers import PortalLinksFactsSource, customer_language
from core.platform import locale as loc
from core.platform.accounts import set_language, sync_account
from core.platform.clock import local, utcnow
from core.platform.db import engine_for, session_scope
from core.platform.directory import AccountDirectory, directory_for
from core.platform.errors import DomainError, NotYet
from core.platform.identity import Identity, Role, identity_from_claims
from core.platform.locale import locale_for
from core.platform.logs import log_context, mask_actor, timed
from core.platform.oidc import ProviderConfig, portal_claims, provider_config
from core.platform.production import production_problems, read_secrets
from core.platform.sessions import Ended, ReturnedAttempt, check_session, stored_claims
from core.platform.sessions import sign_out as end_session
from core.platform.settings import Settings, get_settings
from core.platform.text import clean_line
from core.registration.eligibility import ClaimsFactsSource, DirectoryFactsSource
from core.registration.terms import TermsCatalogue, load_terms
from core.review.workflow import AlreadyDecided

log = logging.getLogger("portal")
LANG_KEY = "lang"
LANG_CHOSEN_KEY = "lang_chosen"
SIGN_IN_NOTICE = "sign_in_notice"


def through_home() -> None:
    """Run this page inside Home.py's navigation, also on a server's very first run.

    With a pages/ folder, Streamlit runs the first script of a new server process
    (a tab reconnecting after a restart or a failover) through its folder-based
    runner: the raw file list as navigation, no language picker, no Sign out.
    Telling it that this app navigates with st.navigation and rerunning puts the
    same page back inside the portal's own navigation.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.state.common import TESTING_KEY

    # AppTest drives pages through that runner on purpose (its switch_page).
    if PagesManager.uses_pages_directory and TESTING_KEY not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()


def settings() -> Settings:
    return get_settings()


@st.cache_resource(max_entries=4)
def _terms(directory: str, files: tuple) -> TermsCatalogue:
    return load_terms(Path(directory))


def terms_catalogue() -> TermsCatalogue:
    """The Terms files, re-read when one is added or changed (no restart needed)."""
    directory = settings().terms_dir
    files = tuple(
        sorted((p.name, p.stat().st_mtime_ns) for p in directory.glob("*.md"))
        if directory.is_dir()
        else ()
    )
    return _terms(str(directory), files)


@contextmanager
def db() -> Iterator[Session]:
    current = settings()
    with session_scope(engine_for(current.database_url), current) as session:
        yield session


@st.cache_resource(ttl=60)
def _deployment_problems(fingerprint: str) -> list[str]:
    from streamlit import config

    files = [Path(f) for f in config.get_option("secrets.files")]
    problems = production_problems(settings(), read_secrets(files))
    for problem in problems:
        log.error("refusing to serve in production: %s", problem)
    return problems


def deployment_problems() -> list[str]:
    """Production settings that must be fixed before the portal may serve anyone."""
    if not settings().is_production:
        return []
    return _deployment_problems(settings().database_url)


def facts_source(session: Session | None = None) -> PortalLinksFactsSource:
    """The account's claims, and the portal's own customer links, read in ``session`` when
    given (inside a use case's transaction a second session would wait for the first)."""
    opener = (lambda: nullcontext(session)) if session is not None else db
    claims = ClaimsFactsSource(settings().claims)
    if settings().account_directory_url:
        # The account service answers for applicants exactly as for a partner's customers.
        return PortalLinksFactsSource(DirectoryFactsSource(account_directory(), claims), opener)
    return PortalLinksFactsSource(claims, opener)


def account_directory() -> AccountDirectory:
    return directory_for(settings())


@dataclass(frozen=True)
class SignInStatus:
    """Who the cookie says is signed in, and whether the server still honours it."""

    identity: Identity | None
    unverifiable: bool = False
    ended: Ended | None = None


def _auth_section() -> dict:
    try:
        auth = st.secrets.get("auth")
    except FileNotFoundError:
        return {}
    return auth.to_dict() if hasattr(auth, "to_dict") else dict(auth or {})


@lru_cache(maxsize=16)
def _provider_config(provider: str, current: Settings) -> ProviderConfig:
    """A provider section as the portal reads it: once per process (secrets need a restart)."""
    return provider_config(_auth_section(), provider, current)


def identity_of(claims: dict) -> Identity | None:
    """The identity the claims of a sign-in through their provider section say."""
    provider = claims.get("provider")
    config = _provider_config(provider if isinstance(provider, str) else "", settings())
    return identity_from_claims(portal_claims(claims, config, settings()), settings())


def sign_in_status() -> SignInStatus:
    if not st.user.is_logged_in:
        return SignInStatus(None)
    cookie = st.user.to_dict()
    identity = identity_of(cookie)
    if identity is None:
        return SignInStatus(None, unverifiable=True)
    try:
        with db() as session:
            ended = check_session(
                session=session,
                identity=identity,
                settings=settings(),
                user_agent=st.context.headers.get("User-Agent", ""),
            )
            # What the provider said at sign-in (ID token and userinfo), kept on the server.
            stored = None if ended else stored_claims(session, identity)
    except DBAPIError:
        # The database is down: every page that reads or writes says "try again",
        # and the navigation stays as it was, so the person can retry in place.
        log.warning("sign-in session not checked: database unreachable")
        return SignInStatus(identity)
    if ended:
        return SignInStatus(None, ended=ended)
    if stored is not None:
        identity = identity_of({**stored, "provider": identity.provider})
        if identity is None:
            return SignInStatus(None, unverifiable=True)
    return SignInStatus(identity)


def current_identity() -> Identity | None:
    """The signed-in identity, if its claims are valid and its session has not ended."""
    return sign_in_status().identity


def sign_out() -> None:
    """End this sign-in on the server, then clear the cookie."""
    identity = current_identity()
    if identity is not None:
        with db() as session:
            end_session(session=session, identity=identity)
    st.logout()


def current_lang() -> str:
    return loc.normalise_language(st.session_state.get(LANG_KEY))


def T(key: str, **values: object) -> str:
    return loc.t(key, current_lang(), **values)


def reader() -> loc.Locale:
    """The reader's Locale: how their numbers, percentages and dates are written."""
    return loc.locale_for(current_lang())


def today_local() -> date:
    return local(utcnow()).date()


# Every ASCII mark markdown, Streamlit's directives (:red[…]) or its formulas ($…$) read.
MARKDOWN_MARKS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:@=\"'^%/])")
WORD_JOINER = "\u2060"
WWW = re.compile(r"(?i)w(?=ww)")


def md_escape(value: str) -> str:
    """Untrusted text for a markdown sentence, shown as the plain words it is: never a link,
    tag, heading, formula, icon or code.

    Every markdown mark is escaped, entities included (``&`` too, so ``&#46;`` stays as
    typed), and a word joiner after each ``:``, ``@`` and the first ``w`` of ``www`` keeps
    GFM from finding a URL, host or address and Streamlit from finding ``:shortcodes:``;
    it is invisible (and copied with the text).
    Bidi controls and line breaks are dropped.
    """
    text = clean_line(value, 10_000)
    escaped = MARKDOWN_MARKS.sub(r"\\\1", text)
    escaped = escaped.replace(":", ":" + WORD_JOINER).replace("@", "@" + WORD_JOINER)
    return WWW.sub(r"\g<0>" + WORD_JOINER, escaped)


def support_line() -> str:
    s = settings().support
    return f"{s.email} · {s.phone} · {s.url}"


def browser_language() -> str | None:
    """The language the browser asks for (navigator.language), when the portal speaks it."""
    return loc.language_of_locale(st.context.locale)


def start_session(identity: Identity | None, returned: ReturnedAttempt | None = None) -> None:
    """Once per browser session: sync the account and take its language.

    The language is, in order: one picked in this session; one picked before
    leaving for the identity provider (``returned``); for a signed-in account,
    its saved preference (a new account takes the sign-in screen's language, or the
    one GreenNode's account service gave for a partner's invited customer); the browser's
    language; English.
    """
    marker = identity.sub if identity else None
    if st.session_state.get("_session_for") == marker and LANG_KEY in st.session_state:
        return
    chosen = bool(st.session_state.get(LANG_CHOSEN_KEY))
    language = st.session_state.get(LANG_KEY)
    if language is None and returned is not None and returned.language:
        language, chosen = returned.language, returned.language_chosen
    screen_language = language or browser_language()
    if identity is not None:
        with db() as session:
            if not chosen:
                # The emails an invited customer got were in this language: so is the screen.
                screen_language = customer_language(session, identity.sub) or screen_language
            account = sync_account(session=session, identity=identity, language=screen_language)
            if chosen and language and account.language != language:
                account = set_language(session=session, identity=identity, language=language)
            screen_language = account.language
    remember_language(screen_language or loc.DEFAULT_LANGUAGE)
    st.session_state[LANG_CHOSEN_KEY] = chosen
    st.session_state["_session_for"] = marker


def remember_language(language: str) -> None:
    """Use ``language`` on every screen of this session from the next rerun on.

    The pickers follow on that rerun (a widget's value cannot change once drawn).
    """
    st.session_state[LANG_KEY] = loc.normalise_language(language)


def _language_changed(source_key: str) -> None:
    chosen = loc.normalise_language(st.session_state.get(source_key))
    remember_language(chosen)
    st.session_state[LANG_CHOSEN_KEY] = True
    identity = current_identity()
    if identity is not None:
        with db() as session:
            set_language(session=session, identity=identity, language=chosen)


def language_picker(where: str) -> None:
    """English / Tiếng Việt; the choice is kept on the account."""
    key = f"lang_picker_{where}"
    st.session_state[key] = current_lang()
    container = st.sidebar if where == "sidebar" else st
    container.radio(
        loc.t("language.label", current_lang()),
        options=list(loc.LANGUAGES),
        format_func=loc.LANGUAGES.get,
        horizontal=True,
        key=key,
        on_change=_language_changed,
        args=(key,),
    )


def link_to(path: str, label: str, icon: str | None = None) -> None:
    """A link to another page, when that page is offered to this user on this run."""
    try:
        st.page_link(path, label=label, icon=icon)
    except StreamlitAPIException:
        st.caption(label)


def require_role(*roles: Role) -> Identity:
    """Stop the page unless the signed-in identity holds one of ``roles``."""
    identity = current_identity()
    if identity is None or not (identity.roles & set(roles)):
        st.error(T("error.forbidden"))
        st.stop()
    return identity


def still_signed_in(*roles: Role) -> Identity:
    """For a fragment's own reruns: the session is checked again, and if it has ended
    or lost the role, the whole page runs, which says why."""
    identity = current_identity()
    if identity is None or not (identity.roles & set(roles)):
        st.rerun(scope="app")
    return identity


def require_applicant() -> Identity:
    identity = require_role(Role.APPLICANT)
    if identity.is_team:
        st.error(T("error.forbidden"))
        st.stop()
    return identity


def already_decided_message(error: AlreadyDecided) -> str:
    """Who decided first, how and when, in the reader's language."""
    lang = current_lang()
    label = f"state.{error.outcome}"
    return T(
        "error.already_decided",
        state=T(label) if loc.has_text(label) else error.outcome,
        who=md_escape(error.decided_by or ""),
        at=loc.format_moment(error.decided_at, lang) if error.decided_at else "",
    )


def show_domain_error(error: DomainError) -> None:
    if isinstance(error, NotYet):
        st.warning(T(error.key, at=loc.format_moment(error.available_at, current_lang())))
    elif isinstance(error, AlreadyDecided):
        st.error(already_decided_message(error))
    else:
        st.error(T(error.key, **_as_read(error.values)))


class Attempt:
    """One action of a user as one unit of work::

        outcome = attempt("use_case")
        with outcome as session:
            use_case(session=session, ...)
        if outcome.ok:
            ...

    What the block writes is committed once when it ends; a refusal (DomainError) is
    shown in the reader's words, nothing of the block is written, and ``ok`` is False.
    Each attempt is one log line: its use case, outcome and duration.
    """

    def __init__(self, use_case: str) -> None:
        self.ok = False
        self.use_case = use_case
        self._unit = None
        self._timer = None

    def __enter__(self) -> Session:
        self._timer = timed(log, "action", use_case=self.use_case)
        self._outcome = self._timer.__enter__()
        self._unit = db()
        return self._unit.__enter__()

    def __exit__(self, kind, error, trace) -> bool:
        self._unit.__exit__(kind, error, trace)
        if isinstance(error, DomainError):
            self._outcome.update(outcome="refused", refusal=error.key)
            self._timer.__exit__(None, None, None)
            show_domain_error(error)
            return True
        self._timer.__exit__(kind, error, trace)  # an error is logged as one
        self.ok = error is None
        return False


def attempt(use_case: str) -> Attempt:
    return Attempt(use_case)


def _as_read(values: dict) -> dict:
    """A refusal's numbers and moments in the reader's format (10,000,000,000 /
    10.000.000.000; a moment in Vietnam time)."""
    reader = locale_for(current_lang())

    def read(value: object) -> object:
        if isinstance(value, int) and not isinstance(value, bool):
            return reader.number(value)
        if isinstance(value, datetime):
            return reader.format_moment(value)
        return value

    return {key: read(value) for key, value in values.items()}


@contextmanager
def logged_run(identity: Identity | None, page: str | None) -> Iterator[None]:
    """Every line the page's run logs names its session, actor (masked) and page; the run
    itself is one line with its duration."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    with (
        log_context(
            session=context.session_id if context else None,
            actor=mask_actor(identity.sub if identity else None),
            page=page,
        ),
        timed(log, "page_run"),
    ):
        yield


@contextmanager
def guarded() -> Iterator[None]:
    """Turn failures into a short message; the traceback goes to the log only."""
    try:
        yield
    except DomainError as error:
        show_domain_error(error)
    except DBAPIError:
        log.exception("database error while rendering a page")
        st.warning(T("error.try_again", support=support_line()))
    except Exception:
        log.exception("unexpected error while rendering a page")
        st.error(T("error.try_again", support=support_line()))
