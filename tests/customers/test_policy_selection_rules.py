"""Rules of policies/customers/selection.py found by mutation testing
(docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import date

import pytest

from keyaccount import (
    Contract,
    Customer,
    InvalidInput,
    PolicyConfigError,
    SelectionCriterion,
    SelectionFindings,
    SelectionVerdict,
)
from keyaccount.policies import SelectionRules

CONTRACT = Contract(reference="S", signed_on=date(2025, 1, 2))
WANTING = SelectionFindings(finances_sound=False, cooperative=True, keeps_secrecy=True,
                            cost_level_acceptable=True)


def judged(rules: SelectionRules, contract: object = CONTRACT, field: str = "") -> SelectionVerdict:
    contracts: dict[str, object] = {"supply_contract": CONTRACT, "quality_contract": CONTRACT}
    if field:
        contracts[field] = contract
    customer = Customer(account_id="C-1", name="Acme", category="regional", credit_rating="AA")
    return rules.judge(customer, findings=WANTING, **contracts)  # type: ignore[arg-type]


@pytest.mark.parametrize(("action", "refused"), [("refuse", True), ("flag", False)])
def test_a_principle_named_in_on_unmet_does_what_it_is_given(action: str, refused: bool) -> None:
    rules = SelectionRules.from_mapping({"on_unmet": {"finances": action}})
    assert dict(rules.on_unmet)[SelectionCriterion.FINANCES] == action
    verdict = judged(rules)
    assert bool(verdict.refusals) is refused
    assert bool(verdict.flags) is not refused


@pytest.mark.parametrize("blank", ["", "  ", None])
def test_a_blank_refused_rating_is_a_configuration_error_naming_it(blank: object) -> None:
    with pytest.raises(PolicyConfigError,
                       match=r"^a rating in selection refused_credit_ratings must be "):
        SelectionRules.from_mapping({"refused_credit_ratings": ["失信被执行人", blank]})


@pytest.mark.parametrize("lone", ["失信被执行人", None, 7])
def test_refused_ratings_that_are_not_a_collection_are_refused_naming_them(lone: object) -> None:
    with pytest.raises(PolicyConfigError, match=r"^selection refused_credit_ratings must be a "
                                                r"collection of ratings, got "):
        SelectionRules.from_mapping({"refused_credit_ratings": lone})


def test_a_setting_with_an_unknown_key_is_refused_naming_the_policy() -> None:
    with pytest.raises(PolicyConfigError, match=r"^selection settings have unknown key\(s\) "):
        SelectionRules.from_mapping({"on_unmt": {}})


@pytest.mark.parametrize("field", ["supply_contract", "quality_contract"])
def test_a_contract_that_is_not_a_contract_is_refused_naming_it(field: str) -> None:
    with pytest.raises(InvalidInput, match=rf"^{field} must be a Contract, got 'S'"):
        judged(SelectionRules(), "S", field)


@pytest.mark.parametrize(("selection_settings", "message"), [
    ({"on_unmet": {"credit": "flag"}},
     r"^selection on_unmet\['credit'\] must be 'refuse', got 'flag': a credit problem stops "
     r"the selection \(seed 003 开发 第二条\)$"),
    ({"refused_credit_ratings": ["B"]},
     r"^selection refused_credit_ratings must include '失信被执行人' \(a judgment defaulter is "
     r"always refused: a credit problem stops the selection, seed 003 开发 第二条\), "
     r"got \['B'\]$"),
    ({"refused_credit_ratings": []}, r"^selection refused_credit_ratings must include "),
])
def test_settings_that_would_let_a_judgment_defaulter_through_are_refused(
    selection_settings: dict[str, object], message: str,
) -> None:
    # SPEC §2: a credit problem found stops the process; SelectionPolicy's invariant
    with pytest.raises(PolicyConfigError, match=message):
        SelectionRules.from_mapping(selection_settings)


def test_a_company_may_refuse_more_credit_ratings_and_name_the_credit_principle() -> None:
    rules = SelectionRules.from_mapping({"refused_credit_ratings": ["D", "失信被执行人"],
                                         "on_unmet": {"credit": "refuse"}})
    assert rules.refused_credit_ratings == {"D", "失信被执行人"}
    customer = Customer(account_id="C-1", name="Acme", category="regional", credit_rating="D")
    verdict = rules.judge(customer, findings=WANTING, supply_contract=CONTRACT,
                          quality_contract=CONTRACT)
    assert verdict.refusals[0] == "credit (第二条): rated D, a refused credit rating"

