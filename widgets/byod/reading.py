"""From an uploaded file's bytes to CSV rows: the encoding, characters that are not text, the delimiter, and rows
that cannot be read, each named in a `Problem`.

Lean on memory (an upload can be 50 MB): the text is decoded once and walked line by line without copying it
into a list or a StringIO (which holds four bytes a character). A row that cannot be read does not stop the rest:
a cell longer than csv's field limit, or a quote mark opened and never closed (which would swallow every line
after it into one cell), costs that one row, and the lines after it are read again as rows of their own.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from widgets import fmt
from widgets.byod import schema as S
from widgets.byod.problems import Problem, Stop, show
from widgets.i18n import N_, _, ngettext

# The words are marked for the catalogue and translated where a message is written.
DELIMITERS = {",": N_("commas"), ";": N_("semicolons (;)"), "\t": N_("tabs"), "|": N_("vertical bars (|)")}
# Whole phrases per delimiter: French gives the words different genders ("une virgule", "un point-virgule").
UNQUOTED = {",": N_("perhaps a text contains an unquoted comma"),
            ";": N_("perhaps a text contains an unquoted semicolon"),
            "\t": N_("perhaps a text contains an unquoted tab"),
            "|": N_("perhaps a text contains an unquoted vertical bar")}
UNQUOTED_OTHER = N_("perhaps a text contains an unquoted delimiter")

# Magic numbers of files people upload by mistake instead of a CSV export.
NOT_CSV = [
    (b"PK\x03\x04", N_("an Excel workbook or a zip archive")),
    (b"\xd0\xcf\x11\xe0", N_("an old-style Excel (.xls) or Word file")),
    (b"%PDF", N_("a PDF document")),
    (b"\x1f\x8b", N_("a gzip-compressed file")),
    (b"\x89PNG", N_("a PNG image")),
    (b"\xff\xd8\xff", N_("a JPEG image")),
]
LINE_END = re.compile(r"\r\n|\r|\n")
# Characters that are not text: NUL and the other C0 controls but tab and line breaks, and DEL.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Unicode direction controls (embeddings, overrides, isolates, marks): an override makes a name display in an
# order other than the one it is written in, the "Trojan Source" trick.
BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# ---- bytes to text ---------------------------------------------------------------------------------------

def decode(content: bytes, problems: list[Problem]) -> str:
    """The file's text: UTF-8 (with or without BOM), UTF-16 (with or without BOM) or Latin-1, each but UTF-8 with a
    note; files of another kind or binary data end in a problem (Stop)."""
    for magic, what in NOT_CSV:
        if content.startswith(magic):
            problems.append(Problem(None, None, _("This is not a CSV file: it looks like {what}. Export the data "
                                                  "from ACLED or UCDP GED as CSV and upload that file.").format(
                what=_(what))))
            raise Stop
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _utf16(content, "utf-16", problems, _("The file starts with a UTF-16 marker but is not valid UTF-16 "
                                                     "text. Save it again as CSV (UTF-8) and upload that."))
        problems.append(Problem(None, None, _("The file was read as UTF-16 text (as Excel's 'Unicode text' saves "
                                              "it)."), "note"))
        return _binary_check(text, problems)
    if (bom_less := _utf16_without_bom(content)) is not None:
        text = _utf16(content, bom_less, problems, _("The file looks like UTF-16 text without a byte-order mark, "
                                                     "but it is not valid UTF-16. Save it again as CSV (UTF-8) and "
                                                     "upload that."))
        problems.append(Problem(None, None, _("The file was read as UTF-16 text ({order}) although it has no "
                                              "byte-order mark; check that names look right, or save it again as "
                                              "CSV (UTF-8).").format(order=bom_less[-2:].upper()), "note"))
        return _binary_check(text, problems)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        text = content.decode("latin-1")
        problems.append(Problem(None, None, _("The file is not valid UTF-8 (first bad byte at position {position}); "
                                              "it was read as Latin-1 instead, so check that accented names (e.g. "
                                              "Ségou) look right.").format(position=err.start), "note"))
    return _binary_check(text, problems)


def _utf16(content: bytes, codec: str, problems: list[Problem], message: str) -> str:
    try:
        return content.decode(codec)
    except UnicodeDecodeError:
        problems.append(Problem(None, None, message))
        raise Stop from None


def _utf16_without_bom(content: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte of the start is NUL (ASCII text saved as UTF-16)."""
    sample = content[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _binary_check(text: str, problems: list[Problem]) -> str:
    sample = text[:100_000]
    control = len(CONTROL.findall(sample))
    if sample and control / len(sample) > 0.01:
        problems.append(Problem(None, None, _("This does not look like a CSV text file: it contains binary data "
                                              "({control} control characters in the first {sample}). Upload the CSV "
                                              "export itself; if it is one, save it again as CSV (UTF-8).").format(
            control=fmt.number(control), sample=fmt.number(len(sample)))))
        raise Stop
    return text


def _line_of(text: str, position: int) -> int:
    return len(LINE_END.findall(text, 0, position)) + 1


def clean(text: str, problems: list[Problem]) -> str:
    """The text without characters that are not text (NUL bytes, other controls) or that reorder how it displays
    (direction controls), each kind removed with a note saying how many and where the first was."""
    for pattern, control in [(CONTROL, True), (BIDI, False)]:
        first = pattern.search(text)
        if first is None:
            continue
        count = len(pattern.findall(text))
        if control:
            said = ngettext("The file held {n} control character that is not text (such as NUL bytes), which would "
                            "be carried into downloads and tables, on line {line}; it was removed.",
                            "The file held {n} control characters that are not text (such as NUL bytes), which "
                            "would be carried into downloads and tables, the first on line {line}; they were removed.",
                            count)
        else:
            said = ngettext("The file held {n} direction control character (such as a right-to-left override, which "
                            "makes a name display in another order than it is written), on line {line}; it was "
                            "removed.",
                            "The file held {n} direction control characters (such as a right-to-left override, "
                            "which makes a name display in another order than it is written), the first on line "
                            "{line}; they were removed.", count)
        problems.append(Problem(None, None, said.format(n=fmt.number(count),
                                                        line=fmt.number(_line_of(text, first.start()))), "note"))
        text = pattern.sub("", text)
    return text


def clean_name(name: str) -> str:
    """A file name as shown on the page: no control or direction control characters."""
    return BIDI.sub("", CONTROL.sub("", str(name)))


# ---- text to rows -----------------------------------------------------------------------------------------

def norm(name: str) -> str:
    return str(name).strip().strip('"').strip().lstrip("\ufeff").lower()


def sniff_delimiter(text: str, problems: list[Problem]) -> str:
    """Pick the delimiter by how many known column names it splits out of the header line."""
    first = re.search(r"[^\r\n]+", text)
    header = first.group(0) if first else ""
    known = {c for layout in S.LAYOUTS for c in layout.known}
    scores = {}
    for delim in DELIMITERS:
        try:
            names = next(csv.reader([header], delimiter=delim))
        except (csv.Error, StopIteration):
            names = []
        scores[delim] = sum(norm(n) in known for n in names)
    best = max(scores, key=lambda d: (scores[d], d == ","))
    if scores[best] == 0:
        try:
            best = csv.Sniffer().sniff(header, delimiters="".join(DELIMITERS)).delimiter
        except csv.Error:
            best = ","
    if best != ",":
        problems.append(Problem(None, None, _("The columns are separated by {delimiter}, not commas; the file was "
                                              "read that way.").format(delimiter=_(DELIMITERS[best])), "note"))
    return best


class _Lines:
    """The text's physical lines (ends kept, as csv wants them), with the lines of the current record kept so that
    they can be given back and read again."""

    def __init__(self, text: str) -> None:
        self._source = self._split(text)
        self._again: list[str] = []  # lines given back, last first
        self.taken: list[str] = []

    @staticmethod
    def _split(text: str) -> Iterator[str]:
        start = 0
        for end in LINE_END.finditer(text):
            yield text[start:end.end()]
            start = end.end()
        if start < len(text):
            yield text[start:]

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._again.pop() if self._again else next(self._source)
        self.taken.append(line)
        return line

    def give_back(self, lines: list[str]) -> None:
        self._again.extend(reversed(lines))


class Rows:
    """The header and then the data rows of the text; rows that cannot be read become problems."""

    def __init__(self, text: str, delim: str, problems: list[Problem]) -> None:
        self._lines = _Lines(text)
        self._delim = delim
        self._problems = problems
        self._reader = self._new_reader()

    def _new_reader(self):  # type: ignore[no-untyped-def]
        return csv.reader(self._lines, delimiter=self._delim, strict=False)

    def header(self) -> list[str]:
        while True:
            try:
                fields = next(self._reader)
            except StopIteration:
                self._problems.append(Problem(None, None, _("The file is empty: it has no header row and no data.")))
                raise Stop from None
            except csv.Error as err:
                self._problems.append(Problem(None, None, _("The header row cannot be read as CSV ({reason}).")
                                              .format(reason=_reason(err))))
                raise Stop from None
            if any(f.strip() for f in fields):  # blank lines before the header are skipped
                return fields

    def data(self, width: int) -> Iterator[tuple[int, list[str]]]:
        """(row number, fields) of each non-blank row with `width` fields; every other row is a problem."""
        number = 0
        while True:
            self._lines.taken = []
            try:
                fields = next(self._reader)
            except StopIteration:
                return
            except csv.Error as err:
                number += 1
                self._read_again_after(number, _("Row {row} cannot be read as CSV ({reason}); it was left out and "
                                                 "the lines after it were read on.").format(row=number,
                                                                                           reason=_reason(err)))
                continue
            number += 1
            if len(self._lines.taken) > 1 and (len(fields) != width or self._holds_rows(width)):
                swallowed = len(self._lines.taken) - 1
                self._read_again_after(number, ngettext(
                    "Row {row} opens a quote mark (\") that is not closed where the row ends, so the {n} line after "
                    "it was read into one of its cells; row {row} was left out and those lines were read again as "
                    "rows of their own.",
                    "Row {row} opens a quote mark (\") that is not closed where the row ends, so the {n} lines after "
                    "it were read into one of its cells; row {row} was left out and those lines were read again as "
                    "rows of their own.", swallowed).format(row=number, n=fmt.number(swallowed)))
                continue
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != width:
                why = (_("the row may be cut short") if len(fields) < width else
                       _(UNQUOTED.get(self._delim, UNQUOTED_OTHER)))
                self._problems.append(Problem(number, None, _("Row {row} has {values} values but the header has "
                                                              "{columns} columns ({why}).").format(
                    row=number, values=len(fields), columns=width, why=why)))
                continue
            yield number, fields

    def _holds_rows(self, width: int) -> bool:
        """True when a line this record took in after its first reads, on its own, as a full row: a quote was
        opened and never closed, not a cell that really spans lines (its next lines hold the cell's text)."""
        for line in self._lines.taken[1:4]:
            try:
                if len(next(csv.reader([line], delimiter=self._delim, strict=False), [])) == width:
                    return True
            except csv.Error:
                continue
        return False

    def _read_again_after(self, number: int, message: str) -> None:
        """Leave out the first line of the record that failed and read the ones after it again."""
        self._problems.append(Problem(number, None, message))
        self._lines.give_back(self._lines.taken[1:])
        self._reader = self._new_reader()  # a fresh reader: no half-read quote carried over


def _reason(err: csv.Error) -> str:
    if "field larger than field limit" in str(err):
        return _("a cell is longer than {n} characters").format(n=fmt.number(csv.field_size_limit()))
    return show(str(err), 80).strip("'")
