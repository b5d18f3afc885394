import pytest

from core.platform.phones import phone_for_reading
from core.registration.profile import (
    ProfileInput,
    ProfileInvalid,
    normalise_phone,
    validate_profile,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("0912345678", "+84912345678"),
        ("0912 345 678", "+84912345678"),
        ("028.3823.4567", "+842838234567"),
        ("+84 912 345 678", "+84912345678"),
        ("+84-28-3823-4567", "+842838234567"),
        ("+1 (415) 555-0100", "+14155550100"),
        ("+44 20 7946 0958", "+442079460958"),
        # The bracketed trunk 0 is not dialled from abroad, nor a 0 right after +84.
        ("+84 (0) 912-345-678", "+84912345678"),
        ("+84(0)28 3823 4567", "+842838234567"),
        ("+84 0912 345 678", "+84912345678"),
        ("+44 (0)20 7946 0958", "+442079460958"),
    ],
)
def test_vietnamese_and_international_phone_numbers(raw, clean):
    assert normalise_phone(raw) == clean


@pytest.mark.parametrize(
    "raw",
    ["", "12345", "091234567", "+0912345678", "phone", "0912345678901", "+84 12", "☎0912345678"],
)
def test_bad_phone_numbers(raw):
    assert normalise_phone(raw) is None


@pytest.mark.parametrize(
    ("stored", "read"),
    [
        ("+842439365678", "024 3936 5678"),
        ("+842839105566", "028 3910 5566"),
        ("+84912345678", "0912 345 678"),
        ("+442079460958", "+44 20 7946 0958"),
        ("02439365678", "024 3936 5678"),  # as stored before numbers were kept as E.164
        ("", ""),
        ("not a number", "not a number"),
    ],
)
def test_numbers_are_shown_grouped_as_people_write_them(stored, read):
    assert phone_for_reading(stored) == read


@pytest.mark.parametrize("email", ["sales@acme.vn", "first.last+tag@sub.example.com", "a_b@x-y.io"])
def test_good_emails(email):
    assert validate_profile(ProfileInput("Acme", email, "0912345678", "en")).contact_email == email


@pytest.mark.parametrize(
    "email",
    [
        "",
        "plain",
        "a@b",
        "a@@b.vn",
        "a b@c.vn",
        ".a@b.vn",
        "a.@b.vn",
        "a@b..vn",
        "<x>@y.vn",
        "a@b.vn\nx",
        "a@b\n.vn",
    ],
)
def test_bad_emails(email):
    with pytest.raises(ProfileInvalid) as invalid:
        validate_profile(ProfileInput("Acme", email, "0912345678", "en"))
    assert set(invalid.value.problems) == {"contact_email"}


@pytest.mark.parametrize(
    ("company", "ok"),
    [
        ("A", False),
        ("AB", True),
        ("  A  ", False),
        ("x" * 200, True),
        ("x" * 201, False),
        ("Acme\x00", False),
        ("   ", False),
    ],
)
def test_company_length_after_trimming(company, ok):
    data = ProfileInput(company, "a@b.vn", "0912345678", "vi")
    if ok:
        assert validate_profile(data).company == company.strip()
    else:
        with pytest.raises(ProfileInvalid):
            validate_profile(data)
