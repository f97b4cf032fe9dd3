"""Rules of selection.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

import pytest

from keyaccount import InvalidInput, SelectionCriterion, SelectionFindings, SelectionVerdict

FINDINGS = ("finances_sound", "cooperative", "keeps_secrecy", "cost_level_acceptable")


@pytest.mark.parametrize("field", FINDINGS)
@pytest.mark.parametrize("value", [True, False, None])
def test_a_finding_is_true_false_or_none_for_not_established(field: str, value: object) -> None:
    assert getattr(SelectionFindings(**{field: value}), field) is value  # type: ignore[arg-type]


@pytest.mark.parametrize("field", FINDINGS)
@pytest.mark.parametrize("value", [1, 0, "yes", "False"])
def test_a_finding_that_is_not_a_bool_is_refused_naming_the_field(
    field: str, value: object
) -> None:
    with pytest.raises(
        InvalidInput, match=rf"^SelectionFindings\.{field} must be True, False or None"
    ):
        SelectionFindings(**{field: value})  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["refusals", "flags"])
@pytest.mark.parametrize("value", ["bad credit", 7])
def test_reasons_that_are_not_a_collection_are_refused_naming_the_field(
    field: str, value: object
) -> None:
    with pytest.raises(
        InvalidInput, match=rf"^SelectionVerdict\.{field} must be a collection of reasons, got "
    ):
        SelectionVerdict(account_id="C-1", **{field: value})  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["refusals", "flags"])
@pytest.mark.parametrize("reason", ["", "  ", None])
def test_a_blank_reason_is_refused_naming_its_list(field: str, reason: object) -> None:
    with pytest.raises(InvalidInput, match=rf"^a reason in SelectionVerdict\.{field} must be"):
        SelectionVerdict(account_id="C-1", **{field: ["fine", reason]})  # type: ignore[arg-type]


def test_a_verdict_keeps_its_reasons_in_order_and_is_approvable_only_without_refusals() -> None:
    verdict = SelectionVerdict(account_id="C-1", flags=["b", "a"])
    assert verdict.flags == ("b", "a")
    assert verdict.refusals == ()
    assert verdict.approvable
    refused = SelectionVerdict(account_id="C-1", refusals=["bad credit", "costs"])
    assert refused.refusals == ("bad credit", "costs")
    assert not refused.approvable


def test_each_selection_criterion_names_its_article_of_seed_003() -> None:
    assert {criterion.value: criterion.article for criterion in SelectionCriterion} == {
        "credit": "第二条",
        "finances": "第二条",
        "cooperation": "第三条",
        "secrecy": "第四条",
        "cost_level": "第五条",
    }
