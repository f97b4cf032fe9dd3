"""The shared validators and converters (keyaccount._validation): one home, one message shape.

Every refusal names the field, the value and what was expected (SPEC §11).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import attrs
import pytest

from keyaccount import InvalidInput, PolicyConfigError
from keyaccount._validation import (
    COUNT_LIMIT,
    a_date,
    aware,
    count,
    instance_of,
    instances_of,
    names,
    optional_instance_of,
    optional_non_empty,
    optional_text,
    require_count,
    require_instant_in_years,
    settings_errors,
    to_items,
    to_names,
    to_pairs,
)


@pytest.mark.parametrize("lone", ["li", b"li", date(2025, 1, 1), {"li": 1}, 7, None])
def test_to_items_refuses_a_lone_value_by_name(lone: object) -> None:
    with pytest.raises(InvalidInput, match=r"^Team\.staff must be a collection of names, got "):
        to_items(lone, field="Team.staff", expected="names")  # type: ignore[arg-type]


def test_to_items_freezes_any_collection_and_may_read_none_as_empty() -> None:
    assert to_items(["li", "wang"], field="f", expected="names") == ("li", "wang")
    assert to_items({"li"}, field="f", expected="names") == ("li",)
    assert to_items(None, field="f", expected="names", none_is_empty=True) == ()
    with pytest.raises(PolicyConfigError, match="roles must be a collection of roles, got 'x'"):
        to_items("x", field="roles", expected="roles", error=PolicyConfigError)


def test_to_pairs_reads_a_mapping_or_pairs_and_refuses_anything_else() -> None:
    assert to_pairs({"A": 1}, field="f", entry="(code, n)") == (("A", 1),)
    assert to_pairs([("A", 1)], field="f", entry="(code, n)") == (("A", 1),)
    with pytest.raises(InvalidInput, match=r"f must be a mapping or a collection of \(code, n\) "):
        to_pairs("A", field="f", entry="(code, n)")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"f entries must be \(code, n\) pairs, got \('A',\)"):
        to_pairs([("A",)], field="f", entry="(code, n)")  # type: ignore[arg-type]


def test_to_names_takes_one_name_or_a_sequence_of_names() -> None:
    assert to_names("li", field="successors") == ("li",)
    assert to_names(["li", "wang"], field="successors") == ("li", "wang")
    with pytest.raises(InvalidInput, match="successors must be a name or a sequence of names"):
        to_names({"li"}, field="successors")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="a name in successors must be a non-empty string"):
        to_names(["li", " "], field="successors")


@pytest.mark.parametrize("value", [-1, True, 1.0, "1"])
def test_require_count_refuses_anything_but_an_int_of_at_least_the_minimum(value: object) -> None:
    with pytest.raises(InvalidInput, match=rf"^n must be an int >= 0 \(a note\), got {value!r}$"):
        require_count(value, field="n", note=" (a note)")
    assert require_count(0, field="n") == 0


@attrs.frozen
class _Sample:
    rank: int = attrs.field(default=1, validator=count(1))
    start: int = attrs.field(
        default=0, validator=count(field="sample start", error=PolicyConfigError)
    )
    members: tuple[str, ...] = attrs.field(default=(), validator=names)
    note: str | None = attrs.field(default=None, validator=optional_text)
    lead: str | None = attrs.field(default=None, validator=optional_non_empty)
    day: date = attrs.field(default=date(2025, 1, 1), validator=instance_of(date))
    amount: Decimal | None = attrs.field(default=None, validator=optional_instance_of(Decimal))
    days: tuple[date, ...] = attrs.field(default=(), validator=instances_of(date))


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"rank": 0}, InvalidInput, r"_Sample\.rank must be an int >= 1, got 0"),
        ({"start": -1}, PolicyConfigError, r"sample start must be an int >= 0, got -1"),
        ({"members": ("li", "li")}, InvalidInput, r"_Sample\.members names someone twice"),
        ({"members": ("",)}, InvalidInput, r"a name in _Sample\.members must be a non-empty"),
        ({"note": 5}, InvalidInput, r"_Sample\.note must be a string or None, got 5"),
        ({"lead": " "}, InvalidInput, r"_Sample\.lead must be a non-empty string, got ' '"),
        ({"day": "2025-01-01"}, InvalidInput, r"_Sample\.day must be a date, got '2025-01-01'"),
        ({"amount": 1.5}, InvalidInput, r"_Sample\.amount must be a Decimal or None, got 1\.5"),
        ({"days": ("x",)}, InvalidInput, r"_Sample\.days must hold date values, got 'x'"),
    ],
)
def test_the_attrs_validators_name_the_class_and_field(
    change: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        _Sample(**change)  # type: ignore[arg-type]
    assert _Sample(note="", lead=None).note == ""


def test_settings_errors_turns_a_values_refusal_into_a_settings_error() -> None:
    refused = pytest.raises(PolicyConfigError, match=r"^section\[x\]: _Sample\.rank must be an int")
    with refused, settings_errors("section[x]: "):
        _Sample(rank=0)
    with pytest.raises(PolicyConfigError, match="boom"), settings_errors(also=(TypeError,)):
        raise TypeError("boom")
    with pytest.raises(KeyError), settings_errors():
        raise KeyError("not a refusal of a value")


# --- the domain's bounds (SPEC §11, docs/reference/errors.md "Limits") -----------------------


@pytest.mark.parametrize(
    "moment",
    [
        datetime(9999, 12, 31, 23, tzinfo=UTC),
        datetime(1, 1, 2, tzinfo=UTC),
        datetime(2200, 1, 1, tzinfo=UTC),
    ],
)
def test_an_instant_outside_the_years_1900_to_2199_is_refused_by_name(moment: datetime) -> None:
    with pytest.raises(InvalidInput, match=r"^now must be an instant in the years 1900-2199, got "):
        require_instant_in_years(moment, field="now")


@attrs.frozen
class _Dated:
    day: date = attrs.field(validator=a_date)
    moment: datetime = attrs.field(validator=aware)


def test_every_date_and_instant_field_lies_within_the_years_1900_to_2199() -> None:
    fine = datetime(2025, 1, 1, tzinfo=UTC)
    assert _Dated(date(1900, 1, 1), fine).day == date(1900, 1, 1)
    with pytest.raises(InvalidInput, match=r"_Dated\.day must be a date in the years 1900-2199"):
        _Dated(date(1, 1, 1), fine)
    with pytest.raises(InvalidInput, match=r"_Dated\.moment must be an instant in the years"):
        _Dated(date(2025, 1, 1), datetime(9999, 12, 31, 23, tzinfo=UTC))


def test_a_count_limit_that_is_a_power_of_ten_is_written_as_one() -> None:
    with pytest.raises(InvalidInput, match=rf"^n must be an int in 0\.\.10\*\*9, got {2**70}$"):
        require_count(2**70, field="n", maximum=COUNT_LIMIT)
