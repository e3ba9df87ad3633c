"""The `coopkg` command: one entry point, one subcommand per job, one error policy.

Every subcommand module registers its parsers here (statically: the parser is the list of
commands). Whatever goes wrong reaches the user as one line, ``coopkg COMMAND: message``:
bad input or settings, a store that is missing or damaged, an endpoint that does not answer
(exit 2); anything unexpected says so and how to see the details (exit 3, ``COOPKG_DEBUG=1``).
"""

from __future__ import annotations

import argparse
import sys

from coopkg import __version__, config
from coopkg.cli import app, graph, publishing, query, reference, repertoire, settings
from coopkg.cli.common import UsageError
from coopkg.i18n import LANGUAGES

COMMAND_MODULES = (graph, query, publishing, repertoire, reference, app, settings)


def make_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGUAGES,
                        help="language of messages and reports (default: $COOPKG_LANG, else en)")
    parser = argparse.ArgumentParser(prog="coopkg", parents=[common],
                                     description="The knowledge graph of French-Russian decentralised cooperation.")
    parser.add_argument("--version", action="version", version=f"coopkg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub, common)
    return parser


def user_errors() -> tuple[type[Exception], ...]:
    """The errors that are the user's to fix: each carries a message naming the place."""
    from coopkg.read.export import ExportError
    from coopkg.sparql.catalogue import CatalogueError
    from coopkg.store.base import StoreFault
    from coopkg.store.remote import RemoteError

    return (UsageError, config.ConfigError, StoreFault, CatalogueError, RemoteError, ExportError)


def store_fault(exc: BaseException):
    """What an unexpected error says about the current store (read lazily, a store fails while
    rows are read, after it was opened), or None."""
    from coopkg.store.base import diagnose

    location = None
    try:
        from coopkg.store.layout import current_build, store_dir

        location = str(store_dir(current_build()))
    except Exception:  # noqa: BLE001 - no current build: the fault message still says what to do
        pass
    return diagnose(exc, location)


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    debug = False
    try:
        debug = config.settings().debug  # a bad setting stops every command here, with its name
        return args.func(args)
    except user_errors() as exc:
        print(f"coopkg {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the user gets a message, the details go to COOPKG_DEBUG
        if debug:
            raise
        fault = store_fault(exc)
        if fault is not None:
            print(f"coopkg {args.command}: {fault}", file=sys.stderr)
            return 2
        print(f"coopkg {args.command}: unexpected error ({type(exc).__name__}: {exc}); "
              f"set COOPKG_DEBUG=1 for details", file=sys.stderr)
        return 3
