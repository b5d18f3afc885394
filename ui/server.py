"""Start one app server: `python -m ui.server [streamlit run options]`.

The same as `streamlit run Home.py`, except that Streamlit is told before the
first session that the portal navigates with st.navigation. Otherwise, with a
pages/ folder beside Home.py, the first run of a fresh process — a tab that
reconnects after a restart or a failover — goes through Streamlit's
folder-based runner, and its first click is lost to the rerun that recovers.
"""

from __future__ import annotations

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from core.settings import PROJECT_ROOT


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(PROJECT_ROOT / "Home.py"), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
