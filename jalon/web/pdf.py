"""Documents handed to young people and partners (fpdf2, core fonts, latin-1).

One layout for every Jalon PDF: the Mission Locale's name, a title, the person's name, then
sections of lines; a footer with the title and the page number.
"""

from fpdf import FPDF

# Core fonts only know latin-1: typographic characters outside it get a plain equivalent.
_REPLACEMENTS = {
    "\u0153": "oe",
    "\u0152": "OE",
    "\u2019": "'",
    "\u2018": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u20ac": "EUR",
    "\u202f": " ",
    "\u2009": " ",
    "\u2192": "->",
    "\u2022": "-",
}

BLUE = (0, 0, 145)


def latin1(text: str) -> str:
    text = "".join(_REPLACEMENTS.get(char, char) for char in text or "")
    return text.encode("latin-1", "replace").decode("latin-1")


class JalonPdf(FPDF):
    def __init__(self, *, title: str, author: str, compress: bool = True, body_size: int = 11):
        super().__init__(format="A4")
        self.document_title = title
        self.body_size = body_size
        self.set_compression(compress)
        self.set_title(latin1(title))
        self.set_author(latin1(author))
        self.set_auto_page_break(auto=True, margin=20)
        self.add_page()

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "I", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 10, latin1(f"{self.document_title} - page {self.page_no()}/{{nb}}"), align="C")

    def line(self, text, size=None, style="", height=None, color=(0, 0, 0)):
        size = size or self.body_size
        self.set_font("Helvetica", style, size)
        self.set_text_color(*color)
        self.multi_cell(0, height or size / 2, latin1(text), new_x="LMARGIN", new_y="NEXT")

    def heading(self, text):
        self.line(text, size=14, style="B", height=8, color=BLUE)

    def header_block(self, *, organisation: str, person: str):
        """The Mission Locale, the document's title and whom it is about."""
        self.line(organisation, size=10, color=BLUE)
        self.ln(2)
        self.line(self.document_title, size=20, style="B", height=10)
        self.line(person, size=14, style="B")

    def to_bytes(self) -> bytes:
        return bytes(self.output())
