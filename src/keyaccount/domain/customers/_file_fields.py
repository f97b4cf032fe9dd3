"""The converters of the customer file's fields (private; SPEC §1, §11).

mypy's attrs plugin wants named converter functions, hence one per field; they live apart from
:class:`~keyaccount.Customer` so that the file's module keeps to the file and its changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    MONEY_LIMIT,
    MONEY_PLACES,
    require_bounded,
    require_day_in_years,
    require_non_empty,
    require_non_negative,
    to_decimal,
    to_enum,
    to_items,
    to_pairs,
)
from keyaccount.domain.customers.archive import DepartureReason
from keyaccount.domain.customers.classification import CounterpartRole, CustomerCategory
from keyaccount.domain.customers.contacts import Contact
from keyaccount.domain.customers.lifecycle import AccountStatus
from keyaccount.domain.customers.records import ProcessRecord


def category(value: CustomerCategory | str) -> CustomerCategory:
    if type(value) is CustomerCategory:  # the plain case: one type check
        return value
    return to_enum(CustomerCategory, value, field="Customer.category")


def counterpart_role(value: CounterpartRole | str) -> CounterpartRole:
    if type(value) is CounterpartRole:  # the plain case: one type check
        return value
    return to_enum(CounterpartRole, value, field="Customer.counterpart_role")


def status(value: AccountStatus | str) -> AccountStatus:
    if type(value) is AccountStatus:  # the plain case: one type check
        return value
    return to_enum(AccountStatus, value, field="Customer.status")


def staff(value: Iterable[str]) -> tuple[str, ...]:
    return to_items(value, field="Customer.staff", expected="names")


_MONEY_MAX = Decimal(MONEY_LIMIT)
_MONEY_STEP = Decimal(1).scaleb(-MONEY_PLACES)


def capital(value: Decimal | int | str | None) -> Decimal | None:
    # files are built by the million and every change rebuilds one: the plain cases first
    if value is None:
        return None
    if type(value) is int and 0 <= value <= MONEY_LIMIT:
        return Decimal(value)
    if (
        type(value) is Decimal
        and value.is_finite()
        and 0 <= value <= _MONEY_MAX
        and value.quantize(_MONEY_STEP) == value  # 22 digits at most: never past precision
    ):
        return value
    field = "Customer.registered_capital"
    return require_non_negative(require_bounded(to_decimal(value, field=field), field=field),
                                field=field)


def dates(value: Iterable[date]) -> tuple[date, ...]:
    days = to_items(value, field="Customer.important_dates", expected="dates")
    for day in days:
        require_day_in_years(day, field="a day in Customer.important_dates")
    return tuple(sorted(set(days)))


Topics = tuple[tuple[str, str], ...]


def _topics(value: Mapping[str, str] | Iterable[tuple[str, str]], field: str) -> Topics:
    pairs = to_pairs(value, field=field, entry="(topic, text)")
    for pair in pairs:
        require_non_empty(pair[0], field=f"a topic in {field}")
        if not isinstance(pair[1], str):
            raise InvalidInput(f"{field}[{pair[0]!r}] must be text, got {pair[1]!r}")
    topics = [topic for topic, _ in pairs]
    if len(set(topics)) != len(topics):
        raise InvalidInput(f"{field} has a topic twice: {topics}")
    return pairs


def profile(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> Topics:
    return _topics(value, "Customer.profile")


def trade_secrets(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> Topics:
    return _topics(value, "Customer.trade_secrets")


def technical_profile(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> Topics:
    return _topics(value, "Customer.technical_profile")


def contacts(value: Iterable[Contact]) -> tuple[Contact, ...]:
    return to_items(value, field="Customer.contacts", expected="Contact values")


def records(value: Iterable[ProcessRecord]) -> tuple[ProcessRecord, ...]:
    return to_items(value, field="Customer.records", expected="ProcessRecord values")


def departure(value: DepartureReason | str | None) -> DepartureReason | None:
    if value is None or type(value) is DepartureReason:
        return value
    return to_enum(DepartureReason, value, field="Customer.departure")


def archived_from(value: AccountStatus | str | None) -> AccountStatus | None:
    if value is None or type(value) is AccountStatus:
        return value
    return to_enum(AccountStatus, value, field="Customer.archived_from")
