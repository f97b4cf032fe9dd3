"""The command line: ``python -m crm_host nightly --at 2026-03-02T23:00``.

Run it from ``examples/`` (or with ``examples`` on ``PYTHONPATH``)::

    python -m crm_host init --demo            # the tables, and a dozen made-up accounts
    python -m crm_host nightly --at 2026-03-02T23:00
    python -m crm_host nightly                # now, back-filling the nights missed

``--db`` takes a SQLAlchemy URL (``sqlite:///crm.db`` by default; a PostgreSQL URL works the
same), ``--settings`` a TOML file (``crm_host/settings.toml`` by default). ``nightly`` prints
one report per night run and exits with 1 when a night had problems, so cron mails them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime

from keyaccount import KeyAccountError

from . import demo, nightly
from .settings import DEFAULT_SETTINGS, read
from .store import Store


def _moment(text: str | None, zone: object) -> datetime:
    if text is None:
        return datetime.now(tz=zone)  # type: ignore[arg-type]
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)  # type: ignore[arg-type]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit status (0, 1 with problems, 2 refused settings)."""
    parser = argparse.ArgumentParser(prog="python -m crm_host", description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="sqlite:///crm.db", help="a SQLAlchemy URL")
    parser.add_argument("--settings", default=str(DEFAULT_SETTINGS), help="a TOML file")
    commands = parser.add_subparsers(dest="command", required=True)
    init = commands.add_parser("init", help="create the tables")
    init.add_argument("--demo", action="store_true", help="and store a made-up portfolio")
    run = commands.add_parser("nightly", help="run the nights up to --at")
    run.add_argument("--at", help="the night's moment, ISO 8601 (the calendar's zone if "
                                  "none is given); default now")
    arguments = parser.parse_args(argv)
    try:
        settings = read(arguments.settings)
        store = Store(arguments.db)
        if arguments.command == "init":
            if arguments.demo:
                demo.seed(store)
            print(f"tables ready in {arguments.db}")
            return 0
        reports = nightly.run_nights(store, settings,
                                     _moment(arguments.at, settings.calendar.zone))
    except KeyAccountError as error:
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    for report in reports:
        print("\n".join(report.lines()))
    return 1 if any(report.problems for report in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
