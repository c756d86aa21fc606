import csv
import io

import pytest

from councilportal.csvexport import ROWS_PER_CHUNK, excel_csv_chunks


def excel_csv(header, rows) -> bytes:
    return b"".join(excel_csv_chunks(header, rows))


def test_excel_csv_has_a_bom_semicolons_and_swedish_characters():
    data = excel_csv(["Namn", "Organisation", "Möten"], [["Åsa Öberg", "Hela Människan; Exempelstad", 3]])
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "Namn;Organisation;Möten"
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1] == ["Åsa Öberg", "Hela Människan; Exempelstad", "3"]


def test_cells_that_look_like_formulas_are_neutralised():
    text = excel_csv(["Titel"], [["=HYPERLINK(\"http://evil\")"], ["-1"], ["vanlig"]]).decode("utf-8-sig")
    assert text.splitlines()[1:] == ['"\'=HYPERLINK(""http://evil"")"', "'-1", "vanlig"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"], ids=repr)
def test_a_cell_starting_with_any_formula_character_is_quoted_in_body_and_header(start):
    cell = f"{start}SUM(A1:A9)"
    text = excel_csv([cell], [[cell], [f"Kaffe {start} kaka"]]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows == [["'" + cell], ["'" + cell], [f"Kaffe {start} kaka"]], "only a cell's first character counts"


def test_the_header_leaves_first_and_the_rows_follow_in_chunks():
    rows = ([f"rad {number}"] for number in range(2 * ROWS_PER_CHUNK + 1))
    chunks = list(excel_csv_chunks(["Titel"], rows))
    assert chunks[0] == "\ufeffTitel\r\n".encode()
    assert [chunk.count(b"\r\n") for chunk in chunks[1:]] == [ROWS_PER_CHUNK, ROWS_PER_CHUNK, 1]
