"""Rules of load_policies (policies/settings.py) found by mutation testing.

See docs/explanation/testing.md ("Surviving mutants"): how an error's message is traced back
to the path of the bad setting.
"""

from __future__ import annotations

from typing import Any

import pytest

from keyaccount import PolicyConfigError
from keyaccount.policies import load_policies
from keyaccount.policies.settings import _mentions


@pytest.mark.parametrize(
    ("settings", "path"),
    [
        # the bad entry comes after a good one: the path names the bad one
        ({"escalation": {"first_reply": {"A": "2h", "B": "-4h"}}}, "escalation.first_reply.B: "),
        ({"grading": {"weights": {"contract_amount": "0.5", "profit_contribution": "x",
                                  "purchase_count": "0.2"}}},
         "grading.weights.profit_contribution: "),
        # a key that is not a string is never taken for the path
        ({"dormancy": {5: 1, "days": -1}}, "dormancy.days: "),
        # a two-letter key is found only when quoted: "of" is a word of the message
        ({"tier_ladder": {"of": "core", "B": "bogus"}}, "tier_ladder.B: "),
    ],
)
def test_the_path_of_an_error_names_the_bad_setting_not_a_sibling_before_it(
    settings: dict[str, Any], path: str
) -> None:
    with pytest.raises(PolicyConfigError) as caught:
        load_policies(settings)
    assert str(caught.value).startswith(path), str(caught.value)


def test_a_key_is_mentioned_when_quoted_or_when_named_as_a_word_of_three_letters_or_more() -> (
    None
):
    assert _mentions("tier 'A' must not be negative", "A")
    assert _mentions('tier "A" must not be negative', "A")
    assert _mentions("weights.abc must be a number", "abc")
    assert not _mentions("weights.abcd must be a number", "abc")
    assert not _mentions("must be one of ['core']", "of")
    assert not _mentions("weights must be a number", "abcd")
    assert not _mentions("'' and 5 and '5'", "")
    assert not _mentions("got 5 and '5'", 5)
