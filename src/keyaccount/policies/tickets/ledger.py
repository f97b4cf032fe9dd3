"""Who leads a problem and how a close is read: the default ledger rules (SPEC §7).

Seed 001 §五(二)2 (由营销部门牵头协调): the marketing / key-account department
leads a problem that spans departments; seed 001 §五(二)3: it tells the customer the result and
follows up their satisfaction. The seeds name no scale; ours is the five-point
:data:`~keyaccount.SATISFACTION_SCALE`, on which 4 (满意) and 5 (非常满意) count as satisfied.

:class:`LedgerRules` implements :class:`keyaccount.domain.tickets.LedgerPolicy`:

>>> rules = LedgerRules()
>>> rules.lead_department, [rules.satisfied_by(score) for score in range(1, 6)]
('key-account department', [False, False, False, True, True])
>>> LedgerRules.from_mapping({"satisfied_from": 6})
Traceback (most recent call last):
...
keyaccount.PolicyConfigError: satisfied_from must be a score from 2 to 5 (lowest satisfied), got 6
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from keyaccount._errors import InvalidInput, PolicyConfigError
from keyaccount._validation import check_settings_keys, require_non_empty, settings_errors
from keyaccount.domain.tickets import SATISFACTION_SCALE

__all__ = [
    "DEFAULT_LEAD_DEPARTMENT",
    "DEFAULT_SATISFIED_FROM",
    "LedgerRules",
]

# seed 001 §五(二)2: 由营销部门牵头协调; seed 003 makes the key-account department (大客户部) the
# owner of key accounts' complaints: we name it so.
DEFAULT_LEAD_DEPARTMENT = "key-account department"

# Our default (the seeds name no scale): 4 and 5 of the five-point scale count as satisfied.
DEFAULT_SATISFIED_FROM = 4

_SETTINGS = ("lead_department", "allow_other_leads", "satisfied_from", "allow_contradiction")


def _check_bool(value: object, name: str) -> None:
    if not isinstance(value, bool):
        raise PolicyConfigError(f"{name} must be true or false, got {value!r}")


@attrs.frozen
class LedgerRules:
    """The ledger policy of SPEC §7: the leading department and how a close is read.

    Attributes:
        lead_department: the department that leads a problem spanning departments
            (``"key-account department"``, seed 001 §五(二)2).
        allow_other_leads: accept a ticket led by another department (False).
        satisfied_from: the lowest score of :data:`~keyaccount.SATISFACTION_SCALE` that counts
            as satisfied (4).
        allow_contradiction: accept an answer that contradicts the score, such as 1 of 5 with
            ``satisfied=True`` (False).

    Raises:
        PolicyConfigError: a blank department, a threshold off the scale, a flag that is not
            a bool.
    """

    lead_department: str = DEFAULT_LEAD_DEPARTMENT
    allow_other_leads: bool = False
    satisfied_from: int = DEFAULT_SATISFIED_FROM
    allow_contradiction: bool = False

    def __attrs_post_init__(self) -> None:
        require_non_empty(self.lead_department, field="lead_department", error=PolicyConfigError)
        _check_bool(self.allow_other_leads, "allow_other_leads")
        _check_bool(self.allow_contradiction, "allow_contradiction")
        low, high = SATISFACTION_SCALE.start + 1, SATISFACTION_SCALE.stop - 1
        threshold = self.satisfied_from
        if isinstance(threshold, bool) or not isinstance(threshold, int) or not (
            low <= threshold <= high
        ):
            raise PolicyConfigError(
                f"satisfied_from must be a score from {low} to {high} (lowest satisfied), "
                f"got {threshold!r}"
            )

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> LedgerRules:
        """Build the rules from a host's settings; anything not given keeps its default.

        Keys: ``lead_department`` (a name), ``allow_other_leads`` (bool), ``satisfied_from``
        (a score, 2-5) and ``allow_contradiction`` (bool).

        Raises:
            PolicyConfigError: an unknown key or a bad value.
        """
        check_settings_keys(settings, allowed=_SETTINGS, policy="ledger")
        with settings_errors():
            return cls(**{key: settings[key] for key in _SETTINGS if key in settings})

    def satisfied_by(self, satisfaction: int) -> bool:
        """Whether ``satisfaction`` counts as satisfied: at least :attr:`satisfied_from`.

        Raises:
            InvalidInput: ``satisfaction`` is not an int on the scale.
        """
        if isinstance(satisfaction, bool) or not isinstance(satisfaction, int) or (
            satisfaction not in SATISFACTION_SCALE
        ):
            raise InvalidInput(
                f"satisfaction must be an int from {SATISFACTION_SCALE.start} to "
                f"{SATISFACTION_SCALE.stop - 1}, got {satisfaction!r}"
            )
        return satisfaction >= self.satisfied_from
