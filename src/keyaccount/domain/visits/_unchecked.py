"""A fast builder of the visit values a service makes by the hundred thousand (private)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

T = TypeVar("T")


def unchecked_builder(cls: type[T]) -> Callable[..., T]:
    """A function building the frozen attrs ``cls`` from its fields in order, unchecked.

    For a service that builds its results from values it checked already, 100,000 at a time
    (the planner's events, compliance's findings, a plan's visits): the public constructor
    checks every field, this skips the checks. It is written out as attrs writes an
    ``__init__`` (straight-line code, no loop), so it costs what an unchecked ``__init__``
    costs.
    """
    names = [field.name for field in attrs.fields(cls)]  # type: ignore[arg-type]
    lines = [f"def build({', '.join(names)}):", "    self = _new(_cls)"]
    lines += [f"    _set(self, {name!r}, {name})" for name in names]
    lines.append("    return self")
    namespace: dict[str, Any] = {"_new": object.__new__, "_set": object.__setattr__, "_cls": cls}
    # the source is built from the class's own field names, nothing from outside
    exec("\n".join(lines), namespace)
    build: Callable[..., T] = namespace["build"]
    return build
