"""Account codes from a pattern and a sequence (SPEC §1; seed 003 §开发选择认定 第十一条).

:class:`SequentialAccountCodes` gives an approved key account a unique code (seed 003 第十一条:
设定大客户代码); it implements :class:`~keyaccount.AccountCodePolicy`, and
:func:`~keyaccount.assign_account_code` puts its code on the customer. It keeps no counter:
the host passes the codes already taken.

>>> from datetime import date
>>> SequentialAccountCodes().code_for(approved_on=date(2025, 4, 1), taken={"KA-2025-00001"})
'KA-2025-00002'
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date
from string import Formatter
from typing import Any

import attrs

from keyaccount._errors import PolicyConfigError
from keyaccount._validation import (
    COUNT_LIMIT,
    check_settings_keys,
    count,
    require_day_in_years,
    require_instances,
    to_enum,
    to_items,
)
from keyaccount.domain.customers import CounterpartRole, CustomerCategory

__all__ = ["DEFAULT_ACCOUNT_CODE_PATTERN", "SequentialAccountCodes"]

# seed 003 第十一条 asks for a code per approved key account and leaves the scheme open; this
# is our default: year of approval and a five-digit sequence within it.
DEFAULT_ACCOUNT_CODE_PATTERN = "KA-{year}-{seq:05d}"

# The widest a placeholder of an account code pattern may be formatted (its width or
# precision): wide enough for any sequence number (counts go up to 10**9), narrow enough that
# a typo such as "{seq:0999999999d}" cannot make a gigabyte code.
_MAX_FIELD_WIDTH = 20


def _format(
    pattern: str,
    *,
    seq: int,
    approved_on: date,
    category: CustomerCategory | None,
    counterpart_role: str,
) -> str:
    return pattern.format(
        year=approved_on.year,
        month=approved_on.month,
        seq=seq,
        category=category.value if category is not None else "",
        role=counterpart_role,
    )


def _check_widths(pattern: str) -> None:
    # Read before any formatting: "{seq:0999999999d}" would take seconds and make a 1 GB code.
    try:
        fields = [(name, spec) for _, name, spec, _ in Formatter().parse(pattern) if name]
    except ValueError as error:
        raise PolicyConfigError(
            f"account code pattern {pattern!r} cannot be formatted ({error!r})"
        ) from None
    for name, spec in fields:
        spec = spec or ""
        if "{" in spec:
            raise PolicyConfigError(
                f"account code pattern {pattern!r} nests a placeholder in the format of "
                f"{{{name}:{spec}}}; give the width as a number"
            )
        # compared as text: int() of a 5000-digit width would itself be refused
        numbers = [digits.lstrip("0") or "0" for digits in re.findall(r"\d+", spec)]
        widest = max(numbers, key=lambda digits: (len(digits), digits), default="0")
        if (len(widest), widest) > (len(str(_MAX_FIELD_WIDTH)), str(_MAX_FIELD_WIDTH)):
            raise PolicyConfigError(
                f"account code pattern {pattern!r} sets a width or precision of {widest} in "
                f"{{{name}:{spec}}}; a placeholder is at most {_MAX_FIELD_WIDTH} characters wide"
            )


# The sequence numbers a pattern is tried with: where a truncated or character format
# ("{seq!s:.3}", "{seq:c}") would give two numbers one code or fail, up to the largest
# number code_for can reach (start and taken codes up to 10**9 each).
_SAMPLE_SEQS = (1, 2, *(10**digits + step for digits in range(1, 10) for step in (-1, 0)),
                2 * COUNT_LIMIT)


def _check_pattern(_instance: object, _attribute: object, pattern: str) -> None:
    if not isinstance(pattern, str) or "{seq" not in pattern:
        raise PolicyConfigError(
            f"account code pattern must be a string with a {{seq}} placeholder, got {pattern!r}"
        )
    _check_widths(pattern)
    # tried with every category (none too) and role that code_for may be given, so that it
    # never fails later: "{category[0]}" works for "industry" but not for a file without one
    for category in (*CustomerCategory, None):
        for role in CounterpartRole:
            try:
                sample = [
                    _format(
                        pattern,
                        seq=seq,
                        approved_on=date(2025, 1, 1),
                        category=category,
                        counterpart_role=role.value,
                    )
                    for seq in _SAMPLE_SEQS
                ]
            except (KeyError, IndexError, ValueError, TypeError, AttributeError,
                    OverflowError) as error:
                given = "no category" if category is None else f"category {category.value!r}"
                raise PolicyConfigError(
                    f"account code pattern {pattern!r} cannot be formatted ({error!r}) for "
                    f"{given} and role {role.value!r}; placeholders are {{year}}, {{month}}, "
                    f"{{seq}}, {{category}}, {{role}}"
                ) from None
            if not sample[0].strip():
                raise PolicyConfigError(
                    f"account code pattern {pattern!r} must give a non-blank code, got "
                    f"{sample[0]!r} for sequence number 1"
                )
            first_seq: dict[str, int] = {}
            for code, seq in zip(sample, _SAMPLE_SEQS, strict=True):
                if code in first_seq:
                    raise PolicyConfigError(
                        f"account code pattern {pattern!r} must give a different code for "
                        f"each sequence number, got {code!r} for {first_seq[code]} and {seq}"
                    )
                first_seq[code] = seq


@attrs.frozen
class SequentialAccountCodes:
    """Codes from a pattern and the lowest sequence number whose code is not yet taken.

    Attributes:
        pattern: a :meth:`str.format` pattern with ``{seq}`` and optionally ``{year}``,
            ``{month}`` (of the approval day), ``{category}`` and ``{role}`` (the customer's
            category and counterpart role values), each formatted at most 20 characters wide.
            Default ``"KA-{year}-{seq:05d}"``.
        start: the first sequence number tried. Default 1.

    Uniqueness holds against ``taken``: pass every code ever issued, archived (交易终止)
    accounts' included, so no code is reused. Cost: O(k) look-ups in ``taken`` for the k-th
    free number; pass a set.

    >>> from datetime import date
    >>> codes = SequentialAccountCodes.from_mapping({"pattern": "{role}-{year}{seq:04d}"})
    >>> codes.code_for(approved_on=date(2026, 1, 5), taken=(), counterpart_role="supplier")
    'supplier-20260001'
    """

    pattern: str = attrs.field(default=DEFAULT_ACCOUNT_CODE_PATTERN, validator=_check_pattern)
    start: int = attrs.field(
        default=1,
        validator=count(maximum=COUNT_LIMIT, field="account code start", error=PolicyConfigError),
    )

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> SequentialAccountCodes:
        """Build from host settings ``{"pattern": str, "start": int}`` (both optional).

        Raises:
            PolicyConfigError: an unknown key, a pattern without ``{seq}``, that cannot be
                formatted or that sets a width or precision over 20, a
                negative start.
        """
        check_settings_keys(settings, allowed={"pattern", "start"}, policy="account codes")
        return cls(**settings)

    def code_for(
        self,
        *,
        approved_on: date,
        taken: Collection[str],
        category: CustomerCategory | None = None,
        counterpart_role: str = "customer",
    ) -> str:
        """The first code of the scheme that is not in ``taken``.

        Args:
            approved_on: the day the account was approved.
            taken: every code already issued.
            category: the customer's category, for patterns that use ``{category}``.
            counterpart_role: the counterpart role's value, for patterns that use ``{role}``.

        Raises:
            InvalidInput: ``approved_on`` is not a date, ``taken`` is not a collection (a
                lone code would be read letter by letter), or ``category`` or
                ``counterpart_role`` is not one of its enum's members or values.
        """
        require_day_in_years(approved_on, field="approved_on")
        if not isinstance(taken, (set, frozenset)):  # a set keeps its O(1) look-ups
            taken = to_items(taken, field="taken", expected="account codes")
            # a code that is not a string never matches: it would be skipped without a word
            require_instances(taken, str, field="taken")
        if category is not None:
            category = to_enum(CustomerCategory, category, field="category")
        counterpart_role = to_enum(
            CounterpartRole, counterpart_role, field="counterpart_role"
        ).value
        # At most len(taken) numbers can be taken, so one of the next len(taken) + 1 is free
        # (the pattern gives a different code for each number, checked at construction).
        for seq in range(self.start, self.start + len(taken) + 1):
            code = _format(
                self.pattern,
                seq=seq,
                approved_on=approved_on,
                category=category,
                counterpart_role=counterpart_role,
            )
            if code not in taken:
                return code
        raise PolicyConfigError(  # pragma: no cover - the pattern check makes this unreachable
            f"account code pattern {self.pattern!r} found no free code"
        )
