"""The personal-data finder, both ways: what it must catch and what it must let through."""

import pytest

from councilportal.personaldata import Kind, find_personal_data

PERSONNUMMER = Kind.PERSONAL_IDENTITY_NUMBER
SAMORDNINGSNUMMER = Kind.COORDINATION_NUMBER

CAUGHT = [
    ("Anna Andersson, 19850101-1236", PERSONNUMMER, "19850101-1236"),
    ("Gäller 850101-1236 som bor på boendet", PERSONNUMMER, "850101-1236"),
    ("pnr 8501011236", PERSONNUMMER, "8501011236"),
    ("pnr 198501011236.", PERSONNUMMER, "198501011236"),
    ("Född 1885: 850101+1236", PERSONNUMMER, "850101+1236"),
    ("(811228-9841)", PERSONNUMMER, "811228-9841"),
    ("880320-0016, se bilaga", PERSONNUMMER, "880320-0016"),
    ("skottdag 040229-4565", PERSONNUMMER, "040229-4565"),
    ("samordningsnummer 850161-1233", SAMORDNINGSNUMMER, "850161-1233"),
    ("720471-2348 har inget personnummer", SAMORDNINGSNUMMER, "720471-2348"),
    ("19720471-2348", SAMORDNINGSNUMMER, "19720471-2348"),
    ("Skriv till anna.andersson@example.se", Kind.EMAIL, "anna.andersson@example.se"),
    ("Mejla: KALLE+brukarrad@kommun.exempelstad.se.", Kind.EMAIL, "KALLE+brukarrad@kommun.exempelstad.se"),
    ("e-post åsa_ek@föreningen.nu", Kind.EMAIL, "åsa_ek@föreningen.nu"),
    ("Ring 070-123 45 67", Kind.PHONE, "070-123 45 67"),
    ("mobil 0701234567 efter kl. 17", Kind.PHONE, "0701234567"),
    ("Nås på 073 987 65 43", Kind.PHONE, "073 987 65 43"),
    ("+46 70 123 45 67", Kind.PHONE, "+46 70 123 45 67"),
    ("+46701234567", Kind.PHONE, "+46701234567"),
    ("tel +46 8 123 456 78", Kind.PHONE, "+46 8 123 456 78"),
    ("växel 08-123 456 78", Kind.PHONE, "08-123 456 78"),
    ("08-12345678", Kind.PHONE, "08-12345678"),
    ("Göteborg 031-123 45 67", Kind.PHONE, "031-123 45 67"),
    ("Uppsala 018-12 34 56", Kind.PHONE, "018-12 34 56"),
    ("0046 70 123 45 67", Kind.PHONE, "0046 70 123 45 67"),
]

LET_THROUGH = [
    "Mötet är 2026-01-15 kl. 13.00.",
    "Från 15/1 2026 till 28/2 2026",
    "den 15 januari 2026",
    "20260115",
    "Ärendet SN 2026/123 behandlas i nämnden.",
    "diarienummer SN 2026/1234",
    "KS-2025-0042",
    "Dnr 2024-00123",
    "Se BR-2026-0042 och BR-2025-1234.",
    "Kl. 13.00–15.30, paus 14.15",
    "Kostnaden var 1 250 000 kr.",
    "12 345,50 kronor per år",
    "Budgeten 2026: 3 500 000",
    "år 2025 och 2026",
    "Verksamheten har 120 platser och 45 anställda.",
    "Postadress 123 45 Exempelstad",
    "Beslut 2026-03-15 § 42",
    "SFS 2001:453, 3 kap. 5 §",
    "850101-1234 har fel kontrollsiffra",
    "198501011234",
    "850132-1236 är inget datum",
    "851301-1236",
    "850191-1233",
    "050229-4564 (2005 var inget skottår)",
    "Organisationsnummer 212000-1355",
    "e-post finns på hemsidan @kommunen",
    "",
]


@pytest.mark.parametrize(("text", "kind", "found"), CAUGHT)
def test_personal_data_is_found(text, kind, found):
    findings = find_personal_data(text)
    assert [(finding.kind, finding.text) for finding in findings] == [(kind, found)]
    assert text[findings[0].start:findings[0].end] == found


@pytest.mark.parametrize("text", LET_THROUGH)
def test_dates_case_numbers_references_times_and_amounts_are_not_personal_data(text):
    assert find_personal_data(text) == []


def test_several_findings_come_in_the_order_they_appear():
    text = "Ring 070-123 45 67 eller skriv till a@example.se om 850101-1236."
    assert [finding.kind for finding in find_personal_data(text)] == [Kind.PHONE, Kind.EMAIL, PERSONNUMMER]
