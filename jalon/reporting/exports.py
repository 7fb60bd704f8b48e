"""Every table as a formatted XLSX workbook (one sheet per table, a definitions sheet) or as a
CSV for Excel (UTF-8 with BOM, semicolons). Hidden numbers are written « s », as on screen."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from jalon.reporting.definitions import INDICATORS, SCOPE_RULE, anonymisation_rule

HIDDEN = "s"
HEADER_FILL = PatternFill("solid", fgColor="E3E3FD")
BOLD = Font(bold=True)


def _shown(value):
    return HIDDEN if value is None else value


def table_rows(table) -> list[list]:
    """Header, one row per unit, the total row, then the previous period's total."""
    columns = [c.label for c in table.indicator.columns]
    with_total = table.has_row_totals
    header = [table.breakdown_label, *columns, *(["Ensemble"] if with_total else [])]
    rows = [header]
    for row in table.rows:
        rows.append(
            [row.label, *map(_shown, row.values), *([_shown(row.total)] if with_total else [])]
        )
    rows.append(
        [
            f"Total — {table.scope.label}",
            *map(_shown, table.totals),
            *([_shown(table.grand_total)] if with_total else []),
        ]
    )
    rows.append(
        [
            f"Période précédente ({table.previous_period.label})",
            *map(_shown, table.previous_totals),
            *([_shown(table.previous_grand_total)] if with_total else []),
        ]
    )
    return rows


def _title(table) -> str:
    return f"{table.indicator.name} — {table.scope.label} — {table.period.label}"


def as_csv(table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_title(table)])
    if table.anonymised:
        writer.writerow([anonymisation_rule(table.threshold)])
    writer.writerows(table_rows(table))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_title(table) -> str:
    return table.indicator.code.upper()[:31]


def as_xlsx(tables) -> bytes:
    workbook = Workbook()
    definitions = workbook.active
    definitions.title = "Définitions"
    _write_definitions(definitions, tables)
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table))
        sheet.append([_title(table)])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([anonymisation_rule(table.threshold) if table.anonymised else SCOPE_RULE])
        sheet.append([])
        first = sheet.max_row + 1
        for row in table_rows(table):
            sheet.append(row)
        for cell in sheet[first]:
            cell.font = BOLD
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for line in (sheet.max_row - 1, sheet.max_row):
            for cell in sheet[line]:
                cell.font = BOLD
        sheet.freeze_panes = sheet.cell(row=first + 1, column=2)
        sheet.column_dimensions["A"].width = 42
        for index in range(2, sheet.max_column + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 16
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _write_definitions(sheet, tables):
    sheet.append(
        ["Indicateur", "Feuille", "Qui est compté", "À quelle date", "Sur quelle période", "Source"]
    )
    for cell in sheet[1]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
    for table in tables:
        indicator = INDICATORS[table.indicator.code]
        sheet.append(
            [
                indicator.name,
                _sheet_title(table),
                indicator.counted,
                indicator.counted_on,
                indicator.period_rule,
                indicator.source,
            ]
        )
    sheet.append([])
    sheet.append(["Périmètre", SCOPE_RULE])
    if tables and tables[0].anonymised:
        sheet.append(["Secret statistique", anonymisation_rule(tables[0].threshold)])
    for letter, width in zip("ABCDEF", (40, 16, 60, 40, 30, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
