import hashlib
import re
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from core.platform.locale import LANGUAGES, format_deadline, language_of_locale, locales, t
from core.platform.settings import get_settings
from core.registration.terms import TermsMissing, load_terms

ENGLISH = locales()["en"].messages
# Every message by key, in every language: {"key": {"en": ..., "vi": ...}}.
CATALOGUE = {
    key: {code: locale.messages.get(key, "") for code, locale in locales().items()}
    for key in ENGLISH
}

FIELD = re.compile(r"{(\w+)}")


def test_every_catalogue_key_exists_in_both_languages():
    assert all(set(locale.messages) == set(ENGLISH) for locale in locales().values())
    missing = [
        (key, lang)
        for key, entry in CATALOGUE.items()
        for lang in LANGUAGES
        if not entry.get(lang, "").strip()
    ]
    assert missing == []


def test_translations_use_the_same_placeholders():
    mismatched = [
        key
        for key, entry in CATALOGUE.items()
        if set(FIELD.findall(entry["en"])) != set(FIELD.findall(entry["vi"]))
    ]
    assert mismatched == []


def test_vietnamese_is_really_vietnamese():
    same = [
        key
        for key, entry in CATALOGUE.items()
        if entry["en"] == entry["vi"] and len(entry["en"]) > 12
    ]
    assert same == []
    assert "ệ" in t("signin.button", "vi") or "ư" in t("signin.button", "vi")


def test_current_terms_exist_in_both_languages_with_their_hash():
    catalogue = load_terms(get_settings().terms_dir)
    for lang in LANGUAGES:
        document = catalogue.current(lang, date(2026, 6, 1))
        assert document.version == "2026-01"
        assert len(document.body) > 2000
        assert document.sha256 == hashlib.sha256(document.body.encode()).hexdigest()


def test_a_missing_terms_file_names_the_file(tmp_path: Path):
    source = get_settings().terms_dir
    for path in source.glob("*.md"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "2026-01.vi.md").unlink()
    with pytest.raises(TermsMissing, match=r"2026-01\.vi\.md"):
        load_terms(tmp_path)


def test_a_later_version_takes_effect_on_its_date(tmp_path: Path):
    source = get_settings().terms_dir
    for path in source.glob("*.md"):
        shutil.copy(path, tmp_path / path.name)
        text = (
            path.read_text()
            .replace("2026-01", "2027-01")
            .replace("effective: 2027-01-01", "effective: 2027-03-01")
        )
        (tmp_path / path.name.replace("2026-01", "2027-01")).write_text(text)
    catalogue = load_terms(tmp_path)
    assert catalogue.current("en", date(2027, 2, 28)).version == "2026-01"
    assert catalogue.current("vi", date(2027, 3, 1)).version == "2027-01"


def test_every_key_the_code_asks_for_is_in_the_catalogue():
    from core.platform.paths import PROJECT_ROOT

    literal = re.compile(
        r"""(?:\bT|\bt|DomainError|super\(\).__init__)\(\s*["']([a-z_]+(?:\.[a-z0-9_]+)+)["']"""
    )
    problem_keys = re.compile(r"""["']((?:profile|company)\.error\.[a-z_]+)["']""")
    asked = set()
    for folder in ("core", "ui", "pages"):
        for path in (PROJECT_ROOT / folder).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            asked |= set(literal.findall(source)) | set(problem_keys.findall(source))
    assert asked - set(CATALOGUE) == set()
    assert len(asked) > 100


def test_every_value_shown_through_a_key_prefix_has_its_entry():
    from core.platform.models import State
    from core.platform.sla import AGE_BUCKETS, SlaState
    from core.registration.company import FIELDS
    from core.registration.decisions import REASON_CODES
    from core.registration.eligibility import FAILURE_FOR_RULE, RULES
    from core.registration.metrics import COHORT_BUCKETS

    events = {"submitted", "approved", "rejected", "withdrawn", "due_recomputed", "email_resent",
              "profile_updated", "terms_accepted", "terms_notice", "info_requested",
              "info_answered", "info_reminder", "auto_withdrawn", "assigned", "unassigned",
              "overdue_alert"}  # fmt: skip
    wanted = (
        {f"state.{s.value}" for s in State}
        | {f"sla.{s.value}" for s in SlaState}
        | {f"reason.{code}" for code in REASON_CODES}
        | {f"rule.{rule}" for rule in RULES}
        | {f"fail.{failure}" for failure in [*FAILURE_FOR_RULE.values(), "unverifiable"]}
        | {f"cohort.{bucket}" for bucket in COHORT_BUCKETS}
        | {f"age.{bucket}" for bucket in AGE_BUCKETS}
        | {f"partner_type.{code}" for code in get_settings().partner_types}
        | {f"company.{name}" for name in FIELDS}
        | {f"event.{kind}" for kind in events}
        | {
            f"metrics.{key}.{part}"
            for key in ("flow", "sla", "dist", "backlog", "reviewers", "cohorts")
            for part in ("title", "caption")
        }
    )
    assert wanted - set(CATALOGUE) == set()


@pytest.mark.parametrize(
    ("instant", "lang", "shown"),
    [
        # 17:00 UTC is local midnight: the end of the day before, not the start of Thursday.
        (datetime(2026, 12, 2, 17, 0, tzinfo=UTC), "en", "the end of Wednesday 02 Dec 2026"),
        (datetime(2026, 12, 2, 17, 0, tzinfo=UTC), "vi", "cuối ngày Thứ Tư, 02/12/2026"),
        (datetime(2026, 12, 1, 8, 30, tzinfo=UTC), "en", "Tue 01 Dec 2026, 15:30"),
        (datetime(2026, 12, 1, 8, 30, tzinfo=UTC), "vi", "15:30, 01/12/2026"),
        (datetime(2026, 12, 6, 17, 0, tzinfo=UTC), "vi", "cuối ngày Chủ Nhật, 06/12/2026"),
    ],
)
def test_a_deadline_at_local_midnight_reads_as_the_end_of_the_day_before(instant, lang, shown):
    assert format_deadline(instant, lang) == shown


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("vi-VN", "vi"),
        ("vi", "vi"),
        ("en-GB", "en"),
        ("EN_us", "en"),
        ("fr-FR", None),
        (None, None),
    ],
)
def test_a_browser_locale_picks_a_language_the_portal_speaks(locale, language):
    assert language_of_locale(locale) == language


def test_the_terms_title_sits_below_the_page_title_on_screen():
    terms = load_terms(get_settings().terms_dir).current("en", date(2026, 12, 1))
    assert re.search(r"^# ", terms.body, re.MULTILINE)
    headings = re.findall(r"^(#+) ", terms.screen_body, re.MULTILINE)
    assert headings and min(len(h) for h in headings) == 4
    assert (
        terms.sha256 == hashlib.sha256(terms.body.encode()).hexdigest()
    )  # the record is unchanged
