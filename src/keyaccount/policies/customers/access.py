"""The default access policy: what each role may read of a customer file (SPEC §4).

:class:`RoleBasedAccess` implements :class:`~keyaccount.AccessPolicy`: it tells which fields a
:class:`~keyaccount.Viewer` may read, and :func:`~keyaccount.redact` builds the
:class:`~keyaccount.RedactedView`. The *default* roles:

- the key-account manager sees everything of their own accounts, contacts' personal notes
  included, and the business fields of the others;
- key-account department staff see the business fields: everything but personal notes;
- other departments see the name, the tier and the switchboard phone only.

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
    CONTACT_PERSONAL_NOTES,
    CUSTOMER_FIELDS,
    Customer,
    RedactedView,
    Viewer,
    ViewerRole,
    redact,
)

__all__ = ["DEFAULT_BUSINESS_FIELDS", "DEFAULT_DIRECTORY_FIELDS", "RoleBasedAccess"]

# SPEC §4 *default*: department staff see the business fields, i.e. the whole file but the
# confidential notes (seed 003 客户名册管理制度 第二条: the file is kept for the department).
DEFAULT_BUSINESS_FIELDS: frozenset[str] = frozenset(CUSTOMER_FIELDS)
# SPEC §4 *default*: other departments see name, tier and the switchboard only
# (seed 003 客户名册管理制度 第二条: departments get the summary list, 一览表).
DEFAULT_DIRECTORY_FIELDS: frozenset[str] = frozenset({"account_id", "name", "tier", "phone"})

_ALL_FIELDS = frozenset((*CUSTOMER_FIELDS, CONTACT_PERSONAL_NOTES))


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


def _department_fields(value: Iterable[str]) -> frozenset[str]:
    return _fields(value, "department_staff")


def _other_fields(value: Iterable[str]) -> frozenset[str]:
    return _fields(value, "other_department")


@attrs.frozen
class RoleBasedAccess:
    """The default access policy: what each :class:`ViewerRole` reads (SPEC §4).

    Attributes:
        department_staff: the fields key-account department staff read, and account managers
            read of accounts that are not their own. *Default*: every field (the business
            fields); personal notes can never be granted here.
        other_department: the fields other departments read. *Default*: account_id, name,
            tier, phone (the switchboard).

    ``account_id`` is always visible. The account's own manager (a viewer with role
    account manager whose ``person`` is the file's ``account_manager``) reads everything.

    >>> from keyaccount import Contact, Customer, Viewer
    >>> file = Customer(account_id="C-2", name="Acme", category="industry", staff=("wang",),
    ...                 account_manager="wang", contacts=[Contact(name="Zhou", role="cfo",
    ...                 personal_notes="plays golf")])
    >>> access = RoleBasedAccess()
    >>> access.redact(file, viewer=Viewer("wang", "account_manager"))["contacts"][0].personal_notes
    'plays golf'
    >>> staff_view = access.redact(file, viewer=Viewer("li", "department_staff"))
    >>> staff_view.withheld, staff_view["contacts"][0].personal_notes
    (('contacts.personal_notes',), None)
    """

    department_staff: frozenset[str] = attrs.field(
        default=DEFAULT_BUSINESS_FIELDS, converter=_department_fields, validator=_check_fields
    )
    other_department: frozenset[str] = attrs.field(
        default=DEFAULT_DIRECTORY_FIELDS, converter=_other_fields, validator=_check_fields
    )

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> RoleBasedAccess:
        """Build from host settings ``{"department_staff": [...], "other_department": [...]}``.

        Raises:
            PolicyConfigError: an unknown key, an unknown field name, or personal notes granted
                to anyone but the account's own manager.
        """
        check_settings_keys(
            settings, allowed={"department_staff", "other_department"}, policy="access"
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
        if viewer.role is ViewerRole.OTHER_DEPARTMENT:
            return self.other_department | {"account_id"}
        return self.department_staff | {"account_id"}

    def redact(self, customer: Customer, *, viewer: Viewer) -> RedactedView:
        """The view of ``customer`` that ``viewer`` may read; see :class:`~keyaccount.RedactedView`.

        The same as :func:`~keyaccount.redact` with this policy.
        """
        return redact(customer, self, viewer=viewer)
