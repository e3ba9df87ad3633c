"""`coopkg config`: every setting, its current value (secrets masked), its default and meaning."""

from __future__ import annotations

from coopkg import config


def cmd_config(args) -> int:
    rows = config.describe()
    width = max(len(name) for name, *_ in rows)
    for name, value, default, description in rows:
        print(f"{name.ljust(width)}  {value or '(not set)'}")
        print(f"{''.ljust(width)}  {description}" + (f" [default: {default}]" if default and default != value else ""))
    for name in config.unknown_variables():
        print(f"warning: {name} is not a coopkg setting (a typo?)")
    return 0


def register(sub, common) -> None:
    p = sub.add_parser("config", parents=[common], help="list every setting (COOPKG_* variables) and its value",
                       description="List every COOPKG_* environment variable coopkg reads, with its current value "
                                   "(passwords masked), its default and what it does. A bad value stops every "
                                   "command with a message naming the variable.")
    p.set_defaults(func=cmd_config)
