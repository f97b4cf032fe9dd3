"""keyaccount.codec: store every value and event as JSON-safe data, and rebuild it (issue 14).

keyaccount does no I/O; a host stores values and events itself. :func:`dump` turns any public
value or domain event into data made of str, int, bool, None, lists and dicts, each stored
value carrying its ``type`` and schema ``version``; :func:`load` rebuilds it through the
constructors, refusing bad data with :class:`~keyaccount.InvalidInput` naming the path
(``history[3].status``). :data:`EVENT_TYPES` is the registry of concrete event types by name.

>>> import json
>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from keyaccount import TicketPaused
>>> event = TicketPaused(occurred_at=datetime(2026, 3, 2, 23, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
...                      ticket_id="T-1", account_id="acme", reason="waiting for parts")
>>> stored = json.dumps(dump(event))
>>> stored
'{"type": "TicketPaused", "version": 1, "occurred_at": "2026-03-02T23:00:00+08:00[Asia/...]", ...}'
>>> again = load(json.loads(stored))
>>> again == event, again.occurred_at.tzinfo.key
(True, 'Asia/Shanghai')
>>> EVENT_TYPES["TicketPaused"] is TicketPaused
True

The codec imports the domain; the domain never imports the codec.
"""

from keyaccount.codec import converter as _converter
from keyaccount.codec import registry as _registry
from keyaccount.codec import types as _types
from keyaccount.codec.converter import *
from keyaccount.codec.registry import *

# types registers every stored type (and exports nothing)
__all__ = [*_converter.__all__, *_registry.__all__, *_types.__all__]
