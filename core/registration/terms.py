"""Versioned Terms and Conditions, one file per version and language under data/terms/."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from core.platform.locale import DEFAULT_LANGUAGE, written_languages

_FILE_NAME = re.compile(r"^(?P<version>[\w.-]+)\.(?P<lang>[a-z]{2})\.md$")


class TermsMissing(RuntimeError):
    """A Terms file is missing or unreadable; the message names it."""


_HEADING = re.compile(r"^(#{1,3} )", re.MULTILINE)


@dataclass(frozen=True)
class TermsDocument:
    version: str
    language: str
    effective: date
    title: str
    body: str
    path: Path

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()

    @property
    def screen_body(self) -> str:
        """The body as shown inside a page: its headings three levels down, so that the
        document's own title sits below the page's title and section heading."""
        return _HEADING.sub(lambda m: "###" + m.group(1), self.body)


def _parse(path: Path) -> TermsDocument:
    match = _FILE_NAME.match(path.name)
    if not match:
        raise TermsMissing(f"{path}: name must be <version>.<language>.md")
    raw = path.read_text(encoding="utf-8")
    if not raw.startswith("---\n") or "\n---\n" not in raw[4:]:
        raise TermsMissing(f"{path}: missing the '---' header with version and effective date")
    header, body = raw[4:].split("\n---\n", 1)
    fields = dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in header.splitlines())
        if key.strip()
    )
    try:
        effective = date.fromisoformat(fields["effective"])
    except (KeyError, ValueError) as exc:
        raise TermsMissing(f"{path}: 'effective' must be a date like 2026-01-01") from exc
    if fields.get("version") != match["version"]:
        raise TermsMissing(f"{path}: header version does not match the file name")
    return TermsDocument(
        version=match["version"],
        language=match["lang"],
        effective=effective,
        title=fields.get("title", ""),
        body=body.strip() + "\n",
        path=path,
    )


@dataclass(frozen=True)
class TermsCatalogue:
    documents: tuple[TermsDocument, ...]

    def versions(self) -> list[str]:
        return sorted({d.version for d in self.documents}, key=self._effective_of)

    def current(self, lang: str, today: date) -> TermsDocument:
        """The version in effect on ``today`` in ``lang`` (the default language's where the
        Terms have no text in ``lang``)."""
        if not any(d.language == lang for d in self.documents):
            lang = DEFAULT_LANGUAGE
        in_effect = [d for d in self.documents if d.effective <= today and d.language == lang]
        if not in_effect:
            raise TermsMissing(f"no Terms version in effect on {today} for language '{lang}'")
        return max(in_effect, key=lambda d: (d.effective, d.version))

    def get(self, version: str, lang: str) -> TermsDocument | None:
        for document in self.documents:
            if document.version == version and document.language == lang:
                return document
        return None

    def _effective_of(self, version: str) -> date:
        return min(d.effective for d in self.documents if d.version == version)


def load_terms(directory: Path) -> TermsCatalogue:
    """Every Terms version under ``directory``; each must exist in every language."""
    if not directory.is_dir():
        raise TermsMissing(f"{directory}: Terms directory not found")
    documents = [_parse(path) for path in sorted(directory.glob("*.md"))]
    if not documents:
        raise TermsMissing(f"{directory}: no Terms file (<version>.<language>.md) found")
    for version in {d.version for d in documents}:
        for lang in written_languages():
            expected = directory / f"{version}.{lang}.md"
            if not expected.is_file():
                raise TermsMissing(f"{expected}: Terms file missing for version {version}")
        effective = {d.effective for d in documents if d.version == version}
        if len(effective) != 1:
            raise TermsMissing(f"{directory}: version {version} has different effective dates")
    return TermsCatalogue(tuple(documents))
