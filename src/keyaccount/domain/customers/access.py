"""Who may read what of a customer file (信息保密, 查阅权限; SPEC §4).

Seed 003 (§大客户信息管理办法 第七条) restricts reading key-account files to those given
permission; seed 003 (§客户名册管理制度 第二条) keeps the full original file with the
key-account manager and hands departments only the summary list (一览表); seed 001 makes
customers' trade secrets and decision makers' personal notes confidential.

Which fields a :class:`Viewer` may read is a company's rule, an :class:`AccessPolicy`
(default :class:`keyaccount.policies.RoleBasedAccess`). :func:`redact` turns the policy's
answer into a :class:`RedactedView` that holds the fields the viewer may read and *names* the
ones withheld. A file's ``account_id`` is always in the view: it says which file the view is
of.

>>> from keyaccount import Customer
>>> class DirectoryOnly:
...     def visible_fields(self, customer, *, viewer):
...         return frozenset({"account_id", "name", "phone"})
>>> acme = Customer(account_id="C-1", name="Acme", category="regional", phone="021-5555",
...                 credit_rating="AA", staff=("wang",), account_manager="wang")
>>> view = redact(acme, DirectoryOnly(), viewer=Viewer("liu", ViewerRole.OTHER_DEPARTMENT))
>>> view["phone"], "credit_rating" in view.withheld
('021-5555', True)
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    instance_of,
    non_empty,
    require_instances,
    to_enum,
    to_items,
    to_pairs,
)
from keyaccount.domain.customers.contacts import Contact
from keyaccount.domain.customers.customer import Customer
from keyaccount.domain.customers.records import RecordKind

__all__ = [
    "BUSINESS_FIELDS",
    "CONFIDENTIAL_PARTS",
    "CONTACT_PERSONAL_NOTES",
    "CUSTOMER_FIELDS",
    "FILE_CONFIDENTIAL_PARTS",
    "NEGOTIATION_RECORDS",
    "TICKETS",
    "VISIT_FEEDBACK",
    "VISIT_RECORDS",
    "AccessPolicy",
    "RedactedView",
    "Viewer",
    "ViewerRole",
    "redact",
    "redacted_view",
]

#: Every field of a customer file, in :class:`~keyaccount.Customer` order.
CUSTOMER_FIELDS: tuple[str, ...] = tuple(field.name for field in attrs.fields(Customer))

#: The contacts' personal notes, confidential (seed 001; SPEC §4): only the account's own
#: manager reads them, whatever the settings say.
CONTACT_PERSONAL_NOTES = "contacts.personal_notes"

#: The negotiation records among the file's process records (seed 001 一(三)4: prices and
#: terms negotiated are trade secrets): withheld, they are left out of ``records``.
NEGOTIATION_RECORDS = "records.negotiation"
#: A customer's visit records (their situation, topics, content and suggestions).
VISIT_RECORDS = "visit_records"
#: The feedback collected on visits.
VISIT_FEEDBACK = "visit_feedback"
#: A customer's feedback tickets (their summaries, reports, history and scores).
TICKETS = "tickets"

#: The confidential parts of a customer file (seed 001 一(三)4; seed 003 开发 第四条, 信息 第七条,
#: 名册 第四条; SPEC §4): what only the account's own people read.
FILE_CONFIDENTIAL_PARTS: tuple[str, ...] = (
    "trade_secrets", "technical_profile", NEGOTIATION_RECORDS, CONTACT_PERSONAL_NOTES,
)
#: Every confidential part: the file's, and the visit records, their feedback and the tickets.
CONFIDENTIAL_PARTS: tuple[str, ...] = (
    *FILE_CONFIDENTIAL_PARTS, VISIT_RECORDS, VISIT_FEEDBACK, TICKETS,
)
#: The business fields of a file: every field but the confidential ones (SPEC §4).
BUSINESS_FIELDS: frozenset[str] = frozenset(CUSTOMER_FIELDS) - set(CONFIDENTIAL_PARTS)

# the confidential parts that are not fields of their own
_PARTS = tuple(part for part in CONFIDENTIAL_PARTS if part not in CUSTOMER_FIELDS)
_KNOWN_FIELDS = frozenset((*CUSTOMER_FIELDS, *_PARTS))


class ViewerRole(enum.Enum):
    """The roles the default access policy knows (SPEC §4)."""

    ACCOUNT_MANAGER = "account_manager"
    DEPARTMENT_STAFF = "department_staff"
    OTHER_DEPARTMENT = "other_department"


def _role(value: ViewerRole | str) -> ViewerRole:
    if type(value) is ViewerRole:  # the plain case: one type check
        return value
    return to_enum(ViewerRole, value, field="Viewer.role")


@attrs.frozen
class Viewer:
    """Someone asking to read a file.

    Attributes:
        person: who they are, as named in ``Customer.staff``.
        role: their role (a :class:`ViewerRole` or its value).
    """

    person: str = attrs.field(validator=non_empty)
    role: ViewerRole = attrs.field(converter=_role)


_FIELD_SET = frozenset(CUSTOMER_FIELDS)


# Views are built by the ten thousand (one per file and reader): the plain case, a tuple of
# known names each given once, costs a few C-level set operations; anything else takes the
# slow path, which names what is wrong.
def _shown(value: Iterable[tuple[str, Any]]) -> tuple[tuple[str, Any], ...]:
    if type(value) is tuple and set(map(type, value)) <= {tuple}:
        try:
            names: dict[str, Any] | None = dict(value)  # every entry a pair, names hashable
        except (TypeError, ValueError):
            names = None
        if names is not None and len(names) == len(value) and _FIELD_SET.issuperset(names):
            return value
    pairs = to_pairs(value, field="RedactedView.fields", entry="(field, value)")
    _known([name for name, _ in pairs], field="RedactedView.fields", known=_FIELD_SET)
    return pairs


def _withheld(value: Iterable[str]) -> tuple[str, ...]:
    withheld = value if type(value) is tuple else to_items(
        value, field="RedactedView.withheld", expected="field names"
    )
    _known(withheld, field="RedactedView.withheld", known=_KNOWN_FIELDS)
    return withheld


def _known(names: Sequence[object], *, field: str, known: frozenset[str]) -> None:
    try:
        if known.issuperset(names) and len(set(names)) == len(names):
            return
    except TypeError:  # an unhashable name: named below
        pass
    unknown = [name for name in names if not isinstance(name, str) or name not in known]
    if unknown:
        raise InvalidInput(
            f"{field} names unknown field(s) {unknown!r}; known fields are {sorted(known)}"
        )
    raise InvalidInput(f"{field} names a field twice: {list(names)}")


class _FieldView:
    """What a view of a file and a view of a record share: visible fields, looked up by name.

    A subclass (an attrs class) has ``viewer``, ``fields`` and ``withheld``, and says in
    ``_not_shown`` why a name that is neither visible nor withheld has no value.
    """

    __slots__ = ()
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
        raise KeyError(self._not_shown(name))

    def _not_shown(self, name: str) -> str:
        raise NotImplementedError

    def __contains__(self, name: object) -> bool:
        return any(field == name for field, _ in self.fields)

    def __iter__(self) -> Iterator[str]:
        return iter(self.visible)

    def as_dict(self) -> dict[str, Any]:
        """The visible fields as a plain dict (for a host's serializer)."""
        return dict(self.fields)


@attrs.frozen
class RedactedView(_FieldView):
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

    account_id: str = attrs.field(validator=non_empty)
    viewer: Viewer = attrs.field(validator=instance_of(Viewer))
    fields: tuple[tuple[str, Any], ...] = attrs.field(converter=_shown)
    withheld: tuple[str, ...] = attrs.field(converter=_withheld)

    def __attrs_post_init__(self) -> None:
        if not set(self.withheld).isdisjoint(dict(self.fields)):
            both = sorted(set(self.visible) & set(self.withheld))
            raise InvalidInput(
                f"RedactedView of {self.account_id!r} both shows and withholds field(s) {both}"
            )

    def _not_shown(self, name: str) -> str:
        if name == CONTACT_PERSONAL_NOTES:
            # Notes belong to each contact, so there is no one value to return here.
            return f"{name!r} is visible: read each contact's notes in view['contacts']"
        if name == NEGOTIATION_RECORDS:
            return f"{name!r} is visible: read the negotiations in view['records']"
        if name in _PARTS:
            return f"{name!r} is not a part of a customer file: read it in its own view"
        return f"{name!r} is not a field of a customer file"


@runtime_checkable
class AccessPolicy(Protocol):
    """Decides what a viewer may read of a customer file (SPEC §4; seed 003 第七条).

    Default: :class:`keyaccount.policies.RoleBasedAccess`. Invariant: contacts' personal
    notes (:data:`CONTACT_PERSONAL_NOTES`) reach only the account's own manager. The view
    itself is built by :func:`redact`, which never shows a field it lists as withheld.
    """

    def visible_fields(self, customer: Customer, *, viewer: Viewer) -> frozenset[str]:
        """The fields of ``customer`` (and perhaps ``CONTACT_PERSONAL_NOTES``) ``viewer`` reads."""
        ...


def redact(customer: Customer, policy: AccessPolicy, *, viewer: Viewer) -> RedactedView:
    """The view of ``customer`` that ``policy`` lets ``viewer`` read; see :class:`RedactedView`.

    Args:
        customer: the file.
        policy: an :class:`AccessPolicy`.
        viewer: who reads.
    """
    # a view per file and reader: getattr costs far less than a Protocol's isinstance
    if not callable(getattr(policy, "visible_fields", None)):
        raise InvalidInput(f"policy must be an AccessPolicy (visible_fields), got {policy!r}")
    visible = policy.visible_fields(customer, viewer=viewer)
    return redacted_view(customer, viewer=viewer, visible=visible)


def redacted_view(customer: Customer, *, viewer: Viewer, visible: frozenset[str]) -> RedactedView:
    """Build the view of ``customer`` that shows exactly the ``visible`` fields.

    :func:`redact` builds its views with it; a host can too.

    Raises:
        InvalidInput: ``customer`` is not a :class:`~keyaccount.Customer`, ``viewer`` not a
            :class:`Viewer`, or ``visible`` not a collection of the names in
            :data:`CUSTOMER_FIELDS` and :data:`CONFIDENTIAL_PARTS` (a mistyped name would
            otherwise withhold the field without a word).

    The confidential parts that are not fields are parts of one: without
    :data:`CONTACT_PERSONAL_NOTES` the contacts come without their notes, without
    :data:`NEGOTIATION_RECORDS` the records without the negotiations; both are then named
    among the withheld.
    """
    if not isinstance(customer, Customer):
        raise InvalidInput(f"customer must be a Customer, got {customer!r}")
    if not isinstance(viewer, Viewer):
        raise InvalidInput(f"viewer must be a Viewer, got {viewer!r}")
    if not isinstance(visible, frozenset):
        names = to_items(visible, field="visible", expected="field names")
        require_instances(names, str, field="visible")
        visible = frozenset(names)
    unknown = visible - _KNOWN_FIELDS
    if unknown:
        raise InvalidInput(
            f"visible names unknown field(s) {sorted(unknown, key=repr)}; known fields are "
            f"{[*CUSTOMER_FIELDS, *_PARTS]}"
        )
    notes_visible = CONTACT_PERSONAL_NOTES in visible
    negotiations_visible = NEGOTIATION_RECORDS in visible
    shown: list[tuple[str, Any]] = []
    withheld: list[str] = []
    for name in CUSTOMER_FIELDS:
        if name not in visible:
            withheld.append(name)
            continue
        value = getattr(customer, name)
        if name == "contacts" and not notes_visible:
            value = tuple(_without_notes(contact) for contact in value)
        elif name == "records" and not negotiations_visible:
            value = tuple(record for record in value if record.kind is not RecordKind.NEGOTIATION)
        shown.append((name, value))
    if not negotiations_visible:
        withheld.append(NEGOTIATION_RECORDS)
    if not notes_visible:
        withheld.append(CONTACT_PERSONAL_NOTES)
    return _checked_view(customer.account_id, viewer, tuple(shown), tuple(withheld))


def _checked_view(
    account_id: str, viewer: Viewer, fields: tuple[tuple[str, Any], ...], withheld: tuple[str, ...]
) -> RedactedView:
    """A view of parts :func:`redacted_view` has checked, built without checking them again.

    Its parts are a file's own fields, each shown or withheld once: the constructor's checks
    would only repeat :func:`redacted_view`'s, once per file and reader.
    """
    view: RedactedView = object.__new__(RedactedView)
    for name, value in (
        ("account_id", account_id), ("viewer", viewer), ("fields", fields), ("withheld", withheld)
    ):
        object.__setattr__(view, name, value)
    return view


def _without_notes(contact: Contact) -> Contact:
    # Every field the contact marks confidential, so a new one is withheld without a change
    # here.
    withheld: dict[str, Any] = dict.fromkeys(Contact.CONFIDENTIAL_FIELDS)
    return attrs.evolve(contact, **withheld)
