"""The robustness suite's harness: corrupt one argument of a valid call at a time.

A subdomain's test file lists its public calls, one line each, as valid calls::

    CASES = [
        Call(Period.year, 2026),
        Call(calendar.add_business_days, START, days=3),
        ...
    ]
    test_each_argument_corrupted, test_random_corruption, test_the_valid_call = suite(CASES)

and the harness does the rest (SPEC §11). For every argument of every call it tries a
catalogue of bad values of the kinds a CRM hands over (``None``, a bool for an int, a lone
string for a collection, NaN, ``Decimal("1e999999999")``, naive datetimes, instants and dates
past the years 1900-2199, ints past 10**9, bytes, foreign objects, a collection holding
``None``, a settings mapping with one key spoiled, ...), then hypothesis draws more. Each
corrupted call must end in one of three ways, within two seconds:

- a :class:`~keyaccount.KeyAccountError` whose message names the argument (or the settings
  key) that was spoiled; ``InvalidTransition`` names a state instead, so it is accepted as is;
- a result, when the value may be valid (a zero, a blank note, a negative offset); a value
  that is the valid one in another form (a list for a tuple, an enum's string form, a one-shot
  iterator) must give the same result as the valid call;
- never a raw exception, never a hang, and never a changed input: every argument equals its
  copy taken before the call, whether the call was refused or not.

Some values must always be refused, because accepting them is a silent wrong answer: NaN,
infinities and huge exponents, naive datetimes, instants and dates past the years, ints past
10**9, bools where the annotation has no ``bool``, a lone string or bytes where a collection
is expected, ``None`` where the annotation has no ``None``, a collection holding ``None``.
A call whose argument does accept such a value says so with ``.accepting(arg={"kind", ...})``
and the reason in a comment.
"""

from __future__ import annotations

import copy
import enum
import faulthandler
import inspect
import math
import re
import signal
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keyaccount import CalendarRangeError, InvalidTransition, KeyAccountError

#: The suite's limit per call (issue 12): a hang is a denial of service to a CRM's request.
SECONDS_PER_CALL = 2.0
#: A hang inside C code (a Decimal with a billion digits) never returns to Python, so the
#: alarm cannot fire; past this, faulthandler prints every stack and ends the run.
SECONDS_BEFORE_ABORT = 60

#: Drawn examples per call and run: the catalogue sweep is the thorough part; these explore.
RANDOM_EXAMPLES = 25

MUST = "must refuse"
MAY = "may accept"
SAME = "same result or refused"


@attrs.frozen
class Corruption:
    """One spoiled argument: which kind, the value, and what the call may do with it."""

    kind: str
    value: object
    outcome: str  # MUST, MAY or SAME
    key: str | None = None  # a settings key spoiled inside a mapping argument

    def described(self, argument: str) -> str:
        where = argument if self.key is None else f"{argument}[{self.key!r}]"
        return f"{where} <- {self.kind} ({self.outcome})"


class CallTimedOut(BaseException):
    """A call ran past :data:`SECONDS_PER_CALL` (a BaseException: ``except Exception`` in the
    code under test cannot swallow it)."""


@contextmanager
def time_limit(seconds: float = SECONDS_PER_CALL) -> Iterator[None]:
    """Interrupt the block after ``seconds`` of wall time (SIGALRM; POSIX main thread only)."""

    def interrupt(signum: int, frame: object) -> None:
        raise CallTimedOut(f"the call ran longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    faulthandler.dump_traceback_later(SECONDS_BEFORE_ABORT, exit=True)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        faulthandler.cancel_dump_traceback_later()
        signal.signal(signal.SIGALRM, previous)


# --- a valid call -----------------------------------------------------------------------------


@attrs.frozen
class Call:
    """A valid call of a public constructor, ``from_mapping``, function or method.

    Give the arguments as the call takes them; the harness binds them to the signature so it
    can spoil each one by name. ``accepting`` lists corruption kinds an argument may accept
    although they are refused elsewhere; ``naming`` gives the word a message uses for an
    argument when it is not the argument's name (e.g. ``"Period"`` for ``start``).
    """

    target: Callable[..., object]
    args: tuple[object, ...]
    kwargs: Mapping[str, object]
    accepts: Mapping[str, frozenset[str]] = attrs.field(factory=dict)
    names: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    skipped: frozenset[str] = frozenset()

    def __init__(self, target: Callable[..., object], /, *args: object, **kwargs: object):
        self.__attrs_init__(target, args, kwargs)  # type: ignore[attr-defined]

    @property
    def label(self) -> str:
        """``Class``, ``Class.method`` or ``function``: the name the registry checks."""
        return label_of(self.target)

    def accepting(self, **kinds: Collection[str]) -> Call:
        """The same call, whose ``argument`` may accept the corruption ``kinds`` given."""
        merged = {**self.accepts, **{name: frozenset(k) for name, k in kinds.items()}}
        return self._with(accepts=merged)

    def naming(self, **words: str | tuple[str, ...]) -> Call:
        """The same call, whose messages may name ``argument`` by one of ``words``."""
        merged = {**self.names, **{n: (w,) if isinstance(w, str) else w for n, w in words.items()}}
        return self._with(names=merged)

    def keeping(self, *arguments: str) -> Call:
        """The same call, with ``arguments`` left unspoiled (say why where it is used)."""
        return self._with(skipped=self.skipped | set(arguments))

    def _with(self, **changes: object) -> Call:
        # attrs.evolve would call the positional __init__ above
        fields = {**attrs.asdict(self, recurse=False), **changes}
        new = object.__new__(Call)
        new.__attrs_init__(**fields)  # type: ignore[attr-defined]
        return new

    def bound(self) -> inspect.BoundArguments:
        return inspect.signature(self.target).bind(*self.args, **self.kwargs)

    def __repr__(self) -> str:  # pytest ids
        return self.label


def label_of(target: Callable[..., object]) -> str:
    """``Class`` for a constructor, ``Class.method`` for a method (bound or static), else the
    function's name."""
    owner = getattr(target, "__self__", None)
    if owner is None or inspect.ismodule(owner):
        return str(getattr(target, "__qualname__", type(target).__name__))
    owner_class = owner if inspect.isclass(owner) else type(owner)
    return f"{owner_class.__name__}.{target.__name__}"


# --- what an annotation accepts ---------------------------------------------------------------


def alternatives(annotation: object) -> tuple[str, ...]:
    """The top-level alternatives of an annotation: ``"str | Sequence[str]"`` gives two."""
    if annotation is inspect.Parameter.empty:
        return ("Any",)
    text = annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)
    text = re.sub(r"\b(?:typing|collections\.abc|datetime|decimal)\.", "", text)
    optional = re.fullmatch(r"Optional\[(.*)\]", text)
    if optional:
        return (*alternatives(optional.group(1)), "None")
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += char == "["
        depth -= char == "]"
        if char == "|" and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return tuple(parts)


_ANYTHING = {"Any", "object", "Hashable"}


def _permits(alts: tuple[str, ...], *names: str) -> bool:
    return any(alt in _ANYTHING or alt.split("[")[0] in names for alt in alts)


# --- the catalogue of corruptions ------------------------------------------------------------

_NAIVE = datetime(2025, 6, 2, 10, 0)  # noqa: DTZ001 - the corruption itself
_PAST_YEARS = (
    datetime(9999, 12, 31, 12, tzinfo=UTC),
    datetime(1, 1, 2, tzinfo=UTC),
)
_FOREIGN = object()


class _Foreign(enum.Enum):
    MEMBER = "member"


def corruptions(
    valid: object, annotation: object, *, optional: bool, accepts: frozenset[str] = frozenset()
) -> list[Corruption]:
    """The bad values to try for one argument whose valid value is ``valid``."""
    alts = alternatives(annotation)
    anything = _permits(alts)
    out: list[Corruption] = []

    def add(kind: str, value: object, outcome: str) -> None:
        out.append(Corruption(kind, value, MAY if kind in accepts else outcome))

    def strict(kind: str, value: object, *allowed: str) -> None:
        """Refused unless the annotation names one of ``allowed`` (or anything at all)."""
        add(kind, value, MAY if _permits(alts, *allowed) else MUST)

    add("None", None, MAY if optional or "None" in alts or anything else MUST)
    strict("True for a non-bool", True, "bool")
    strict("a bare object", _FOREIGN)
    strict("bytes", b"abc", "bytes")
    strict("a foreign enum member", _Foreign.MEMBER, "Enum")
    add("float NaN", math.nan, MAY if anything else MUST)
    add("float infinity", math.inf, MAY if anything else MUST)
    add("Decimal NaN", Decimal("NaN"), MAY if anything else MUST)
    add("Decimal sNaN", Decimal("sNaN"), MAY if anything else MUST)
    add("huge exponent", Decimal("1e999999999"), MAY if anything else MUST)
    add("int past 10**9", 2**70, MAY if anything else MUST)
    add("naive datetime", _NAIVE, MAY if anything else MUST)
    for instant in _PAST_YEARS:
        add(f"instant in year {instant.year}", instant, MAY if anything else MUST)
    add("date in year 1", date(1, 1, 1), MAY if anything else MUST)
    add("date in year 9999", date(9999, 12, 31), MAY if anything else MUST)
    add("zero", 0, MAY)
    add("minus one", -1, MAY)
    add("float", 2.5, MAY)
    add("empty string", "", MAY)
    add("blank string", "   ", MAY)
    strict("a word", "nonsense", "str")
    add("empty list", [], MAY)
    strict("a mapping", {"nonsense": 1}, "Mapping", "dict", "Iterable", "Collection")
    out.extend(_derived(valid, alts, accepts))
    return out


def _derived(valid: object, alts: tuple[str, ...], accepts: frozenset[str]) -> list[Corruption]:
    """Corruptions shaped after the valid value: the same value in another form, or spoiled."""
    out: list[Corruption] = []

    def add(kind: str, value: object, outcome: str) -> None:
        out.append(Corruption(kind, value, MAY if kind in accepts else outcome))

    if isinstance(valid, bool):
        add("1 for a bool", 1, MUST)
        add("'no' for a bool", "no", MUST)
    elif isinstance(valid, int):
        add("bool for an int", False, MUST)
        add("the int as float", float(valid), MUST)
        add("the int as string", str(valid), MAY)
    elif isinstance(valid, Decimal):
        add("the Decimal as float", float(valid), MUST)
        add("13 decimal places", valid + Decimal("1e-13"), MUST)
        add("the Decimal times 10**20", valid * 10**20 + 10**20, MUST)
        add("the Decimal as string", str(valid), SAME)
        add("Decimal infinity", Decimal("-Infinity"), MUST)
    elif isinstance(valid, datetime):
        add("the instant made naive", valid.replace(tzinfo=None), MUST)
        add("the instant's date", valid.date(), MAY if "date" in alts else MUST)
        add("the instant elsewhere", valid.astimezone(timezone(timedelta(hours=-11))), MAY)
    elif isinstance(valid, timedelta):
        add("the longest timedelta", timedelta.max, MUST)
        add("the duration negated", -valid, MAY)
        add("the duration in seconds", valid.total_seconds(), MUST)
    elif isinstance(valid, date):
        instant = datetime(2025, 6, 2, tzinfo=UTC)
        add("a datetime for the date", instant, MAY if "datetime" in alts else MUST)
    elif isinstance(valid, enum.Enum):
        add("the member's string form", valid.value, SAME)
        add("a bogus member name", "bogus", MUST)
    elif isinstance(valid, str):
        add("an int for a string", 123, MAY if _permits(alts, "int") else MUST)
    elif isinstance(valid, Mapping):
        pass  # spoiled key by key: see settings_corruptions
    elif isinstance(valid, (list, tuple, set, frozenset)) and valid:
        items = list(valid)
        lone_ok = any("[" not in alt and alt != "None" for alt in alts)
        first = items[0]
        if not isinstance(first, (str, bytes)):
            add("a lone item for a collection", first, MAY if lone_ok else MUST)
        add("a lone string for a collection", "abc", MAY if lone_ok else MUST)
        add("bytes for a collection", b"abc", MUST)
        add("a collection holding None", [*items, None], MUST)
        add("a collection holding a bare object", [*items, _FOREIGN], MUST)
        add("the collection as list", list(items), SAME)
        if not isinstance(valid, (set, frozenset)):
            add("the collection as tuple", tuple(items), SAME)
            add("the collection as a one-shot iterator", iter(items), SAME)
    return out


def settings_corruptions(
    valid: Mapping[str, object], accepts: frozenset[str] = frozenset()
) -> list[Corruption]:
    """A settings mapping spoiled one key at a time, plus an unknown key.

    ``accepts`` are kinds the mapping may accept (an unknown key, where the keys are data).
    """
    unknown = MAY if "an unknown setting" in accepts else MUST
    spoiled = {**valid, "bogus_setting": 1}
    out = [Corruption("an unknown setting", spoiled, unknown, "bogus_setting")]
    for key, value in valid.items():
        out.append(Corruption("the setting left out", _without(valid, key), MAY, key))
        # None may stand for "not set" in a host's stored settings
        for spoiled in corruptions(value, _annotation_of(value), optional=True):
            if spoiled.kind in _NOT_SETTINGS:
                continue
            outcome = MAY if spoiled.outcome == SAME or spoiled.kind in accepts else spoiled.outcome
            out.append(Corruption(spoiled.kind, {**valid, key: spoiled.value}, outcome, key))
    return out


#: Kinds that are no settings' mistakes: settings are plain data, read from JSON or a database.
_NOT_SETTINGS = {
    "the member's string form",
    "the Decimal as string",
    "the collection as a one-shot iterator",
}


def _without(mapping: Mapping[str, object], key: str) -> dict[str, object]:
    return {k: v for k, v in mapping.items() if k != key}


def _annotation_of(value: object) -> str:
    """What a setting of this value stands for: settings are plain data of these kinds."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, Decimal, float)):
        return "Decimal | int | str"
    if isinstance(value, str):
        return "str"
    if isinstance(value, Mapping):
        return "Mapping[str, object]"
    if isinstance(value, (list, tuple)):
        return "Sequence[object]"
    return "Any"


# --- running one corrupted call --------------------------------------------------------------


def _parameters(call: Call) -> list[tuple[str, inspect.Parameter, object]]:
    signature = inspect.signature(call.target)
    bound = call.bound()
    out = []
    for name, value in bound.arguments.items():
        parameter = signature.parameters[name]
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if name not in call.skipped:
            out.append((name, _declared(call.target, parameter), value))
    return out


def _declared(target: object, parameter: inspect.Parameter) -> inspect.Parameter:
    """The parameter with the attrs field's declared type when a converter hides it.

    An attrs ``__init__`` is annotated with its converter's parameter, often ``object``; the
    field's own type (``Decimal``, ``VisitKind``) says what the value must be.
    """
    if not (inspect.isclass(target) and attrs.has(target)):
        return parameter
    if set(alternatives(parameter.annotation)) - _ANYTHING:
        return parameter
    field = attrs.fields_dict(target).get(parameter.name.lstrip("_"))
    if field is None or field.type is None:
        return parameter
    return parameter.replace(annotation=field.type)


def every_corruption(call: Call) -> list[tuple[str, Corruption]]:
    """Each argument of ``call`` with each of its corruptions."""
    out: list[tuple[str, Corruption]] = []
    for name, parameter, valid in _parameters(call):
        optional = parameter.default is None
        accepts = call.accepts.get(name, frozenset())
        for spoiled in corruptions(valid, parameter.annotation, optional=optional, accepts=accepts):
            out.append((name, spoiled))
        if isinstance(valid, Mapping) and valid:
            out.extend((name, spoiled) for spoiled in settings_corruptions(valid, accepts))
    return out


def _snapshot(value: object) -> object:
    if isinstance(value, Iterator):
        return None  # consumed by the call; nothing to compare
    if _is_frozen(value):
        # a frozen value changes only if its fields are swapped: compare them by identity
        return _Fields(tuple(getattr(value, f.name) for f in attrs.fields(type(value))))
    try:
        return copy.deepcopy(value, {id(_FOREIGN): _FOREIGN})
    except Exception:
        return value


@attrs.frozen(eq=False)
class _Fields:
    values: tuple[object, ...]


def _is_frozen(value: object) -> bool:
    kind = type(value)
    return attrs.has(kind) and kind.__setattr__ is not object.__setattr__


def _unchanged(before: object, after: object) -> bool:
    if isinstance(after, Iterator) or before is after:
        return True
    if isinstance(before, _Fields):
        now = tuple(getattr(after, f.name) for f in attrs.fields(type(after)))
        if len(now) != len(before.values):
            return False
        return all(a is b for a, b in zip(now, before.values, strict=True))
    try:
        equal = before == after
    except Exception:
        return True
    if equal is NotImplemented or not isinstance(equal, bool):
        return True
    # values without equality of their own compare by identity; their copy then differs
    return equal or type(after).__eq__ is object.__eq__


def run_call(call: Call, argument: str, spoiled: Corruption, baseline: object) -> str | None:
    """Call ``call`` with ``argument`` spoiled: what went wrong, or None if that is allowed."""
    bound = call.bound()
    bound.arguments[argument] = spoiled.value
    arguments = dict(bound.arguments)
    before = {name: _snapshot(value) for name, value in arguments.items()}
    what = f"{call.label}: {spoiled.described(argument)}, value {spoiled.value!r:.80}"
    try:
        with time_limit():
            result = call.target(*bound.args, **bound.kwargs)
    except CallTimedOut:
        return f"{what}: ran past {SECONDS_PER_CALL} s (a hang)"
    except KeyAccountError as error:
        result = error
    except Exception as error:
        return f"{what}: raised raw {type(error).__name__}: {error}"
    for name, value in arguments.items():
        if not _unchanged(before[name], value):
            return f"{what}: changed its input {name!r}"
    if isinstance(result, KeyAccountError):
        if isinstance(result, InvalidTransition):
            return None
        words = (spoiled.key,) if spoiled.key else (argument, *call.names.get(argument, ()))
        if isinstance(result, CalendarRangeError):
            # past the calendar's span, the message names the day or instant it needed
            words = (*words, *_spellings(spoiled.value))
        if not any(word and str(word) in str(result) for word in words):
            return f"{what}: refused without naming {' or '.join(map(repr, words))}: {result}"
        return None
    if spoiled.outcome == MUST:
        return f"{what}: accepted, giving {result!r:.200}"
    if spoiled.outcome == SAME and result != baseline:
        return f"{what}: gave {result!r:.200}, not the valid call's {baseline!r:.200}"
    return None


def _spellings(value: object) -> tuple[str, ...]:
    if isinstance(value, (date, datetime)):
        return (value.isoformat(), str(value))
    return (str(value),)


def valid_result(call: Call) -> object:
    """The valid call's result (it must not raise: the registry holds valid calls)."""
    with time_limit():
        return call.target(*call.args, **call.kwargs)


# --- the tests a subdomain's file gets --------------------------------------------------------

#: Values hypothesis draws on top of the catalogue: of every kind a host's data can hold.
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.text(max_size=12),
    st.binary(max_size=4),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.just(UTC)),
    st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=4)), max_size=3),
    st.dictionaries(st.text(max_size=6), st.integers(), max_size=2),
)


def classify(value: object, valid: object, annotation: object, *, optional: bool,
             accepts: frozenset[str]) -> str:
    """What a call may do with a value hypothesis drew, by the catalogue's rules."""
    for spoiled in corruptions(valid, annotation, optional=optional, accepts=accepts):
        if spoiled.outcome == MUST and _same_kind(spoiled.value, value):
            return MUST
    return MAY


def _same_kind(listed: object, drawn: object) -> bool:
    """Whether ``drawn`` is of a kind the catalogue lists ``listed`` as (for must-refuse)."""
    if listed is None or drawn is None:
        return listed is drawn
    if isinstance(listed, float) and isinstance(drawn, float):
        return math.isnan(listed) == math.isnan(drawn) and math.isinf(listed) == math.isinf(drawn)
    if isinstance(listed, datetime) and isinstance(drawn, datetime):
        listed_naive, drawn_naive = listed.tzinfo is None, drawn.tzinfo is None
        if listed_naive or drawn_naive:
            return listed_naive == drawn_naive
        return not 1900 <= drawn.year <= 2199 and not 1900 <= listed.year <= 2199
    if type(listed) is date and type(drawn) is date:
        return not 1900 <= drawn.year <= 2199
    if isinstance(listed, Decimal) and isinstance(drawn, Decimal):
        return not drawn.is_finite() and not listed.is_finite()
    if isinstance(listed, bool) or isinstance(drawn, bool):
        return type(listed) is type(drawn)
    if isinstance(listed, int) and isinstance(drawn, int):
        return abs(drawn) > 10**15 and abs(listed) > 10**15
    return type(listed) is bytes and type(drawn) is bytes


def suite(cases: Sequence[Call]) -> tuple[Callable[..., None], ...]:
    """The three tests of a subdomain's robustness file, parametrised over its ``cases``."""
    ids = [case.label for case in cases]

    @pytest.mark.parametrize("call", cases, ids=ids)
    def test_the_valid_call(call: Call) -> None:
        """Each registered call is valid as given: the harness spoils a working call."""
        valid_result(call)

    @pytest.mark.parametrize("call", cases, ids=ids)
    def test_each_argument_corrupted(call: Call) -> None:
        """Each argument spoiled with each kind of bad value, one at a time."""
        baseline = valid_result(call)
        problems = [run_call(call, argument, spoiled, baseline)
                    for argument, spoiled in every_corruption(call)]
        found = [problem for problem in problems if problem]
        assert not found, f"{len(found)} of {len(problems)} corrupted calls:\n" + "\n".join(found)

    @pytest.mark.parametrize("call", cases, ids=ids)
    @settings(max_examples=min(RANDOM_EXAMPLES, settings.default.max_examples))
    @given(data=st.data())
    def test_random_corruption(call: Call, data: st.DataObject) -> None:
        """One argument replaced with a value hypothesis draws from every kind of data."""
        parameters = _parameters(call)
        if not parameters:
            return
        name, parameter, valid = data.draw(st.sampled_from(parameters), label="argument")
        value = data.draw(junk, label="value")
        optional = parameter.default is None
        outcome = classify(value, valid, parameter.annotation, optional=optional,
                           accepts=call.accepts.get(name, frozenset()))
        baseline = valid_result(call)
        problem = run_call(call, name, Corruption("a drawn value", value, outcome), baseline)
        assert problem is None, problem

    return test_each_argument_corrupted, test_random_corruption, test_the_valid_call


__all__ = [
    "MAY",
    "MUST",
    "SAME",
    "Call",
    "CallTimedOut",
    "Corruption",
    "corruptions",
    "every_corruption",
    "run_call",
    "suite",
    "time_limit",
]
