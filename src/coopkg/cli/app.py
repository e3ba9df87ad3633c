"""`coopkg app`: start the Streamlit explorer on the built store."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from coopkg.cli.common import UsageError, language
from coopkg.config import child_environment, project_root, settings
from coopkg.i18n import t

# Hardened for the public: no developer menu, no error details, no telemetry, no file watching.
SERVER_FLAGS = (
    "--server.headless=true",
    "--global.developmentMode=false",
    "--client.toolbarMode=viewer",
    "--client.showErrorDetails=none",
    "--client.showSidebarNavigation=true",
    "--browser.gatherUsageStats=false",
    "--server.runOnSave=false",
    "--server.fileWatcherType=none",
    "--server.enableXsrfProtection=true",
)


def entry_script() -> Path:
    return project_root() / "app" / "Home.py"


def streamlit_command(host: str, port: int) -> list[str]:
    """The command line that serves the explorer."""
    return [sys.executable, "-m", "streamlit", "run", str(entry_script()), *SERVER_FLAGS,
            f"--server.address={host}", f"--server.port={port}"]


def cmd_app(args) -> int:
    from coopkg.store.base import StoreMissing
    from coopkg.store.layout import current_build

    lang = language(args)
    try:
        if not settings().remote:  # a remote endpoint needs no local build
            current_build()
    except StoreMissing:
        raise UsageError(t("app.cli.no_store", lang, root=settings().store_root)) from None
    print(t("app.cli.starting", lang, host=args.host, port=args.port), flush=True)
    command = streamlit_command(args.host, args.port)
    env = child_environment()
    if args.dry_run:
        print(" ".join(command))
        return 0
    os.chdir(project_root())  # Streamlit reads .streamlit/config.toml from the working folder
    os.execve(command[0], command, env)  # the server replaces this process: signals reach it directly


def register(sub, common) -> None:
    p = sub.add_parser("app", parents=[common], help="open the explorer (Streamlit) on the built store",
                       description="Serve the explorer on the store built by `coopkg build`. Queries typed by "
                                   "visitors run read-only, under a time limit (COOPKG_QUERY_TIMEOUT, default 10 s) "
                                   "and a row limit (COOPKG_ROW_LIMIT, default 1000).")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1; 0.0.0.0 for all)")
    p.add_argument("--port", type=int, default=8501, help="port to listen on (default: 8501)")
    p.add_argument("--dry-run", action="store_true", help="print the server's command line instead of starting it")
    p.set_defaults(func=cmd_app)
