"""Confidentiality: who reads what of a customer file (SPEC §4; seeds 001, 003)."""

from datetime import UTC, datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    BUSINESS_FIELDS,
    CONFIDENTIAL_PARTS,
    CONTACT_PERSONAL_NOTES,
    CUSTOMER_FIELDS,
    FILE_CONFIDENTIAL_PARTS,
    NEGOTIATION_RECORDS,
    TIER_A,
    AccessPolicy,
    Contact,
    Customer,
    InvalidInput,
    PolicyConfigError,
    RecordKind,
    RedactedView,
    Viewer,
    ViewerRole,
    redact,
    redacted_view,
)
from keyaccount.policies import RoleBasedAccess, presets
from keyaccount.testing import check_access_policy, files_and_viewers

NOW = datetime(2025, 6, 2, tzinfo=UTC)


def a_file() -> Customer:
    return Customer(
        account_id="C-1",
        name="华东机械集团",
        category="industry",
        phone="021-5555-0000",
        credit_rating="AA",
        registered_capital="80000000",
        tier=TIER_A,
        staff=("wang", "li"),
        account_manager="wang",
        contacts=(
            Contact(
                name="周敏",
                role="purchasing_director",
                mobile="139",
                personal_notes="golf on Saturdays; son at Fudan",
            ),
        ),
    )


def test_the_account_manager_reads_all_of_their_own_account_with_the_personal_notes() -> None:
    view = presets.access().redact(a_file(), viewer=Viewer("wang", "account_manager"))
    assert view.withheld == ()
    assert view["contacts"][0].personal_notes == "golf on Saturdays; son at Fudan"
    assert view.visible == CUSTOMER_FIELDS


def test_department_staff_read_business_fields_but_not_personal_notes() -> None:
    view = presets.access().redact(a_file(), viewer=Viewer("li", "department_staff"))
    assert view.withheld == (CONTACT_PERSONAL_NOTES,)
    assert view["credit_rating"] == "AA"
    assert view["contacts"][0].mobile == "139"
    assert view["contacts"][0].personal_notes is None


def test_another_key_account_manager_reads_only_business_fields_of_an_account_not_theirs() -> None:
    view = presets.access().redact(a_file(), viewer=Viewer("chen", ViewerRole.ACCOUNT_MANAGER))
    assert CONTACT_PERSONAL_NOTES in view.withheld
    assert view["contacts"][0].personal_notes is None


def test_other_departments_read_name_tier_and_switchboard_only() -> None:
    view = presets.access().redact(a_file(), viewer=Viewer("sun", "other_department"))
    assert view.as_dict() == {
        "account_id": "C-1",
        "name": "华东机械集团",
        "phone": "021-5555-0000",
        "tier": TIER_A,
    }
    assert "contacts" in view.withheld
    assert "credit_rating" in view.withheld
    assert CONTACT_PERSONAL_NOTES in view.withheld


def test_a_withheld_field_is_refused_by_name_not_blanked() -> None:
    view = presets.access().redact(a_file(), viewer=Viewer("sun", "other_department"))
    with pytest.raises(KeyError, match="'credit_rating' is withheld from other_department 'sun'"):
        view["credit_rating"]
    with pytest.raises(KeyError, match="not a field"):
        view["shoe_size"]
    assert "credit_rating" not in view
    assert list(view) == list(view.visible)
    mine = presets.access().redact(a_file(), viewer=Viewer("wang", "account_manager"))
    with pytest.raises(KeyError, match=r"is visible: read each contact's notes"):
        mine[CONTACT_PERSONAL_NOTES]


def test_a_host_can_narrow_what_department_staff_read() -> None:
    policy = RoleBasedAccess.from_mapping(
        {"department_staff": ["name", "tier", "phone", "contacts", "records"]}
    )
    view = policy.redact(a_file(), viewer=Viewer("li", "department_staff"))
    assert "registered_capital" in view.withheld
    assert view["contacts"][0].personal_notes is None


def test_personal_notes_cannot_be_granted_to_anyone_but_the_own_manager() -> None:
    with pytest.raises(PolicyConfigError, match="confidential"):
        RoleBasedAccess.from_mapping({"department_staff": ["name", CONTACT_PERSONAL_NOTES]})


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"other_department": ["name", "salary"]},
            r"other_department names unknown field\(s\) \['salary'\]",
        ),
        (
            {"other_department": "name"},
            r"other_department must be a collection of field names, got 'name'",
        ),
        ({"others": ["name"]}, r"unknown key\(s\) \['others'\]"),
        ({"department_staff": 3}, r"department_staff must be a collection of field names, got 3"),
    ],
)
def test_bad_access_settings_are_refused(settings: dict[str, object], message: str) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        RoleBasedAccess.from_mapping(settings)


def test_an_unknown_viewer_role_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"Viewer\.role must be one of"):
        Viewer("wang", "ceo")
    with pytest.raises(InvalidInput, match=r"Viewer\.person"):
        Viewer(" ", "department_staff")


def test_the_default_access_policy_satisfies_its_protocol() -> None:
    assert isinstance(presets.access(), AccessPolicy)


def test_redacting_leaves_the_file_itself_untouched() -> None:
    customer = a_file()
    presets.access().redact(customer, viewer=Viewer("sun", "other_department"))
    assert customer == a_file()


_FIELD_SETS = st.sets(st.sampled_from(sorted(BUSINESS_FIELDS)))
_PART_SETS = st.sets(st.sampled_from(sorted(set(CONFIDENTIAL_PARTS) - {CONTACT_PERSONAL_NOTES})))


@given(
    files_and_viewers(),
    st.none() | st.tuples(_FIELD_SETS, _FIELD_SETS, _PART_SETS),
)
def test_no_role_ever_sees_a_field_its_policy_withholds(
    file_and_viewer: tuple[Customer, Viewer],
    settings: tuple[set[str], set[str], set[str]] | None,
) -> None:
    customer, viewer = file_and_viewer
    department, others, parts = (
        # SPEC §4 defaults
        (set(BUSINESS_FIELDS), {"account_id", "name", "tier", "phone"},
         set(CONFIDENTIAL_PARTS) - {CONTACT_PERSONAL_NOTES})
        if settings is None
        else settings
    )
    policy = RoleBasedAccess(department_staff=department, other_department=others,
                             on_account=parts)
    view = policy.redact(customer, viewer=viewer)
    # What the role may read, worked out from SPEC §4 and the settings, not from the policy.
    own_manager = (
        viewer.role is ViewerRole.ACCOUNT_MANAGER and viewer.person == customer.account_manager
    )
    if own_manager:
        may_read = set(CUSTOMER_FIELDS) | set(CONFIDENTIAL_PARTS)
    elif viewer.person in customer.staff:
        may_read = department | parts | {"account_id"}
    elif viewer.role is ViewerRole.OTHER_DEPARTMENT:
        may_read = others | {"account_id"}
    else:
        may_read = department | {"account_id"}
    file_parts = set(CUSTOMER_FIELDS) | set(FILE_CONFIDENTIAL_PARTS)
    assert set(view.visible) == may_read & set(CUSTOMER_FIELDS)
    assert set(view.withheld) == file_parts - may_read
    for name in view.withheld:
        assert name not in view
        with pytest.raises(KeyError, match="withheld"):
            view[name]
    for name in view.visible:
        if name == "contacts" and CONTACT_PERSONAL_NOTES not in may_read:
            assert [attrs.evolve(c, personal_notes=None) for c in customer.contacts] == list(
                view[name]
            )
        elif name == "records" and NEGOTIATION_RECORDS not in may_read:
            assert [r for r in customer.records if r.kind is not RecordKind.NEGOTIATION] == list(
                view[name]
            )
        else:
            assert view[name] == getattr(customer, name)
    if not own_manager and viewer.person not in customer.staff:
        assert set(view.withheld) >= set(FILE_CONFIDENTIAL_PARTS)


def test_personal_notes_do_not_leak_through_the_printed_view_or_its_contacts() -> None:
    notes = "golf on Saturdays; son at Fudan"
    for viewer in (
        Viewer("li", "department_staff"),
        Viewer("chen", "account_manager"),
        Viewer("sun", "other_department"),
    ):
        view = presets.access().redact(a_file(), viewer=viewer)
        printed = [repr(view), str(view), repr(view.as_dict()), str(view.fields)]
        if "contacts" in view:
            printed += [repr(contact) for contact in view["contacts"]]
        assert not any(notes in text for text in printed), viewer
    mine = presets.access().redact(a_file(), viewer=Viewer("wang", "account_manager"))
    assert notes in repr(mine)


def test_a_host_policy_can_build_views_with_the_same_rules() -> None:
    view = redacted_view(
        a_file(), viewer=Viewer("li", "department_staff"), visible=frozenset({"name"})
    )
    assert isinstance(view, RedactedView)
    assert view.visible == ("name",)
    assert CONTACT_PERSONAL_NOTES in view.withheld


def test_a_view_naming_an_unknown_field_is_refused_not_dropped() -> None:
    with pytest.raises(
        InvalidInput,
        match=r"visible names unknown field\(s\) \['nmae'\]; known fields are \['account_id',",
    ):
        redacted_view(a_file(), viewer=Viewer("li", "department_staff"), visible={"nmae"})


@pytest.mark.parametrize("visible", ["name", b"name", None])
def test_the_visible_fields_must_be_a_collection_of_names(visible: object) -> None:
    with pytest.raises(InvalidInput, match=r"visible must be a collection of field names, got"):
        redacted_view(
            a_file(), viewer=Viewer("li", "department_staff"), visible=visible  # type: ignore[arg-type]
        )


def test_a_view_is_built_for_a_viewer_of_a_customer_file() -> None:
    with pytest.raises(InvalidInput, match=r"viewer must be a Viewer, got 'li'"):
        redacted_view(a_file(), viewer="li", visible={"name"})  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"customer must be a Customer, got 'C-1'"):
        presets.access().visible_fields(
            "C-1", viewer=Viewer("li", "department_staff")  # type: ignore[arg-type]
        )


@given(files_and_viewers())
def test_the_default_access_policy_passes_its_conformance_check(
    file_and_viewer: tuple[Customer, Viewer],
) -> None:
    check_access_policy(presets.access(), *file_and_viewer)


class _LeakyAccess:
    """A broken policy: shows every viewer the whole file."""

    def visible_fields(self, customer: Customer, *, viewer: Viewer) -> frozenset[str]:
        return frozenset({*CUSTOMER_FIELDS, *CONFIDENTIAL_PARTS})


def test_the_access_check_catches_a_policy_that_leaks_personal_notes() -> None:
    with pytest.raises(AssertionError, match="personal notes"):
        check_access_policy(_LeakyAccess(), a_file(), Viewer("sun", "other_department"))


def test_an_access_policy_needs_only_to_say_which_fields_a_viewer_reads() -> None:
    policy = _LeakyAccess()
    assert isinstance(policy, AccessPolicy)
    view = redact(a_file(), policy, viewer=Viewer("sun", "other_department"))
    assert view.withheld == ()
    assert view["contacts"] == a_file().contacts


@given(files_and_viewers())
def test_the_default_policy_redacts_as_the_redaction_service_does(
    file_and_viewer: tuple[Customer, Viewer],
) -> None:
    customer, viewer = file_and_viewer
    assert presets.access().redact(customer, viewer=viewer) == redact(
        customer, presets.access(), viewer=viewer
    )
