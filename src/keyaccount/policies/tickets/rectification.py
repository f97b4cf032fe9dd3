"""When supervision issues rectification notices, and how long they give (seed 001 §七(一)3).

The seed asks for notices with a deadline (限期整改) and names no number; our defaults
(SPEC §7, supervision): five business days to rectify; a notice once a ticket reaches
escalation level 2 (the head of the key-account department must act), or once two planned
visits of an account are overdue.

>>> rules = RectificationRules()
>>> str(rules.answer_within), rules.ticket_level, rules.overdue_visits
('5d', 2, 2)
>>> RectificationRules.from_mapping({"answer_within": "0d"})
Traceback (most recent call last):
...
keyaccount.PolicyConfigError: answer_within must be longer than zero, got '0d'
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import attrs

from keyaccount._errors import PolicyConfigError
from keyaccount._validation import (
    COUNT_LIMIT,
    check_settings_keys,
    require_count,
    settings_errors,
)
from keyaccount.domain.calendar import BusinessDuration

__all__ = [
    "DEFAULT_ANSWER_WITHIN",
    "DEFAULT_OVERDUE_VISITS",
    "DEFAULT_TICKET_LEVEL",
    "RectificationRules",
]

# Our defaults (seed 001 §七(一)3 writes 限期整改 without a number).
DEFAULT_ANSWER_WITHIN = BusinessDuration(days=5)
DEFAULT_TICKET_LEVEL = 2
DEFAULT_OVERDUE_VISITS = 2

_SETTINGS = ("answer_within", "ticket_level", "overdue_visits")


def _within(value: BusinessDuration | timedelta | str) -> BusinessDuration:
    # parse refuses a negative or zero duration itself (a deadline needs time)
    return BusinessDuration.parse(value, field="answer_within")


@attrs.frozen
class RectificationRules:
    """The rectification policy of seed 001 §七(一)3 (``presets.rectification()``).

    Attributes:
        answer_within: the business time the addressee has (5 business days).
        ticket_level: the escalation level at which a ticket gets a notice (2).
        overdue_visits: how many overdue planned visits of an account make a notice (2).

    Raises:
        PolicyConfigError: a duration of zero or less; a level or count below 1.
    """

    answer_within: BusinessDuration = attrs.field(default=DEFAULT_ANSWER_WITHIN,
                                                  converter=_within)
    ticket_level: int = DEFAULT_TICKET_LEVEL
    overdue_visits: int = DEFAULT_OVERDUE_VISITS

    def __attrs_post_init__(self) -> None:
        for name in ("ticket_level", "overdue_visits"):
            require_count(getattr(self, name), field=name, minimum=1, maximum=COUNT_LIMIT,
                          error=PolicyConfigError)

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> RectificationRules:
        """Build the rules from a host's settings; anything not given keeps its default.

        Keys: ``answer_within`` (``"5d"``), ``ticket_level`` (int), ``overdue_visits`` (int).

        Raises:
            PolicyConfigError: an unknown key or a bad value.
        """
        check_settings_keys(settings, allowed=_SETTINGS, policy="rectification")
        with settings_errors():
            return cls(**{key: settings[key] for key in _SETTINGS if key in settings})
