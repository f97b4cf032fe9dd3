"""A strategy of selection findings and the conformance check of selection policies (SPEC §2).

Seed 003 开发 第二-五条: an account is selected on its credit, finances, cooperation, secrecy
and cost level; a :class:`~keyaccount.SelectionPolicy` judges it at approval. A host's own
policy, or :class:`~keyaccount.policies.SelectionRules` built from its settings, is checked
with :func:`check_selection_policy` over drawn files and findings:

>>> from datetime import date
>>> from hypothesis import given, settings
>>> from keyaccount import Contract
>>> from keyaccount.policies import presets
>>> from keyaccount.testing import customers
>>> signed = Contract(reference="S-1", signed_on=date(2025, 3, 3))
>>> @settings(max_examples=10, deadline=None)
... @given(customers(), selection_findings())
... def test_the_default_selection_keeps_the_invariants(customer, findings):
...     check_selection_policy(presets.selection(), customer, findings=findings,
...                            supply_contract=signed, quality_contract=signed)
>>> test_the_default_selection_keeps_the_invariants()
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
from hypothesis import strategies as st

from keyaccount.domain.customers import (
    Contract,
    Customer,
    SelectionFindings,
    SelectionPolicy,
    SelectionVerdict,
)
from keyaccount.domain.customers.development import _JUDGMENT_DEFAULTER

__all__ = ["check_selection_policy", "selection_findings"]

# A fixed vocabulary keeps generation cheap; no rule reads the notes.
_NOTES = st.none() | st.sampled_from(["court records clean", "audited accounts 2024", "x"])


def selection_findings() -> st.SearchStrategy[SelectionFindings]:
    """What the investigations found: each selection principle met, failed or not established.

    Each of ``finances_sound``, ``cooperative``, ``keeps_secrecy`` and
    ``cost_level_acceptable`` is ``True``, ``False`` or ``None`` (seed 003 开发 第二-五条), with
    or without notes.
    """
    finding = st.none() | st.booleans()
    return st.builds(
        SelectionFindings,
        finances_sound=finding,
        cooperative=finding,
        keeps_secrecy=finding,
        cost_level_acceptable=finding,
        notes=_NOTES,
    )


# --- the conformance check a host's own policy can run ----------------------------------------
# It raises AssertionError explicitly rather than with assert, so it still checks under
# python -O.


def _judged(
    policy: SelectionPolicy,
    customer: Customer,
    findings: SelectionFindings,
    contracts: Mapping[str, Contract],
) -> SelectionVerdict:
    verdict: object = policy.judge(customer, findings=findings, **contracts)
    if not isinstance(verdict, SelectionVerdict):
        raise AssertionError(
            f"{type(policy).__name__}.judge returned {verdict!r}, not a SelectionVerdict"
        )
    if verdict.account_id != customer.account_id:
        raise AssertionError(
            f"the verdict on {customer.account_id!r} names {verdict.account_id!r}"
        )
    return verdict


def check_selection_policy(
    policy: SelectionPolicy,
    customer: Customer,
    *,
    findings: SelectionFindings,
    supply_contract: Contract,
    quality_contract: Contract,
) -> SelectionVerdict:
    """Judge ``customer`` under ``policy``, check the verdict and return it.

    The verdict is a :class:`~keyaccount.SelectionVerdict` naming the account judged; judging
    leaves the file, the findings and both contracts as they were; judging again gives the
    same verdict; and the same file rated 失信被执行人 (a judgment defaulter) is refused,
    whatever the findings and the contracts (seed 003 开发 第二条; SPEC §2).

    Raises:
        AssertionError: an invariant is broken (the message names it, the account and the
            verdict or the value that changed).
    """
    contracts = {"supply_contract": supply_contract, "quality_contract": quality_contract}
    inputs: dict[str, Customer | SelectionFindings | Contract] = {
        "customer": customer, "findings": findings, **contracts
    }
    before = {name: attrs.evolve(value) for name, value in inputs.items()}
    verdict = _judged(policy, customer, findings, contracts)
    for name, value in inputs.items():
        if value != before[name]:
            changes = ", ".join(
                f"{field.name} {getattr(before[name], field.name)!r} -> "
                f"{getattr(value, field.name)!r}"
                for field in attrs.fields(type(value))
                if getattr(value, field.name) != getattr(before[name], field.name)
            )
            raise AssertionError(f"judging changed its {name}: {changes}")
    again = policy.judge(customer, findings=findings, **contracts)
    if again != verdict:
        raise AssertionError(
            f"judging {customer.account_id!r} again gave {again!r}, not {verdict!r}"
        )
    defaulter = attrs.evolve(customer, credit_rating=_JUDGMENT_DEFAULTER)
    refused = _judged(policy, defaulter, findings, contracts)
    if refused.approvable:
        raise AssertionError(
            f"{customer.account_id!r} rated {_JUDGMENT_DEFAULTER} is not refused: {refused!r}"
        )
    return verdict
