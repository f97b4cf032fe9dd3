"""Who may read what of a customer file (信息保密, 查阅权限; SPEC §4).

Seed 003 (§大客户信息管理办法 第七条) restricts reading key-account files to those given
permission; seed 003 (§客户名册管理制度 第二条) keeps the full original file with the
key-account manager and hands departments only the summary list (一览表); seed 001 makes
customers' trade secrets and decision makers' personal notes confidential.

:class:`RoleBasedAccess` turns a :class:`Viewer` and a :class:`~keyaccount.Customer` into a
:class:`RedactedView` that holds the fields the viewer may read and *names* the ones withheld.
The *default* roles:

- the key-account manager sees everything of their own accounts, contacts' personal notes
  included, and the business fields of the others;
- key-account department staff see the business fields: everything but personal notes;
- other departments see the name, the tier and the switchboard phone only.

A file's ``account_id`` is always in the view: it says which file the view is of.

>>> from keyaccount import Customer
>>> acme = Customer(account_id="C-1", name="Acme", category="regional", phone="021-5555",
...                 credit_rating="AA", staff=("wang",), account_manager="wang")
>>> view = RoleBasedAccess().redact(acme, viewer=Viewer("liu", ViewerRole.OTHER_DEPARTMENT))
>>> view["phone"], "credit_rating" in view.withheld
('021-5555', True)
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from keyaccount._errors import InvalidInput, PolicyConfigError
from keyaccount._validation import check_settings_keys, require_non_empty
from keyaccount.domain.customers import Contact, Customer

__all__ = [
    "CONTACT_PERSONAL_NOTES",
    "CUSTOMER_FIELDS",
    "DEFAULT_BUSINESS_FIELDS",
    "DEFAULT_DIRECTORY_FIELDS",
    "RedactedView",
    "RoleBasedAccess",
    "Viewer",
    "ViewerRole",
    "redacted_view",
]

#: Every field of a customer file, in :class:`~keyaccount.Customer` order.
CUSTOMER_FIELDS: tuple[str, ...] = tuple(field.name for field in attrs.fields(Customer))

#: The contacts' personal notes, confidential (seed 001; SPEC §4): only the account's own
#: manager reads them, whatever the settings say.
CONTACT_PERSONAL_NOTES = "contacts.personal_notes"

# SPEC §4 *default*: department staff see the business fields, i.e. the whole file but the
# confidential notes (seed 003 客户名册管理制度 第二条: the file is kept for the department).
DEFAULT_BUSINESS_FIELDS: frozenset[str] = frozenset(CUSTOMER_FIELDS)
# SPEC §4 *default*: other departments see name, tier and the switchboard only
# (seed 003 客户名册管理制度 第二条: departments get the summary list, 一览表).
DEFAULT_DIRECTORY_FIELDS: frozenset[str] = frozenset({"account_id", "name", "tier", "phone"})

_ALL_FIELDS = frozenset((*CUSTOMER_FIELDS, CONTACT_PERSONAL_NOTES))


class ViewerRole(enum.Enum):
    """The roles the default access policy knows (SPEC §4)."""

    ACCOUNT_MANAGER = "account_manager"
    DEPARTMENT_STAFF = "department_staff"
    OTHER_DEPARTMENT = "other_department"


def _role(value: object) -> ViewerRole:
    if isinstance(value, ViewerRole):
        return value
    try:
        return ViewerRole(value)
    except ValueError:
        raise InvalidInput(
            f"Viewer.role must be one of {[role.value for role in ViewerRole]}, got {value!r}"
        ) from None


def _person(_instance: object, _attribute: object, value: str) -> None:
    require_non_empty(value, field="Viewer.person")


@attrs.frozen
class Viewer:
    """Someone asking to read a file.

    Attributes:
        person: who they are, as named in ``Customer.staff``.
        role: their role (a :class:`ViewerRole` or its value).
    """

    person: str = attrs.field(validator=_person)
    role: ViewerRole = attrs.field(converter=_role)


@attrs.frozen
class RedactedView:
    """What a viewer may read of one customer file, and which fields were withheld.

    Read a visible field with ``view["name"]``; a withheld one raises :class:`KeyError`
    naming the viewer's role, so a withheld field is never mistaken for an empty one. When
    ``"contacts.personal_notes"`` is withheld, each contact in ``view["contacts"]`` has
    ``personal_notes=None``.

    Attributes:
        account_id: the file's account id.
        viewer: who the view is for.
        fields: ``(field, value)`` pairs of the visible fields, in file order.
        withheld: the names of the fields withheld, in file order.

    >>> from keyaccount import Customer
    >>> file = Customer(account_id="C-5", name="Acme", category="regional", fax="021-1")
    >>> view = redacted_view(file, viewer=Viewer("sun", "other_department"),
    ...                      visible=frozenset({"account_id", "name"}))
    >>> view.as_dict(), "fax" in view.withheld, "fax" in view
    ({'account_id': 'C-5', 'name': 'Acme'}, True, False)
    >>> view["fax"]
    Traceback (most recent call last):
    ...
    KeyError: "'fax' is withheld from other_department 'sun'"
    """

    account_id: str
    viewer: Viewer
    fields: tuple[tuple[str, Any], ...]
    withheld: tuple[str, ...]

    @property
    def visible(self) -> tuple[str, ...]:
        """The names of the visible fields."""
        return tuple(name for name, _ in self.fields)

    def __getitem__(self, name: str) -> Any:
        for field, value in self.fields:
            if field == name:
                return value
        if name in self.withheld:
            raise KeyError(
                f"{name!r} is withheld from {self.viewer.role.value} {self.viewer.person!r}"
            )
        if name == CONTACT_PERSONAL_NOTES:
            # Notes belong to each contact, so there is no one value to return here.
            raise KeyError(f"{name!r} is visible: read each contact's notes in view['contacts']")
        raise KeyError(f"{name!r} is not a field of a customer file")

    def __contains__(self, name: object) -> bool:
        return any(field == name for field, _ in self.fields)

    def __iter__(self) -> Iterator[str]:
        return iter(self.visible)

    def as_dict(self) -> dict[str, Any]:
        """The visible fields as a plain dict (for a host's serializer)."""
        return dict(self.fields)


def _fields(name: str) -> Any:
    def convert(value: Iterable[str]) -> frozenset[str]:
        if isinstance(value, str):
            raise PolicyConfigError(f"access {name} must be a collection of field names: {value!r}")
        try:
            return frozenset(value)
        except TypeError:
            raise PolicyConfigError(
                f"access {name} must be a collection of field names, got {value!r}"
            ) from None

    return convert


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
    return _fields("department_staff")(value)  # type: ignore[no-any-return]


def _other_fields(value: Iterable[str]) -> frozenset[str]:
    return _fields("other_department")(value)  # type: ignore[no-any-return]


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

    >>> from keyaccount import Contact, Customer
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
        if not isinstance(viewer, Viewer):
            raise InvalidInput(f"viewer must be a Viewer, got {viewer!r}")
        if viewer.role is ViewerRole.ACCOUNT_MANAGER and viewer.person == customer.account_manager:
            return _ALL_FIELDS
        if viewer.role is ViewerRole.OTHER_DEPARTMENT:
            return self.other_department | {"account_id"}
        return self.department_staff | {"account_id"}

    def redact(self, customer: Customer, *, viewer: Viewer) -> RedactedView:
        """The view of ``customer`` that ``viewer`` may read; see :class:`RedactedView`."""
        visible = self.visible_fields(customer, viewer=viewer)
        return redacted_view(customer, viewer=viewer, visible=visible)


def redacted_view(customer: Customer, *, viewer: Viewer, visible: frozenset[str]) -> RedactedView:
    """Build the view of ``customer`` that shows exactly the ``visible`` fields.

    A host's own access policy can use this to build its :class:`RedactedView`.
    """
    if not isinstance(customer, Customer):
        raise InvalidInput(f"customer must be a Customer, got {customer!r}")
    notes_visible = CONTACT_PERSONAL_NOTES in visible
    shown: list[tuple[str, Any]] = []
    withheld: list[str] = []
    for name in CUSTOMER_FIELDS:
        if name not in visible:
            withheld.append(name)
            continue
        value = getattr(customer, name)
        if name == "contacts" and not notes_visible:
            value = tuple(_without_notes(contact) for contact in value)
        shown.append((name, value))
    if not notes_visible:
        withheld.append(CONTACT_PERSONAL_NOTES)
    return RedactedView(customer.account_id, viewer, tuple(shown), tuple(withheld))


def _without_notes(contact: Contact) -> Contact:
    # Every field the contact marks confidential, so a new one is withheld without a change
    # here.
    withheld: dict[str, Any] = dict.fromkeys(Contact.CONFIDENTIAL_FIELDS)
    return attrs.evolve(contact, **withheld)
