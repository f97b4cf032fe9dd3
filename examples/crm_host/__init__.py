"""A reference host for keyaccount on a real database (issue 14).

keyaccount does no I/O: this package is the host around it. It keeps the values in SQL
tables through SQLAlchemy 2 (SQLite by default; a PostgreSQL URL works the same), turns them
into JSON and back with :mod:`keyaccount.codec`, reads its policies from a TOML file with
:func:`keyaccount.policies.load_policies`, and runs a nightly job, one transaction per
night, that back-fills the nights it missed. Walk-through:
``docs/howto/store-in-your-database.md``.

Modules:
    schema: the tables.
    store: values in and out of the tables (the codec), one session per unit of work.
    settings: the TOML settings file.
    nightly: the nightly job and its back-fill.
    demo: a small made-up portfolio to try it on.
    __main__: the command line, ``python -m crm_host nightly --at 2026-03-02T23:00``.
"""
