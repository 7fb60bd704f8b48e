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


def _table_sheet(workbook, table) -> None:
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


def _saved(workbook) -> bytes:
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def as_xlsx(tables) -> bytes:
    workbook = Workbook()
    definitions = workbook.active
    definitions.title = "Définitions"
    _write_definitions(definitions, tables)
    for table in tables:
        _table_sheet(workbook, table)
    return _saved(workbook)


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


def _sheet_name(label: str, taken: set) -> str:
    """An Excel sheet name (31 characters, no []:*?/\\), unique in the workbook."""
    name = "".join(c for c in label if c not in "[]:*?/\\")[:28]
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name[:25]} ({n})", n + 1
    taken.add(candidate)
    return candidate


def _write_rows(sheet, rows, *, header=True):
    first = sheet.max_row + 1
    for row in rows:
        sheet.append(row)
    if header:
        for cell in sheet[first]:
            cell.font = BOLD
            cell.fill = HEADER_FILL
    sheet.column_dimensions["A"].width = 60
    for index in range(2, max(sheet.max_column, 2) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 18


def ase_yearly_sheets(table) -> bytes:
    """The convention's yearly sheet (seed 002 §5): for each Département, its six figures of
    the civil year, as at 31 December."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken = set()
    columns = table.indicator.columns
    for row in table.rows or []:
        sheet = workbook.create_sheet(_sheet_name(row.label, taken))
        sheet.append([f"Fiche annuelle au 31 décembre {table.period.end.year} — {row.label}"])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([f"{table.scope.label} — {table.period.label}"])
        if table.anonymised:
            sheet.append([anonymisation_rule(table.threshold)])
        sheet.append([])
        _write_rows(
            sheet,
            [["Indicateur de la convention", "Nombre de jeunes"]]
            + [
                [column.label, _shown(value)]
                for column, value in zip(columns, row.values, strict=True)
            ],
        )
    if not table.rows:
        sheet = workbook.create_sheet("Fiche annuelle")
        sheet.append([f"Aucun jeune suivi par l'ASE en {table.period.end.year}."])
    _write_definitions(workbook.create_sheet("Définitions"), [table])
    return _saved(workbook)


def justice_transmission(tables, governance=None, barometer=None) -> bytes:
    """The justice agreement's yearly transmission (seed 000, action 3 and annex 3): the
    anonymised follow-up of the young people, then the agreement's governance records and
    the barometer when the reader pilots them."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Synthèse"
    first = tables[0]
    summary.append(
        [
            f"Accord-cadre Justice — transmission annuelle {first.period.end.year} — "
            f"{first.scope.label}"
        ]
    )
    summary["A1"].font = Font(bold=True, size=13)
    summary.append([anonymisation_rule(first.threshold) if first.anonymised else SCOPE_RULE])
    summary.append([])
    rows = [["Indicateur", "Valeur", f"Année précédente ({first.previous_period.label})"]]
    for table in tables:
        if table.has_row_totals:
            continue
        for column, value, previous in zip(
            table.indicator.columns, table.totals, table.previous_totals, strict=True
        ):
            rows.append([column.label, _shown(value), _shown(previous)])
    _write_rows(summary, rows)
    if governance is not None:
        sheet = workbook.create_sheet("Gouvernance")
        _write_rows(
            sheet,
            [["Action de l'accord-cadre", "Nombre", "Participants"]]
            + [[row["label"], row["count"], row["participants"]] for row in governance],
        )
    if barometer is not None:
        sheet = workbook.create_sheet("Baromètre")
        header = ["Groupe", "Réponses", *barometer["questions"], "Connaît les commissions"]
        lines = [[f"Baromètre des coopérations {barometer['year']} : % de satisfaits"], header]
        for group in barometer["groups"]:
            summary_of = group["summary"]
            if summary_of is None:
                lines.append([group["label"], group["answers"], "trop peu de réponses"])
                continue
            lines.append(
                [
                    group["label"],
                    group["answers"],
                    *[q["satisfied_percent"] for q in summary_of["questions"]],
                    summary_of["knows_commissions_percent"],
                ]
            )
        _write_rows(sheet, lines, header=False)
    for table in tables:
        _table_sheet(workbook, table)
    _write_definitions(workbook.create_sheet("Définitions"), tables)
    return _saved(workbook)
