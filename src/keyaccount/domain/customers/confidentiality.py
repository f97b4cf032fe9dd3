"""Reading the confidential parts of an account, with the borrowing register (SPEC §4).

Seed 003 (§客户名册管理制度 第四条) lends the original files only against a strict register
(借阅登记), and (§大客户信息管理办法 第七条) nobody reads a key-account file without
permission. The confidential parts are the file's trade secrets, technical profile,
negotiation records and contacts' personal notes, and the account's visit records (with their
feedback) and tickets (:data:`~keyaccount.CONFIDENTIAL_PARTS`).

Each reading goes through the caller's :class:`~keyaccount.AccessPolicy` and returns a view
with the parts the viewer may not read withheld, and one :class:`ConfidentialPartRead` event
per confidential part the reading touched, granted or refused: who, what, when. A host that
stores these events keeps the register.

- :func:`read_file`: the customer file (its :class:`~keyaccount.RedactedView`).
- :func:`read_visit_record`: a visit record, as a :class:`RecordView`.
- :func:`read_ticket`: a feedback ticket, as a :class:`RecordView`.

>>> from datetime import datetime, timezone
>>> from keyaccount import Customer, Viewer
>>> from keyaccount.policies import presets
>>> now = datetime(2025, 6, 2, 9, 0, tzinfo=timezone.utc)
>>> acme = Customer(account_id="C-1", name="Acme", category="regional", staff=("wang",),
...                 account_manager="wang", trade_secrets={"formula": "resin 7"})
>>> view, (event,) = read_file(acme, presets.access(), viewer=Viewer("sun", "department_staff"),
...                            now=now)
>>> "trade_secrets" in view.withheld, event.person, event.part, event.granted
(True, 'sun', 'trade_secrets', False)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    a_bool,
    instance_of,
    names,
    non_empty,
    optional_non_empty,
    require_instant_in_years,
    require_names,
    to_enum,
    to_items,
    to_pairs,
)
from keyaccount.domain.customers.access import (
    CONFIDENTIAL_PARTS,
    CONTACT_PERSONAL_NOTES,
    NEGOTIATION_RECORDS,
    TICKETS,
    VISIT_FEEDBACK,
    VISIT_RECORDS,
    AccessPolicy,
    RedactedView,
    Viewer,
    ViewerRole,
    _FieldView,
    redact,
)
from keyaccount.domain.customers.customer import Customer
from keyaccount.domain.customers.records import RecordKind
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.tickets import FeedbackTicket

__all__ = [
    "TICKET_CONFIDENTIAL_FIELDS",
    "VISIT_CONFIDENTIAL_FIELDS",
    "ConfidentialPartRead",
    "RecordView",
    "read_file",
    "read_ticket",
    "read_visit_record",
]

#: The fields of a visit record each confidential part covers; the others (id, account, kind,
#: day, place, visitors, planned day) are its business fields.
VISIT_CONFIDENTIAL_FIELDS: dict[str, tuple[str, ...]] = {
    VISIT_RECORDS: ("customer_situation", "topics", "content", "suggestions"),
    VISIT_FEEDBACK: ("feedback",),
}
#: The fields of a ticket the ``tickets`` part covers: what the problem and its solution were,
#: and what the customer said. Who is responsible, the status and the deadlines are business.
TICKET_CONFIDENTIAL_FIELDS: tuple[str, ...] = (
    "summary", "resolution_report", "history", "satisfaction", "satisfied",
)


def _part(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    non_empty(instance, attribute, value)
    if value not in CONFIDENTIAL_PARTS:
        raise InvalidInput(
            f"ConfidentialPartRead.part must be one of {list(CONFIDENTIAL_PARTS)}, got {value!r}"
        )


def _role(value: ViewerRole | str) -> ViewerRole:
    if type(value) is ViewerRole:
        return value
    return to_enum(ViewerRole, value, field="ConfidentialPartRead.role")


@attrs.frozen(kw_only=True)
class ConfidentialPartRead(DomainEvent):
    """Someone asked to read a confidential part of an account: a line of the register.

    Attributes:
        account_id: the account.
        person: who asked.
        role: their role.
        part: what they asked for, one of :data:`~keyaccount.CONFIDENTIAL_PARTS`.
        granted: whether the access policy let them read it.
        record_id: the visit record or ticket read, if the part is one.
    """

    account_id: str = attrs.field(validator=non_empty)
    person: str = attrs.field(validator=non_empty)
    role: ViewerRole = attrs.field(converter=_role)
    part: str = attrs.field(validator=_part)
    granted: bool = attrs.field(validator=a_bool)
    record_id: str | None = attrs.field(default=None, validator=optional_non_empty)


def _shown(value: Iterable[tuple[str, Any]]) -> tuple[tuple[str, Any], ...]:
    pairs = to_pairs(value, field="RecordView.fields", entry="(field, value)")
    require_names([name for name, _ in pairs], field="RecordView.fields")
    return pairs


def _withheld(value: Iterable[str]) -> tuple[str, ...]:
    return to_items(value, field="RecordView.withheld", expected="field names")


@attrs.frozen(kw_only=True)
class RecordView(_FieldView):
    """What a viewer may read of a visit record or a ticket; the rest is named as withheld.

    Read a visible field with ``view["visited_at"]``; a withheld one raises :class:`KeyError`
    naming the viewer's role, so a withheld field is never mistaken for an empty one.

    Attributes:
        record_id: the visit record's or the ticket's id.
        account_id: the account.
        viewer: who the view is for.
        fields: ``(field, value)`` pairs of the visible fields, in the record's order.
        withheld: the names of the fields withheld.
    """

    record_id: str = attrs.field(validator=non_empty)
    account_id: str = attrs.field(validator=non_empty)
    viewer: Viewer = attrs.field(validator=instance_of(Viewer))
    fields: tuple[tuple[str, Any], ...] = attrs.field(converter=_shown)
    withheld: tuple[str, ...] = attrs.field(converter=_withheld, validator=names)

    def __attrs_post_init__(self) -> None:
        shown = [pair[0] for pair in self.fields]
        if set(shown) & set(self.withheld):
            raise InvalidInput(
                f"RecordView of {self.record_id!r} both shows and withholds "
                f"{sorted(set(shown) & set(self.withheld))}"
            )

    def _not_shown(self, name: str) -> str:
        return f"{name!r} is not a field of record {self.record_id!r}"


def _visible(customer: Customer, policy: AccessPolicy, viewer: Viewer) -> frozenset[str]:
    if not isinstance(customer, Customer):
        raise InvalidInput(f"customer must be a Customer, got {customer!r}")
    if not isinstance(viewer, Viewer):
        raise InvalidInput(f"viewer must be a Viewer, got {viewer!r}")
    if not callable(getattr(policy, "visible_fields", None)):
        raise InvalidInput(f"policy must be an AccessPolicy (visible_fields), got {policy!r}")
    return frozenset(policy.visible_fields(customer, viewer=viewer))


def _event(
    customer: Customer, viewer: Viewer, part: str, granted: bool, now: datetime,
    record_id: str | None = None,
) -> ConfidentialPartRead:
    return ConfidentialPartRead(
        occurred_at=now, account_id=customer.account_id, person=viewer.person, role=viewer.role,
        part=part, granted=granted, record_id=record_id,
    )


def read_file(
    customer: Customer, policy: AccessPolicy, *, viewer: Viewer, now: datetime
) -> tuple[RedactedView, tuple[DomainEvent, ...]]:
    """Read ``customer``'s file under ``policy``: the view, and a register line per part.

    One :class:`ConfidentialPartRead` per confidential part the file holds (trade secrets,
    technical profile, negotiation records, contacts' personal notes; an empty part is not
    read), granted when the view shows it.

    Raises:
        InvalidInput: not a Customer, a Viewer or an AccessPolicy, or a naive ``now``.
    """
    require_instant_in_years(now, field="now")
    view = redact(customer, policy, viewer=viewer)
    held = {
        "trade_secrets": bool(customer.trade_secrets),
        "technical_profile": bool(customer.technical_profile),
        NEGOTIATION_RECORDS: any(r.kind is RecordKind.NEGOTIATION for r in customer.records),
        CONTACT_PERSONAL_NOTES: any(contact.personal_notes for contact in customer.contacts),
    }
    events = tuple(
        _event(customer, viewer, part, part not in view.withheld, now)
        for part, holds in held.items()
        if holds
    )
    return view, events


def _record_view(
    record: Any, customer: Customer, viewer: Viewer, hidden: tuple[str, ...], record_id: str
) -> RecordView:
    shown = tuple(
        (field.name, getattr(record, field.name))
        for field in attrs.fields(type(record))
        if field.name not in hidden
    )
    return RecordView(record_id=record_id, account_id=customer.account_id, viewer=viewer,
                      fields=shown, withheld=hidden)


def _check_record(record: object, customer: Customer, kind: str) -> str:
    if not attrs.has(type(record)) or not all(
        isinstance(getattr(record, name, None), str) for name in ("account_id",)
    ):
        raise InvalidInput(f"record must be {kind}, got {record!r}")
    account_id: str = getattr(record, "account_id")  # noqa: B009 - any attrs record type
    if account_id != customer.account_id:
        raise InvalidInput(
            f"{kind} of account {account_id!r} read against the file of "
            f"{customer.account_id!r}; expected the record's own account"
        )
    return account_id


def read_visit_record(
    record: Any, customer: Customer, policy: AccessPolicy, *, viewer: Viewer, now: datetime
) -> tuple[RecordView, tuple[DomainEvent, ...]]:
    """Read a visit record of ``customer`` under ``policy``, redacted like the file.

    Without :data:`~keyaccount.VISIT_RECORDS` the viewer reads the record's business fields
    only (who visited whom, when, where); without :data:`~keyaccount.VISIT_FEEDBACK`, not the
    feedback (:data:`VISIT_CONFIDENTIAL_FIELDS`). One :class:`ConfidentialPartRead` per part.

    Args:
        record: a :class:`~keyaccount.VisitRecord` of the account.
        customer: the account's file (the policy decides on it).
        policy: an :class:`~keyaccount.AccessPolicy`.
        viewer: who reads.
        now: the caller's now.

    Raises:
        InvalidInput: not a visit record of this customer, or a bad argument.
    """
    require_instant_in_years(now, field="now")
    visible = _visible(customer, policy, viewer)
    _check_record(record, customer, "a VisitRecord")
    record_id = getattr(record, "record_id", None)
    fields = {field.name for field in attrs.fields(type(record))}
    if not isinstance(record_id, str) or not fields >= {"feedback", "content", "visited_at"}:
        raise InvalidInput(f"record must be a VisitRecord, got {record!r}")
    hidden: list[str] = []
    events = []
    for part, covered in VISIT_CONFIDENTIAL_FIELDS.items():
        granted = part in visible
        if not granted:
            hidden += covered
        events.append(_event(customer, viewer, part, granted, now, record_id))
    return _record_view(record, customer, viewer, tuple(hidden), record_id), tuple(events)


def read_ticket(
    ticket: FeedbackTicket, customer: Customer, policy: AccessPolicy, *, viewer: Viewer,
    now: datetime,
) -> tuple[RecordView, tuple[DomainEvent, ...]]:
    """Read a ticket of ``customer`` under ``policy``, redacted like the file.

    Without :data:`~keyaccount.TICKETS` the viewer reads who is responsible for it, its
    status and its deadlines, not what the problem, the solution or the customer's score were
    (:data:`TICKET_CONFIDENTIAL_FIELDS`). One :class:`ConfidentialPartRead`.

    Raises:
        InvalidInput: not a ticket of this customer, or a bad argument.
    """
    require_instant_in_years(now, field="now")
    visible = _visible(customer, policy, viewer)
    if not isinstance(ticket, FeedbackTicket):
        raise InvalidInput(f"ticket must be a FeedbackTicket, got {ticket!r}")
    _check_record(ticket, customer, "a FeedbackTicket")
    granted = TICKETS in visible
    hidden = () if granted else TICKET_CONFIDENTIAL_FIELDS
    event = _event(customer, viewer, TICKETS, granted, now, ticket.ticket_id)
    return _record_view(ticket, customer, viewer, hidden, ticket.ticket_id), (event,)
