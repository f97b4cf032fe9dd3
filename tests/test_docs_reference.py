"""The reference documents every public name, and the docs' relative links lead somewhere.

A name added to an ``__all__`` (or a preset added to ``presets``) without a word in
``docs/reference/`` fails here, as does a link to a page that was moved or renamed.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

import keyaccount
import keyaccount.china
import keyaccount.policies
import keyaccount.testing
from keyaccount.policies import presets

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference"
INDEX = REFERENCE / "index.md"
# The index's own section for names no area page describes yet.
HERE_HEADING = "## Names documented on this page"

FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
INDEX_ROW = re.compile(
    r"^\| `(?:presets\.)?([A-Za-z_][A-Za-z0-9_]*)(?:\(\))?` \|.*\]\(([^)]+)\) \|$"
)


try:  # the dask extra's module, when Dask is installed
    import keyaccount.dask

    DASK_NAMES: list[str] = list(keyaccount.dask.__all__)
except keyaccount.MissingExtraError:
    DASK_NAMES = ["grade_dataframe"]  # documented all the same


def preset_names() -> list[str]:
    return sorted(
        name
        for name, value in vars(presets).items()
        if inspect.isfunction(value)
        and value.__module__ == presets.__name__
        and not name.startswith("_")
    )


PUBLIC_NAMES = sorted(
    {("keyaccount", name) for name in keyaccount.__all__}
    | {("keyaccount.policies", name) for name in keyaccount.policies.__all__}
    | {("keyaccount.testing", name) for name in keyaccount.testing.__all__}
    | {("keyaccount.china", name) for name in keyaccount.china.__all__}
    | {("keyaccount.dask", name) for name in DASK_NAMES}
)


def mentions(text: str, name: str) -> bool:
    """Whether ``name`` occurs as a whole identifier (not as part of a longer one)."""
    pattern = r"(?<![A-Za-z0-9_])" + re.escape(name) + r"(?![A-Za-z0-9_])"
    return re.search(pattern, text) is not None


def reference_pages() -> dict[str, str]:
    return {page.name: page.read_text(encoding="utf-8") for page in REFERENCE.glob("*.md")}


def index_rows() -> dict[str, str]:
    rows: dict[str, str] = {}
    for line in INDEX.read_text(encoding="utf-8").splitlines():
        match = INDEX_ROW.match(line)
        if match:
            rows.setdefault(match.group(1), match.group(2))
    return rows


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = heading.strip().lower().replace("`", "")
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return {slug(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}


def doc_pages() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def relative_links(page: Path) -> list[str]:
    text = CODE_SPAN.sub("", FENCE.sub("", page.read_text(encoding="utf-8")))
    return [
        target
        for target in LINK.findall(text)
        if not re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE)
    ]


@pytest.mark.parametrize(("module", "name"), PUBLIC_NAMES)
def test_every_public_name_is_mentioned_in_a_reference_page(module: str, name: str) -> None:
    pages = [page for page, text in reference_pages().items() if mentions(text, name)]
    assert pages, f"{module}.{name} is in __all__ but no docs/reference/*.md page mentions it"


@pytest.mark.parametrize("name", preset_names())
def test_every_preset_is_documented_on_a_reference_page(name: str) -> None:
    pages = [page for page, text in reference_pages().items() if f"presets.{name}(" in text]
    assert pages, f"presets.{name}() is not shown as presets.{name}() on any reference page"


@pytest.mark.parametrize(
    "name", sorted({name for _, name in PUBLIC_NAMES} | set(preset_names()))
)
def test_the_reference_index_has_a_row_for_every_public_name(name: str) -> None:
    assert name in index_rows(), f"docs/reference/index.md has no row for {name}"


def test_the_reference_index_links_each_name_to_a_page_that_mentions_it() -> None:
    index_text = INDEX.read_text(encoding="utf-8")
    assert HERE_HEADING in index_text, f"the index lost its section {HERE_HEADING!r}"
    documented_here = index_text.split(HERE_HEADING, 1)[1]
    pages = reference_pages()
    wrong = []
    for name, target in index_rows().items():
        page = target.split("#", 1)[0] or INDEX.name
        text = documented_here if page == INDEX.name else pages.get(page, "")
        if not (mentions(text, name) or mentions(documented_here, name)):
            wrong.append(f"{name} -> {target}")
    assert not wrong, f"index rows linking to a page that does not mention the name: {wrong}"


def test_the_reference_index_has_no_row_for_a_name_that_is_not_public() -> None:
    public = {name for _, name in PUBLIC_NAMES} | set(preset_names())
    stale = sorted(set(index_rows()) - public)
    assert not stale, f"docs/reference/index.md lists names that are not public: {stale}"


@pytest.mark.parametrize("page", doc_pages(), ids=lambda page: str(page.relative_to(ROOT)))
def test_every_relative_link_points_to_an_existing_file_and_heading(page: Path) -> None:
    broken = []
    for target in relative_links(page):
        path, _, fragment = unquote(target).partition("#")
        destination = (page.parent / path).resolve() if path else page
        if not destination.exists():
            broken.append(f"{target} (no such file)")
        elif fragment and destination.suffix == ".md" and fragment not in anchors(destination):
            broken.append(f"{target} (no such heading)")
    assert not broken, f"{page.relative_to(ROOT)} has broken links: {broken}"
