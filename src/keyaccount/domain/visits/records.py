"""Visit records, 《重点客户走访记录》, and the feedback they carry (SPEC §6; seed 001 §走访记录).

A record is complete or refused (seed 001 §走访记录 2: 内容完整); which fields a complete record
fills depends on its kind. Feedback not answered on the spot becomes a ticket when the visit is
recorded (:func:`keyaccount.record_visit`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    non_empty,
    optional_text,
    require_day_in_years,
    require_instances,
    require_instant_in_years,
    require_optional_text,
    to_enum,
    to_items,
)
from keyaccount.domain.tickets import Severity, TicketKind
from keyaccount.domain.visits.kinds import Topic, VisitKind

__all__ = ["FeedbackItem", "VisitRecord"]


def _ticket_kind(value: TicketKind | str | None) -> TicketKind | None:
    return None if value is None else to_enum(TicketKind, value, field="FeedbackItem.kind")


def _severity(value: Severity | str | None) -> Severity | None:
    return None if value is None else to_enum(Severity, value, field="FeedbackItem.severity")


def _blank_as_none(value: str | None) -> str | None:
    # blank text is no answer (and no department); anything else is left to the validator
    return (value.strip() or None) if isinstance(value, str) else value


@attrs.frozen
class FeedbackItem:
    """A question or problem the customer raised during a visit (seed 001 §走访过程 2).

    Either it was answered on the spot (``answer`` given; closed there), or it is handed to
    a responsible department and person, who owe a reply by a promised time: the visit
    record then opens a feedback ticket for it (SPEC §7), whose first-reply deadline is the
    promised reply time. ``kind`` and ``severity`` are the ticket's kind and severity
    (:class:`keyaccount.TicketKind`, :class:`keyaccount.Severity`).

    Attributes:
        summary: what the customer raised.
        answer: the answer given on the spot, or None.
        kind: the ticket kind, for an item to be ticketed.
        severity: the ticket severity, for an item to be ticketed.
        responsible_department: who must reply, for an item to be ticketed.
        responsible_person: who must reply, for an item to be ticketed.
        lead_coordinator: for a problem spanning departments (seed 001 §问题解决 2).

    Raises:
        InvalidInput: no summary; an answered item that also names ticket fields; an
            unanswered item that does not name every ticket field.

    >>> FeedbackItem("Delivery documents arrive late", answer="New courier from May").answered
    True
    """

    summary: str = attrs.field(validator=non_empty)
    answer: str | None = attrs.field(
        default=None, converter=_blank_as_none, validator=optional_text
    )
    kind: TicketKind | None = attrs.field(default=None, converter=_ticket_kind)
    severity: Severity | None = attrs.field(default=None, converter=_severity)
    responsible_department: str | None = attrs.field(
        default=None, converter=_blank_as_none, validator=optional_text
    )
    responsible_person: str | None = attrs.field(
        default=None, converter=_blank_as_none, validator=optional_text
    )
    lead_coordinator: str | None = attrs.field(
        default=None, converter=_blank_as_none, validator=optional_text
    )

    def __attrs_post_init__(self) -> None:
        ticket_fields = {
            "kind": self.kind,
            "severity": self.severity,
            "responsible_department": self.responsible_department,
            "responsible_person": self.responsible_person,
        }
        if self.answered:
            named = sorted(name for name, value in ticket_fields.items() if value is not None)
            if named:
                raise InvalidInput(
                    f"FeedbackItem {self.summary!r} was answered on the spot, so it opens no "
                    f"ticket; it must not name {named}"
                )
            return
        missing = [name for name, value in ticket_fields.items() if value is None]
        if missing:
            raise InvalidInput(
                f"FeedbackItem {self.summary!r} is neither answered on the spot (answer) nor "
                f"ready to be ticketed: missing {missing}"
            )

    @property
    def answered(self) -> bool:
        """True when the item was closed on the spot."""
        return self.answer is not None


# None means "left empty": the record's completeness check then names the field as missing.
def _visitor_names(value: Iterable[str] | None) -> tuple[str, ...]:
    return to_items(value, field="VisitRecord.visitors", expected="names", none_is_empty=True)


def _record_topics(value: Iterable[Topic | str] | None) -> tuple[Topic, ...]:
    topics = to_items(value, field="VisitRecord.topics", expected="topics", none_is_empty=True)
    if all(type(topic) is Topic for topic in topics):
        return topics  # type: ignore[return-value]
    return tuple(to_enum(Topic, topic, field="a topic in VisitRecord.topics") for topic in topics)


def _record_kind(value: VisitKind | str | None) -> VisitKind | None:
    # None is "left empty", named with the other missing fields
    if value is None or type(value) is VisitKind:
        return value
    return to_enum(VisitKind, value, field="VisitRecord.kind")


def _feedback_items(value: Iterable[FeedbackItem] | None) -> tuple[FeedbackItem, ...]:
    return to_items(
        value, field="VisitRecord.feedback", expected="FeedbackItem values", none_is_empty=True
    )


def _suggestions(value: Iterable[str] | None) -> tuple[str, ...]:
    return to_items(
        value, field="VisitRecord.suggestions", expected="suggestions", none_is_empty=True
    )


def _blank(value: object) -> bool:
    return not isinstance(value, str) or not value.strip()


def _no_names(names: tuple[str, ...]) -> bool:
    return not names or any(_blank(name) for name in names)


# The test of "left empty" of each record field, in field order.
_EMPTY: tuple[tuple[str, Callable[[Any], bool]], ...] = (
    ("record_id", _blank),
    ("account_id", _blank),
    ("kind", lambda kind: kind is None),
    ("visited_at", lambda moment: moment is None),
    ("place", _blank),
    ("visitors", _no_names),
    ("customer_situation", _blank),
    ("topics", lambda topics: not topics),
    ("content", _blank),
)
# The record's text fields: a string, or None (left empty; blank is left empty too).
_TEXT_FIELDS = ("record_id", "account_id", "place", "customer_situation", "content")
_ALWAYS = frozenset({"record_id", "account_id", "kind", "visited_at", "visitors", "content"})
# What a complete record must fill, per kind. Seed 001 §走访记录 1 lists 走访时间、地点、走访人员、
# 客户基本情况、走访内容 for a visit, and its §走访内容规划 the topics a visit covers: every
# kind met in person has a place; whoever talks with the customer (on site, at a holiday
# visit, on the phone) reports its situation; every kind the planner gives topics covers
# them. A greeting (祝福短信, seed 002 §常规维护计划) is a message: who sent it and what it said.
_KIND_REQUIRES: dict[VisitKind, frozenset[str]] = {
    VisitKind.ON_SITE: _ALWAYS | {"place", "customer_situation", "topics"},
    VisitKind.HOLIDAY: _ALWAYS | {"place", "customer_situation", "topics"},
    VisitKind.EVENT: _ALWAYS | {"place", "topics"},
    VisitKind.PHONE_RETURN: _ALWAYS | {"customer_situation", "topics"},
    VisitKind.GREETING: _ALWAYS,
}
_REQUIRED: dict[VisitKind | None, tuple[tuple[str, Callable[[Any], bool]], ...]] = {
    kind: tuple((name, empty) for name, empty in _EMPTY if name in names)
    for kind, names in _KIND_REQUIRES.items()
}
# with no kind, every field a record may need is named at once
_REQUIRED[None] = _EMPTY


@attrs.frozen
class VisitRecord:
    """A complete visit record, 《重点客户走访记录》 (seed 001 §走访记录).

    Which fields a complete record fills depends on its kind
    (:meth:`required_fields`): every record names its id, account, kind, time, visitors and
    content; on-site and holiday visits also the place, the customer's situation and the
    topics; an event the place and topics; a phone return visit the situation and topics; a
    greeting (祝福短信) nothing more. Fields a kind does not need may be left out.

    Attributes:
        record_id: the host's id of the record.
        account_id: the account visited.
        kind: the kind of contact.
        visited_at: when the visit took place (timezone-aware).
        place: where, or None (a phone return visit or a greeting has no place).
        visitors: who went (for a greeting: who sent it).
        customer_situation: the customer's situation as found (客户基本情况), or None.
        topics: the content topics covered (none for a greeting).
        content: what was discussed (走访内容); for a greeting, the message sent.
        feedback: the questions and problems the customer raised.
        suggestions: the customer's suggestions (建议).
        planned_day: the planned day of the visit this record carries out (a planned visit of
            the same kind), or None for an unplanned visit.

    Raises:
        InvalidInput: naming every field left empty (blank, None or an empty list) at once,
            since a record is complete or refused (seed 001 §走访记录 2: 内容完整); or naming
            a field of the wrong type, with its value, before anything missing (a naive
            ``visited_at``, a record id that is not a string, a topic that is neither a
            :class:`Topic` nor its string form, a bare string where a list of names is
            expected). A kind or topic may be given by its string form (``"on_site"``).

    >>> from datetime import datetime, timezone
    >>> VisitRecord("R1", "ACME", VisitKind.ON_SITE, datetime(2026, 3, 3, 2, tzinfo=timezone.utc),
    ...             "ACME headquarters", ["li"], "", [Topic.NEEDS_RESEARCH], content=None)
    Traceback (most recent call last):
    ...
    keyaccount.InvalidInput: visit record 'R1' is incomplete: missing ['customer_situation',
    'content']
    >>> greeting = VisitRecord("R2", "ACME", VisitKind.GREETING,
    ...                        datetime(2026, 2, 16, 2, tzinfo=timezone.utc), visitors=["li"],
    ...                        content="新春快乐，感谢一年来的支持！")
    >>> greeting.place, greeting.topics
    (None, ())
    """

    record_id: str
    account_id: str
    kind: VisitKind = attrs.field(converter=_record_kind)
    visited_at: datetime
    place: str | None = None
    visitors: tuple[str, ...] = attrs.field(default=(), converter=_visitor_names)
    customer_situation: str | None = None
    topics: tuple[Topic, ...] = attrs.field(default=(), converter=_record_topics)
    content: str = ""
    feedback: tuple[FeedbackItem, ...] = attrs.field(default=(), converter=_feedback_items)
    suggestions: tuple[str, ...] = attrs.field(default=(), converter=_suggestions)
    planned_day: date | None = None

    def __attrs_post_init__(self) -> None:
        # a value of the wrong type is named with its value, before anything is reported
        # missing ("missing ['record_id']" for a record id of 7 would hide the 7)
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if type(value) is not str and value is not None:
                require_optional_text(value, field=f"VisitRecord.{name}")
        for names, field in ((self.visitors, "visitors"), (self.suggestions, "suggestions")):
            for text in names:
                if type(text) is not str:
                    raise InvalidInput(
                        f"VisitRecord.{field} must hold strings, got {text!r} in {names!r}"
                    )
        if self.visited_at is not None:
            require_instant_in_years(self.visited_at, field="VisitRecord.visited_at")
        if self.planned_day is not None:
            require_day_in_years(self.planned_day, field="VisitRecord.planned_day")
        require_instances(self.feedback, FeedbackItem, field="VisitRecord.feedback")
        missing = [name for name, empty in _REQUIRED[self.kind] if empty(getattr(self, name))]
        if missing:
            raise InvalidInput(f"visit record {self.record_id!r} is incomplete: missing {missing}")

    @staticmethod
    def required_fields(kind: VisitKind) -> tuple[str, ...]:
        """The fields a complete record of ``kind`` must fill, in field order.

        >>> VisitRecord.required_fields(VisitKind.GREETING)
        ('record_id', 'account_id', 'kind', 'visited_at', 'visitors', 'content')
        >>> VisitRecord.required_fields(VisitKind.PHONE_RETURN)[4:]
        ('visitors', 'customer_situation', 'topics', 'content')
        """
        if not isinstance(kind, VisitKind):
            raise InvalidInput(f"kind must be a VisitKind, got {kind!r}")
        return tuple(name for name, _ in _REQUIRED[kind])

    @property
    def open_items(self) -> tuple[FeedbackItem, ...]:
        """The feedback items not answered on the spot, which become tickets."""
        return tuple(item for item in self.feedback if not item.answered)
