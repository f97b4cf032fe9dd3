"""The default access policy: what each role may read of a customer file (SPEC §4).

:class:`RoleBasedAccess` implements :class:`~keyaccount.AccessPolicy`: it tells which fields a
:class:`~keyaccount.Viewer` may read, and :func:`~keyaccount.redact` builds the
:class:`~keyaccount.RedactedView`. The *default* roles:

- the key-account manager sees everything of their own accounts, contacts' personal notes
  included, and the business fields of the others;
- whoever covers the account (is on its ``staff``) sees the business fields and every other
  confidential part (trade secrets, technical profile, negotiation records, visit records and
  their feedback, tickets), but not the personal notes;
- key-account department staff not on the account see the business fields only;
- other departments not on the account see the name, the tier and the switchboard phone only.

>>> from keyaccount import Customer, Viewer, ViewerRole
>>> acme = Customer(account_id="C-1", name="Acme", category="regional", phone="021-5555",
...                 credit_rating="AA", staff=("wang",), account_manager="wang")
>>> view = RoleBasedAccess().redact(acme, viewer=Viewer("liu", ViewerRole.OTHER_DEPARTMENT))
>>> view["phone"], "credit_rating" in view.withheld
('021-5555', True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from keyaccount._errors import InvalidInput, PolicyConfigError
from keyaccount._validation import check_settings_keys, require_non_empty, to_items
from keyaccount.domain.customers import (
    BUSINESS_FIELDS,
    CONFIDENTIAL_PARTS,
    CONTACT_PERSONAL_NOTES,
    CUSTOMER_FIELDS,
    Customer,
    RedactedView,
    Viewer,
    ViewerRole,
    redact,
)

__all__ = [
    "DEFAULT_BUSINESS_FIELDS",
    "DEFAULT_DIRECTORY_FIELDS",
    "DEFAULT_ON_ACCOUNT_PARTS",
    "RoleBasedAccess",
]

# SPEC §4 *default*: department staff see the business fields, i.e. the whole file but its
# confidential parts (seed 003 客户名册管理制度 第二条: the file is kept for the department;
# 信息 第七条: no reading without permission).
DEFAULT_BUSINESS_FIELDS: frozenset[str] = BUSINESS_FIELDS
# SPEC §4 *default*: whoever covers the account reads its confidential parts, all but the
# contacts' personal notes (seed 001 一(三)4; seed 003 信息 第七条).
DEFAULT_ON_ACCOUNT_PARTS: frozenset[str] = frozenset(CONFIDENTIAL_PARTS) - {CONTACT_PERSONAL_NOTES}
# SPEC §4 *default*: other departments see name, tier and the switchboard only
# (seed 003 客户名册管理制度 第二条: departments get the summary list, 一览表).
DEFAULT_DIRECTORY_FIELDS: frozenset[str] = frozenset({"account_id", "name", "tier", "phone"})

_ALL_FIELDS = frozenset((*CUSTOMER_FIELDS, *CONFIDENTIAL_PARTS))


def _fields(value: Iterable[str], name: str) -> frozenset[str]:
    names = to_items(value, field=f"access {name}", expected="field names", error=PolicyConfigError)
    for field in names:
        require_non_empty(field, field=f"a field in access {name}", error=PolicyConfigError)
    return frozenset(names)


def _check_fields(
    _instance: object, attribute: attrs.Attribute[Any], value: frozenset[str]
) -> None:
    unknown = sorted(str(name) for name in value - _ALL_FIELDS)
    if unknown:
        raise PolicyConfigError(
            f"access {attribute.name} names unknown field(s) {unknown}; known fields are "
            f"{sorted(_ALL_FIELDS)}"
        )
    if CONTACT_PERSONAL_NOTES in value:
        raise PolicyConfigError(
            f"access {attribute.name} cannot include {CONTACT_PERSONAL_NOTES!r}: contacts' "
            f"personal notes are confidential to the account's own manager (SPEC §4)"
        )
    confidential = sorted(value & set(CONFIDENTIAL_PARTS))
    if attribute.name != "on_account" and confidential:
        raise PolicyConfigError(
            f"access {attribute.name} cannot include the confidential part(s) {confidential}: "
            f"they reach only whoever covers the account (set them in on_account; SPEC §4)"
        )
    if attribute.name == "on_account":
        business = sorted(value - set(CONFIDENTIAL_PARTS))
        if business:
            raise PolicyConfigError(
                f"access on_account names business field(s) {business}; it names confidential "
                f"parts only, from {sorted(DEFAULT_ON_ACCOUNT_PARTS)}"
            )


def _department_fields(value: Iterable[str]) -> frozenset[str]:
    return _fields(value, "department_staff")


def _other_fields(value: Iterable[str]) -> frozenset[str]:
    return _fields(value, "other_department")


def _on_account_parts(value: Iterable[str]) -> frozenset[str]:
    return _fields(value, "on_account")


@attrs.frozen
class RoleBasedAccess:
    """The default access policy: what each :class:`ViewerRole` reads (SPEC §4).

    Attributes:
        department_staff: the fields key-account department staff read, and account managers
            read of accounts that are not their own. *Default*: every field (the business
            fields); personal notes can never be granted here.
            Confidential parts can never be granted here.
        other_department: the fields other departments read. *Default*: account_id, name,
            tier, phone (the switchboard). Confidential parts can never be granted here.
        on_account: the confidential parts whoever covers the account (a viewer named in
            its ``staff``, whatever their role) reads besides the ``department_staff``
            fields. *Default*: every confidential part but the contacts' personal notes,
            which can never be granted here.

    ``account_id`` is always visible. The account's own manager (a viewer with role
    account manager whose ``person`` is the file's ``account_manager``) reads everything.
    Nobody who does not cover the account reads a confidential part (seed 003 信息 第七条).

    >>> from keyaccount import Contact, Customer, Viewer
    >>> file = Customer(account_id="C-2", name="Acme", category="industry",
    ...                 staff=("wang", "li"), account_manager="wang",
    ...                 contacts=[Contact(name="Zhou", role="cfo", personal_notes="plays golf")])
    >>> access = RoleBasedAccess()
    >>> access.redact(file, viewer=Viewer("wang", "account_manager"))["contacts"][0].personal_notes
    'plays golf'
    >>> staff_view = access.redact(file, viewer=Viewer("li", "department_staff"))
    >>> staff_view.withheld, staff_view["contacts"][0].personal_notes
    (('contacts.personal_notes',), None)
    >>> access.redact(file, viewer=Viewer("zhao", "department_staff")).withheld
    ('trade_secrets', 'technical_profile', 'records.negotiation', 'contacts.personal_notes')
    """

    department_staff: frozenset[str] = attrs.field(
        default=DEFAULT_BUSINESS_FIELDS, converter=_department_fields, validator=_check_fields
    )
    other_department: frozenset[str] = attrs.field(
        default=DEFAULT_DIRECTORY_FIELDS, converter=_other_fields, validator=_check_fields
    )
    on_account: frozenset[str] = attrs.field(
        default=DEFAULT_ON_ACCOUNT_PARTS, converter=_on_account_parts, validator=_check_fields
    )

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> RoleBasedAccess:
        """Build from host settings: ``department_staff``, ``other_department``, ``on_account``.

        Raises:
            PolicyConfigError: an unknown key, an unknown field name, personal notes granted
                to anyone but the account's own manager, or a confidential part granted to
                viewers who do not cover the account.
        """
        check_settings_keys(
            settings, allowed={"department_staff", "other_department", "on_account"},
            policy="access",
        )
        return cls(**settings)

    def visible_fields(self, customer: Customer, *, viewer: Viewer) -> frozenset[str]:
        """The fields of ``customer`` that ``viewer`` may read."""
        if not isinstance(customer, Customer):
            raise InvalidInput(f"customer must be a Customer, got {customer!r}")
        if not isinstance(viewer, Viewer):
            raise InvalidInput(f"viewer must be a Viewer, got {viewer!r}")
        if viewer.role is ViewerRole.ACCOUNT_MANAGER and viewer.person == customer.account_manager:
            return _ALL_FIELDS
        if viewer.person in customer.staff:
            return self.department_staff | self.on_account | {"account_id"}
        if viewer.role is ViewerRole.OTHER_DEPARTMENT:
            return self.other_department | {"account_id"}
        return self.department_staff | {"account_id"}

    def redact(self, customer: Customer, *, viewer: Viewer) -> RedactedView:
        """The view of ``customer`` that ``viewer`` may read; see :class:`~keyaccount.RedactedView`.

        The same as :func:`~keyaccount.redact` with this policy.
        """
        return redact(customer, self, viewer=viewer)
