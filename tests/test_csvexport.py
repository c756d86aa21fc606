import csv
import io

from councilportal.csvexport import excel_csv


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
