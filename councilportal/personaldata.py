"""Finding personal data in text that may be published: personnummer, samordningsnummer, e-mail, phone.

Councils treat matters of the service, never of a single person, so text that will be read by the
council or the public is checked before it is saved. Pure functions: no application needed.

The finder is cautious in one direction: a date, a case number (diarienummer such as "SN 2026/123"
or "KS-2025-0042"), a reference such as BR-2026-0042, a time or an amount of money is never taken
for personal data, since a warning people learn to ignore protects nobody.
"""

import enum
import re
from dataclasses import dataclass

import phonenumbers
from personnummer import personnummer


class Kind(enum.Enum):
    PERSONAL_IDENTITY_NUMBER = "personnummer"
    COORDINATION_NUMBER = "samordningsnummer"
    EMAIL = "email"
    PHONE = "phone"


@dataclass(frozen=True)
class Finding:
    kind: Kind
    text: str
    start: int
    end: int


# Six or eight digits of a date, an optional separator, four digits; not part of a longer number or
# of a hyphenated reference (KS-2025-0042 has four digits before its last hyphen, so never matches).
_IDENTITY_NUMBER = re.compile(r"(?<![\d-])(\d{6}|\d{8})([-+]?)(\d{4})(?![\d-])")
# Written the way a personnummer is; such a number that fails the check is a typo or a reference, not a phone.
_IDENTITY_SHAPE = re.compile(r"\d{6}(?:\d{2})?[-+]\d{4}")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}\b")
SWEDEN = "SE"


def _identity_numbers(text: str) -> list[Finding]:
    found = []
    for match in _IDENTITY_NUMBER.finditer(text):
        try:
            number = personnummer.parse(match.group(0))
        except personnummer.PersonnummerException:
            continue
        kind = Kind.COORDINATION_NUMBER if number.is_coordination_number() else Kind.PERSONAL_IDENTITY_NUMBER
        found.append(Finding(kind, match.group(0), match.start(), match.end()))
    return found


def _emails(text: str) -> list[Finding]:
    return [Finding(Kind.EMAIL, match.group(0), match.start(), match.end()) for match in _EMAIL.finditer(text)]


def _phone_numbers(text: str) -> list[Finding]:
    """Numbers that are valid Swedish (or international, with +) phone numbers as written."""
    return [
        Finding(Kind.PHONE, match.raw_string, match.start, match.end)
        for match in phonenumbers.PhoneNumberMatcher(text, SWEDEN, leniency=phonenumbers.Leniency.VALID)
        if not _IDENTITY_SHAPE.fullmatch(match.raw_string)
    ]


def _overlaps(finding: Finding, others: list[Finding]) -> bool:
    return any(finding.start < other.end and other.start < finding.end for other in others)


def find_personal_data(text: str | None) -> list[Finding]:
    """Everything in `text` that looks like personal data, in the order it appears."""
    if not text:
        return []
    identity_numbers = _identity_numbers(text)
    emails = _emails(text)
    # A personnummer or an address can also parse as a phone number; it is reported once, as what it is.
    phones = [phone for phone in _phone_numbers(text) if not _overlaps(phone, identity_numbers + emails)]
    return sorted(identity_numbers + emails + phones, key=lambda finding: finding.start)
