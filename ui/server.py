"""Start one app server: `python -m ui.server [streamlit run options]`.

The same as `streamlit run Home.py`, except that Streamlit is told before the
first session that the portal navigates with st.navigation. Otherwise, with a
pages/ folder beside Home.py, the first run of a fresh process — a tab that
reconnects after a restart or a failover — goes through Streamlit's
folder-based runner, and its first click is lost to the rerun that recovers.

And a tab that reconnects to a server that has never run its script (the
server it was on is gone) may send a click inside a dialog or other fragment
first. Streamlit drops a rerun of a fragment the server does not know, so the
click would be lost with no word to the person; this server runs the whole
page with that click instead, which redraws the dialog (the decision dialog is
remembered in the database) and acts on the click once.
"""

from __future__ import annotations

import logging
import sys

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from core.platform.paths import PROJECT_ROOT

log = logging.getLogger("portal.server")
_request_rerun = AppSession.request_rerun


def adopt_fragment_reruns(session: AppSession, client_state: ClientState | None) -> None:
    """A rerun of a fragment this server does not know runs the whole page instead.

    That happens to a tab that has just moved to this server (its first click may
    be inside a dialog the server has never drawn), also while this server is
    still drawing the page for it for the first time.
    """
    fragment_id = client_state.fragment_id if client_state is not None else ""
    if fragment_id and not session.has_fragment(fragment_id):
        whole_page = ClientState()
        whole_page.CopyFrom(client_state)
        whole_page.fragment_id = ""
        client_state = whole_page
    _request_rerun(session, client_state)


def warm_up() -> None:
    """Load what the first pages need before the server answers its health check.

    Importing pandas, Altair, PyArrow and the portal's modules, building the
    working-day calendar and opening the first database connection take a few
    seconds; done here, they are not part of the first person's wait after
    signing in.
    """
    import altair  # noqa: F401
    import pyarrow  # noqa: F401

    import core.registration.metrics
    import core.registration.queue  # noqa: F401
    import ui.context
    import ui.metrics_data
    import ui.navigation
    import ui.queue_view
    import ui.review_detail
    import ui.sign_in_flow  # noqa: F401
    from core.platform.db import engine_for
    from core.platform.settings import get_settings
    from core.platform.workdays import calendar

    calendar()
    try:
        with engine_for(get_settings().database_url).connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except Exception:
        log.warning("database not reachable at start; pages will say so")


def main() -> None:
    from core.platform.logs import configure_logging
    from ui import oidc_routes

    configure_logging()
    warm_up()
    oidc_routes.install()
    PagesManager.uses_pages_directory = False
    AppSession.request_rerun = adopt_fragment_reruns
    sys.argv = ["streamlit", "run", str(PROJECT_ROOT / "Home.py"), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
