#!/usr/bin/env python3
"""Writes the reading corpus: files as Nordic admins' tools produce them, plus broken
and hostile ones. The outputs are committed; run this only to change them:

    python3 -m venv /tmp/corpus-venv
    /tmp/corpus-venv/bin/pip install xlsxwriter==3.3.1 xlwt==1.3.0 odfpy==1.4.1 msoffcrypto-tool==6.1.0
    /tmp/corpus-venv/bin/python make_corpus.py

What each file must read as is asserted in ../corpus.rs.
"""
import datetime
import io
import os
import struct
import zipfile

from msoffcrypto.format.ooxml import OOXMLFile
import xlsxwriter
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableProperties
from odf.table import Table, TableCell, TableRow, CoveredTableCell
from odf.text import P

HERE = os.path.dirname(os.path.abspath(__file__))

HEADER = ["Navn", "E-post", "Mobil", "Postnummer", "Poststed", "Fødselsdato", "Bolig"]
PEOPLE = [
    ["Åse Øvrebø", "ase@example.no", 4791234567, 150, "Oslo", datetime.date(1985, 7, 4), "A-101"],
    ["Päivi Kärkkäinen", "paivi@example.fi", 358401234567, 100, "Helsinki", datetime.date(1990, 1, 31), "A-102"],
    ["Jörgen Ångström", "jorgen@example.se", 46701234567, 11122, "Stockholm", datetime.date(1979, 12, 24), "B-201"],
]


def path(name):
    return os.path.join(HERE, name)


def write_text(name, text, encoding):
    with open(path(name), "wb") as f:
        f.write(text.encode(encoding))


def csv_rows(sep, rows):
    out = []
    for row in rows:
        cells = []
        for v in row:
            if isinstance(v, datetime.date):
                v = v.strftime("%d.%m.%Y")
            cells.append(str(v))
        out.append(sep.join(cells))
    return "\r\n".join(out) + "\r\n"


def text_files():
    rows = [HEADER] + PEOPLE
    # Excel "CSV (semicolon delimited)" in a Norwegian or Finnish Windows: cp1252, CRLF.
    write_text("nordic_excel.csv", csv_rows(";", rows).replace("Oslo", "Oslo, sentrum"), "cp1252")
    # Excel "CSV UTF-8": BOM, same separator.
    write_text("csv_utf8_bom.csv", "\ufeff" + csv_rows(";", rows), "utf-8")
    # Excel "Unicode text": UTF-16 LE with BOM, tab separated.
    write_text("unicode_text.txt", "\ufeff" + csv_rows("\t", rows), "utf-16-le")
    # Quoted fields holding the separator, doubled quotes and line breaks.
    write_text(
        "multiline.csv",
        'Navn;Notat;Bolig\r\n'
        '"Øvrebø; Åse";"Ringer etter kl. 16\r\nHar ""nøkkel"" til bod";A-101\r\n'
        'Ola Nordmann;"Linje 1\nLinje 2";A-102\r\n',
        "utf-8",
    )
    # Title rows and a blank row above the header, as exported from a portal.
    write_text(
        "title_rows.csv",
        "Kundeliste Fjordparken;;;;;;\r\nEksportert 01.03.2024;;;;;;\r\n;;;;;;\r\n" + csv_rows(";", rows),
        "cp1252",
    )
    write_text("header_only.csv", ";".join(HEADER) + "\r\n", "utf-8")
    write_text("ragged.csv", "Navn;E-post;Bolig\r\nÅse;ase@example.no;A-101\r\nOla;ola@example.no\r\nKari;kari@example.no;A-103;ekstra\r\n", "utf-8")
    open(path("empty.csv"), "wb").close()
    with open(path("junk.csv"), "wb") as f:
        f.write(bytes((i * 37 + 11) % 256 for i in range(2048)))


def xlsx_workbook(name, date_1904=False):
    wb = xlsxwriter.Workbook(path(name), {"date_1904": date_1904})
    date = wb.add_format({"num_format": "dd.mm.yyyy"})
    wb.add_worksheet("Forside")  # an empty first sheet: the reader must skip it
    ws = wb.add_worksheet("Kunder")
    ws.merge_range("A1:H1", "Kundeliste Fjordparken")
    for c, h in enumerate(HEADER + ["Antall"]):
        ws.write(2, c, h)
    for r, person in enumerate(PEOPLE, start=3):
        for c, v in enumerate(person):
            if isinstance(v, datetime.date):
                ws.write_datetime(r, c, datetime.datetime(v.year, v.month, v.day), date)
            else:
                ws.write(r, c, v)
        # A formula with its cached result, as Excel saves it.
        ws.write_formula(r, 7, f"=LEN(G{r + 1})-3", None, 2)
    # One unit shared by two buyers, merged vertically; the second buyer's row.
    ws.merge_range(5, 6, 6, 6, "B-201")
    ws.write_row(6, 0, ["Lars Ångström", "lars@example.se", 46709876543, 11122, "Stockholm"])
    ws.write_datetime(6, 5, datetime.datetime(1981, 2, 28), date)
    hidden = wb.add_worksheet("Skjult")
    hidden.write_row(0, 0, ["Intern", "Merknad"])
    hidden.write_row(1, 0, ["x", "y"])
    hidden.hide()
    wb.close()


def xlsx_hostile():
    # Cells at A1 and XFD1048576: a naive reader allocates the whole rectangle.
    wb = xlsxwriter.Workbook(path("huge_dimensions.xlsx"))
    ws = wb.add_worksheet("Ark1")
    ws.write("A1", "x")
    ws.write("XFD1048576", "y")
    wb.close()

    # A zip whose central directory declares a 4 GB part.
    buf = io.BytesIO()
    with open(path("customers.xlsx"), "rb") as f:
        original = f.read()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("xl/media/padding.bin", b"\0" * 1000)
    data = bytearray(buf.getvalue())
    central = data.rfind(b"PK\x01\x02")  # the last entry: padding.bin
    struct.pack_into("<I", data, central + 24, 0xFFFFFFF0)
    with open(path("declares_4gb.xlsx"), "wb") as f:
        f.write(data)

    # Honest sizes, but 10 MB of zeros: refused under a small inflation limit.
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("xl/media/zeros.bin", b"\0" * 10_000_000)
    with open(path("inflates_10mb.xlsx"), "wb") as f:
        f.write(buf.getvalue())

    with open(path("truncated.xlsx"), "wb") as f:
        f.write(original[: len(original) * 6 // 10])

    with open(path("customers.xlsx"), "rb") as src, open(path("encrypted.xlsx"), "wb") as dst:
        OOXMLFile(src).encrypt("hemmelig", dst)

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    with open(path("letter.docx"), "wb") as f:
        f.write(buf.getvalue())


def xls_workbook():
    wb = xlwt.Workbook(encoding="utf-8")
    date = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    ws = wb.add_sheet("Kunder")
    ws.write_merge(0, 0, 0, 6, "Kundeliste Fjordparken")
    for c, h in enumerate(HEADER):
        ws.write(2, c, h)
    for r, person in enumerate(PEOPLE, start=3):
        for c, v in enumerate(person):
            ws.write(r, c, v, date) if isinstance(v, datetime.date) else ws.write(r, c, v)
    hidden = wb.add_sheet("Skjult")
    hidden.write(0, 0, "Intern")
    hidden.visibility = 1
    wb.save(path("customers.xls"))


def ods_workbook():
    doc = OpenDocumentSpreadsheet()
    hidden_style = Style(name="hiddentable", family="table")
    hidden_style.addElement(TableProperties(display=False))
    doc.automaticstyles.addElement(hidden_style)

    def text_cell(s, **kw):
        cell = TableCell(valuetype="string", **kw)
        cell.addElement(P(text=s))
        return cell

    table = Table(name="Kunder")
    title = TableRow()
    title.addElement(text_cell("Kundeliste Fjordparken", numbercolumnsspanned=7))
    for _ in range(6):
        title.addElement(CoveredTableCell())
    table.addElement(title)
    table.addElement(TableRow())
    header = TableRow()
    for h in HEADER:
        header.addElement(text_cell(h))
    table.addElement(header)
    for person in PEOPLE:
        row = TableRow()
        for v in person:
            if isinstance(v, datetime.date):
                cell = TableCell(valuetype="date", datevalue=v.isoformat())
                cell.addElement(P(text=v.strftime("%d.%m.%Y")))
            elif isinstance(v, int):
                cell = TableCell(valuetype="float", value=v)
                cell.addElement(P(text=str(v)))
            else:
                cell = text_cell(v)
            row.addElement(cell)
        table.addElement(row)
    doc.spreadsheet.addElement(table)

    hidden = Table(name="Skjult", stylename=hidden_style)
    row = TableRow()
    row.addElement(text_cell("Intern"))
    hidden.addElement(row)
    doc.spreadsheet.addElement(hidden)
    doc.save(path("customers.ods"))

def minimal_xlsx(name, sheets, inline=False):
    """An xlsx written the way scripts and converters write them: no styles, no shared
    strings, text as `t="str"` (or as inline strings, `inline`, which our scanner leaves
    to calamine), and formulas without a calculated value. `sheets` is
    [(name, rows)] with rows of strings; a string starting with `=` is a formula saved
    without `<v>` (converters), one starting with `=!` a formula with an empty `<v/>`
    (openpyxl)."""
    from xml.sax.saxutils import escape

    def column(c):
        letters = ""
        c += 1
        while c:
            c, r = divmod(c - 1, 26)
            letters = chr(65 + r) + letters
        return letters

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        entries = "".join(
            f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, (n, _) in enumerate(sheets, start=1)
        )
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"<sheets>{entries}</sheets></workbook>",
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{rels}</Relationships>",
        )
        for i, (_, rows) in enumerate(sheets, start=1):
            xml_rows = []
            for r, row in enumerate(rows, start=1):
                cells = []
                for c, v in enumerate(row):
                    ref = f"{column(c)}{r}"
                    if v.startswith("=!"):
                        cells.append(f'<c r="{ref}"><f>{escape(v[2:])}</f><v/></c>')
                    elif v.startswith("="):
                        cells.append(f'<c r="{ref}"><f>{escape(v[1:])}</f></c>')
                    elif v and inline:
                        cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
                    elif v:
                        cells.append(f'<c r="{ref}" t="str"><v>{escape(v)}</v></c>')
                xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
            z.writestr(
                f"xl/worksheets/sheet{i}.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                f'<sheetData>{"".join(xml_rows)}</sheetData></worksheet>',
            )
    with open(path(name), "wb") as f:
        f.write(buf.getvalue())


def handmade_workbooks():
    customers = [
        ["Navn", "E-post", "Mobil", "Bolig"],
        ["Kjersti Ås", "kjersti@example.no", "91234567", "A-101"],
        ["Ola Nordmann", "ola@example.no", "41234567", "A-102"],
        ["Kari Berg", "kari@example.no", "98765432", "B-201"],
    ]
    # A one-cell cover sheet first, as people put in front of the data.
    minimal_xlsx(
        "cover_sheet.xlsx",
        [("Forside", [["Denne fanen inneholder ingen kunder. Kundene står i fanen Kunder."]]), ("Kunder", customers)],
    )
    # Formulas whose results were never calculated: a unit and a phone number.
    formulas = [row[:] for row in customers]
    formulas[2][3] = '="A-"&(101+1)'
    formulas[3][2] = "=!SUBSTITUTE(C2,\"1\",\"9\")"
    minimal_xlsx("formulas_without_values.xlsx", [("Kunder", formulas)])
    # The same with inline strings, as converters write them: read by calamine.
    minimal_xlsx("formulas_inline_strings.xlsx", [("Kunder", formulas)], inline=True)


if __name__ == "__main__":
    text_files()
    xlsx_workbook("customers.xlsx")
    xlsx_workbook("customers_1904.xlsx", date_1904=True)
    xlsx_hostile()
    xls_workbook()
    ods_workbook()
    handmade_workbooks()
