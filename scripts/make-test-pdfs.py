#!/usr/bin/env python3
"""Builds the test PDFs of `gazette` from the sample issue's text.

    scripts/make-test-pdfs.py [OUT_DIR]     (default: target/test-pdfs)

Writes, from tests/fixtures/qingdao-gazette-2019-issue.txt:
- one-column.pdf: GB/T 9704 style, one column, every 文件 on a new page
  under its red 版头 (青岛市人民政府文件 / 青岛市人民政府办公厅文件),
  page numbers “— N —” at the foot; CID font STSong-Light (UniGB-UCS2-H,
  not embedded).
- two-column.pdf: gazette style, two columns, running header
  “青岛市人民政府公报 2019年第7期” and a bare page number at the foot; an
  embedded TrueType CJK font (WenQuanYi, Debian fonts-wqy-microhei or
  fonts-wqy-zenhei).
- image-only.pdf: the first two pages of one-column.pdf as 200-dpi images.
- encrypted.pdf: one-column.pdf encrypted with a user password (qpdf).
- truncated.pdf: the first 30 % of one-column.pdf's bytes.
- corrupt.pdf: a PDF header followed by garbage.

Tables: the sample's tab-separated rows are drawn as ruled tables, as
gazettes print them, rows split over column and page breaks. pdftotext
reads such a table cell by cell; gazette-pdf's layout rebuilds the rows
(crates/gazette-pdf/src/grid.rs), and the tests check that both PDFs give
the text version's tables (crates/gazette-pdf/tests/integration/sample.rs).

Needs python3-reportlab (pip install reportlab), pdftoppm (poppler-utils),
qpdf and a WenQuanYi font. Generated files are not committed.
"""

import os
import re
import subprocess
import sys
import tempfile

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "tests", "fixtures", "qingdao-gazette-2019-issue.txt")
RUNNING_HEADER = "青岛市人民政府公报　2019年第7期"
TRUETYPE_CANDIDATES = [
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
]
DATE_LINE = re.compile(r"^（\d{4}年\d{1,2}月\d{1,2}日）$")


def register_fonts():
    """Registers STSong-Light (CID, not embedded) and a TrueType CJK font."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    for path, index in TRUETYPE_CANDIDATES:
        if os.path.exists(path):
            pdfmetrics.registerFont(TTFont("WQY", path, subfontIndex=index))
            return
    sys.exit("make-test-pdfs: no TrueType CJK font; apt-get install fonts-wqy-microhei")


def read_sample(path):
    """The sample as items: ('title', text), ('para', text), ('table', rows)."""
    with open(path, encoding="utf-8") as f:
        lines = [line.strip("\n") for line in f if line.strip()]
    items = []
    for k, line in enumerate(lines):
        if "\t" in line:
            row = line.split("\t")
            if items and items[-1][0] == "table":
                items[-1][1].append(row)
            else:
                items.append(("table", [row]))
            continue
        next_line = lines[k + 1].strip() if k + 1 < len(lines) else ""
        is_title = DATE_LINE.match(next_line) or line.endswith("任免的工作人员名单")
        items.append(("title" if is_title else "para", line.strip()))
    return items


def masthead_of(title):
    """The 版头 of a 文件 with this title, None for a list."""
    if title.startswith("青岛市人民政府办公厅"):
        return "青岛市人民政府办公厅文件"
    if title.startswith("青岛市人民政府"):
        return "青岛市人民政府文件"
    return None


def styles(font, size):
    body = ParagraphStyle(
        "body", fontName=font, fontSize=size, leading=size * 1.6,
        firstLineIndent=2 * size, wordWrap="CJK", spaceAfter=size * 0.3,
    )
    title = ParagraphStyle(
        "title", parent=body, fontSize=size * 1.3, leading=size * 1.9,
        alignment=TA_CENTER, firstLineIndent=0, spaceBefore=size, spaceAfter=size * 0.6,
    )
    head = ParagraphStyle(
        "masthead", parent=title, fontSize=size * 2.2, leading=size * 3,
        textColor=colors.red, spaceBefore=0,
    )
    cell = ParagraphStyle(
        "cell", parent=body, fontSize=size * 0.8, leading=size * 1.1,
        firstLineIndent=0, spaceAfter=0,
    )
    return {"body": body, "title": title, "masthead": head, "cell": cell}


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def table_of(rows, width, style):
    columns = max(len(r) for r in rows)
    data = [
        [Paragraph(escape(c), style) for c in r + [""] * (columns - len(r))]
        for r in rows
    ]
    table = Table(data, colWidths=[width / columns] * columns, splitInRow=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def story(items, st, width, mastheads):
    flow = []
    first = True
    for kind, value in items:
        if kind == "table":
            flow.append(table_of(value, width, st["cell"]))
            continue
        if kind == "title" and mastheads:
            if not first:
                flow.append(PageBreak())
            head = masthead_of(value)
            if head:
                flow.append(Paragraph(head, st["masthead"]))
                flow.append(HRFlowable(width="100%", thickness=1.5, color=colors.red))
        first = first and kind != "title"
        style = st["title"] if kind == "title" else st["body"]
        flow.append(Paragraph(escape(value), style))
    return flow


def build_one_column(items, path):
    page_w, page_h = A4
    left, top = 28 * mm, 37 * mm
    width, height = 156 * mm, 225 * mm
    font = "STSong-Light"

    def footer(canvas, doc):
        canvas.setFont(font, 14)
        canvas.drawCentredString(page_w / 2, 18 * mm, f"— {doc.page} —")

    doc = BaseDocTemplate(path, pagesize=A4, title="sample one column")
    frame = Frame(left, page_h - top - height, width, height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=footer)])
    doc.build(story(items, styles(font, 14), width, mastheads=True))


def build_two_columns(items, path):
    page_w, page_h = A4
    margin, gutter = 18 * mm, 8 * mm
    column = (page_w - 2 * margin - gutter) / 2
    height = page_h - 2 * margin - 14 * mm
    font = "WQY"

    def header_footer(canvas, doc):
        canvas.setFont(font, 10)
        canvas.drawCentredString(page_w / 2, page_h - margin + 2 * mm, RUNNING_HEADER)
        canvas.line(margin, page_h - margin, page_w - margin, page_h - margin)
        canvas.drawCentredString(page_w / 2, margin - 8 * mm, str(doc.page))

    frames = [
        Frame(margin, margin, column, height, id="left"),
        Frame(margin + column + gutter, margin, column, height, id="right"),
    ]
    doc = BaseDocTemplate(path, pagesize=A4, title="sample two columns")
    doc.addPageTemplates([PageTemplate(id="page", frames=frames, onPage=header_footer)])
    doc.build(story(items, styles(font, 10.5), column, mastheads=False))


def build_image_only(source, path):
    """The first two pages of `source` as 200-dpi images, no text layer."""
    from reportlab.pdfgen import canvas as pdfcanvas

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", "200", "-f", "1", "-l", "2", "-png", source, f"{tmp}/p"],
            check=True,
        )
        page_w, page_h = A4
        out = pdfcanvas.Canvas(path, pagesize=A4)
        for name in sorted(os.listdir(tmp)):
            out.drawImage(os.path.join(tmp, name), 0, 0, page_w, page_h)
            out.showPage()
        out.save()


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "test-pdfs")
    os.makedirs(out_dir, exist_ok=True)
    register_fonts()
    items = read_sample(SAMPLE)
    one = os.path.join(out_dir, "one-column.pdf")
    build_one_column(items, one)
    build_two_columns(items, os.path.join(out_dir, "two-column.pdf"))
    build_image_only(one, os.path.join(out_dir, "image-only.pdf"))
    subprocess.run(
        ["qpdf", "--encrypt", "user-secret", "owner-secret", "256", "--",
         one, os.path.join(out_dir, "encrypted.pdf")],
        check=True,
    )
    with open(one, "rb") as f:
        data = f.read()
    with open(os.path.join(out_dir, "truncated.pdf"), "wb") as f:
        f.write(data[: len(data) * 3 // 10])
    with open(os.path.join(out_dir, "corrupt.pdf"), "wb") as f:
        f.write(b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    print(f"make-test-pdfs: wrote 6 PDFs to {out_dir}")


if __name__ == "__main__":
    main()
