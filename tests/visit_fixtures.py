"""Shared by the visit tests: the 2026 plan year (calendar, festivals, planner) and records."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from keyaccount import (
    AccountToPlan,
    BusinessCalendar,
    Period,
    PlannedVisit,
    Topic,
    VisitKind,
    VisitPlan,
    VisitPlanner,
    VisitRecord,
)
from keyaccount.policies.presets import visit_capacity, visit_frequency
from keyaccount.testing import PlanningInputs

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 12, 1, 9, tzinfo=SHANGHAI)
YEAR = Period.year(2026)
JUNE = datetime(2026, 6, 15, 12, tzinfo=SHANGHAI)


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


# An illustrative 2026 holiday arrangement in the style of China's (with 调休 make-up days).
CALENDAR = BusinessCalendar(
    timezone="Asia/Shanghai",
    working_hours=[(time(9), time(12)), (time(13, 30), time(18))],
    holidays=[
        *days_between(date(2026, 1, 1), date(2026, 1, 3)),
        *days_between(date(2026, 2, 15), date(2026, 2, 23)),
        *days_between(date(2026, 4, 4), date(2026, 4, 6)),
        *days_between(date(2026, 5, 1), date(2026, 5, 5)),
        *days_between(date(2026, 6, 19), date(2026, 6, 21)),
        *days_between(date(2026, 9, 25), date(2026, 9, 27)),
        *days_between(date(2026, 10, 1), date(2026, 10, 7)),
    ],
    makeup_workdays=[
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    ],
)
SPRING_FESTIVAL = date(2026, 2, 17)
MID_AUTUMN = date(2026, 9, 25)
FESTIVALS = (SPRING_FESTIVAL, MID_AUTUMN)
PLANNER = VisitPlanner(visit_frequency(), visit_capacity())


def plan_for(account: AccountToPlan, period: Period = YEAR) -> VisitPlan:
    plan, _ = PLANNER.plan(account, period, calendar=CALENDAR, festivals=FESTIVALS, now=NOW)
    return plan


def days_of(plan: VisitPlan, kind: VisitKind) -> list[date]:
    return [day for day, each in zip(plan.days, plan.kinds, strict=True) if each is kind]


def record_of(visit: PlannedVisit, record_id: str = "R1") -> VisitRecord:
    return VisitRecord(
        record_id=record_id,
        account_id=visit.account_id,
        kind=visit.kind,
        visited_at=datetime.combine(visit.day, time(10), tzinfo=SHANGHAI),
        place="customer HQ",
        visitors=visit.visitors,
        customer_situation="stable",
        topics=visit.topics or (Topic.CUSTOMER_BASICS,),
        content="talked",
        planned_day=visit.day,
    )


def record_at(plan: VisitPlan, index: int, *, record_id: str = "R1") -> VisitRecord:
    return record_of(plan.visit_at(index), record_id)


def before_year(year: int) -> datetime:
    """A moment before ``year`` begins: a plan made then owes the whole year (in advance)."""
    return datetime(year - 1, 12, 1, 9, tzinfo=SHANGHAI)


def plans_for(inputs: PlanningInputs, accounts: object = None) -> tuple[VisitPlan, ...]:
    planner = VisitPlanner(visit_frequency(), visit_capacity())
    portfolio, _ = planner.plan_portfolio(
        inputs.accounts if accounts is None else accounts,  # type: ignore[arg-type]
        Period.year(inputs.year),
        calendar=inputs.calendar, festivals=inputs.festivals,
        now=before_year(inputs.year),
    )
    return portfolio.plans


def complete_record(**changes: object) -> VisitRecord:
    """A complete on-site visit record of 30 September 2025, with ``changes`` applied."""
    fields: dict[str, object] = {
        "record_id": "R1",
        "account_id": "ACME",
        "kind": VisitKind.ON_SITE,
        "visited_at": datetime(2025, 9, 30, 10, tzinfo=SHANGHAI),
        "place": "ACME headquarters",
        "visitors": ("li", "wang"),
        "customer_situation": "new plant running at 80 %",
        "topics": (Topic.BUSINESS_COOPERATION, Topic.NEEDS_RESEARCH),
        "content": "reviewed Q3 deliveries and next year's volumes",
    }
    fields.update(changes)
    return VisitRecord(**fields)  # type: ignore[arg-type]
