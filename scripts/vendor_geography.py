"""Vendor French administrative geography into jalon/network/data/.

Why: Jalon needs the list of regions, départements and communes (with postal
codes) at run time and in tests, without network access. The data comes from
the npm package @etalab/decoupage-administratif (INSEE COG + La Poste postal
codes, Licence Ouverte). This script fetches a pinned version with
`npm pack`, reads its JSON files and writes small, sorted, deterministic CSV
files that are committed to the repository.

Only metropolitan France and the overseas départements (971-976) are kept;
the overseas collectivities (975, 977, 978, 984, 986-989) are left out.

Usage: python scripts/vendor_geography.py
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"

REPO_ROOT = Path(__file__).resolve().parent.parent
OUTPUT_DIR = REPO_ROOT / "jalon" / "network" / "data"

# "metro" = metropolitan France, "drom" = overseas départements/regions.
# "com" (overseas collectivities) is deliberately excluded.
KEPT_ZONES = {"metro", "drom"}
CURRENT_COMMUNE = "commune-actuelle"


def fetch_package(workdir: Path) -> tuple[Path, str]:
    """Download the package tarball with npm and extract it.

    Returns the extracted package directory and the tarball's SHA-1.
    """
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("error: npm is required (apt-get install npm)")
    # Fixed argument list, no shell: nothing here comes from user input.
    subprocess.run(  # noqa: S603
        [npm, "pack", "--silent", f"{PACKAGE}@{VERSION}"],
        cwd=workdir,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    tarballs = sorted(workdir.glob("*.tgz"))
    if len(tarballs) != 1:
        sys.exit(f"error: expected one tarball from npm pack, got {tarballs}")
    tarball = tarballs[0]
    # SHA-1 only to match the `shasum` npm publishes for the tarball.
    sha1 = hashlib.sha1(tarball.read_bytes(), usedforsecurity=False).hexdigest()
    extract_dir = workdir / "extracted"
    with tarfile.open(tarball, "r:gz") as archive:
        archive.extractall(extract_dir, filter="data")
    # npm tarballs put everything under a top-level "package/" directory.
    return extract_dir / "package", sha1


def load_json(package_dir: Path, name: str) -> list[dict]:
    with open(package_dir / "data" / f"{name}.json", encoding="utf-8") as fh:
        return json.load(fh)


def build_regions(raw: list[dict]) -> list[list[str]]:
    return sorted([r["code"], r["nom"]] for r in raw if r["zone"] in KEPT_ZONES)


def build_departements(raw: list[dict], region_codes: set[str]) -> list[list[str]]:
    rows = []
    for d in raw:
        if d["zone"] not in KEPT_ZONES:
            continue
        if d["region"] not in region_codes:
            sys.exit(f"error: département {d['code']} has unknown region {d['region']}")
        rows.append([d["code"], d["nom"], d["region"]])
    return sorted(rows)


def build_communes(
    raw: list[dict], departement_codes: set[str]
) -> tuple[list[list[str]], list[str]]:
    """Return (rows, codes of communes skipped for lack of a postal code)."""
    current = {
        c["code"]: c for c in raw if c["type"] == CURRENT_COMMUNE and c["zone"] in KEPT_ZONES
    }
    postal_codes = {code: set(c.get("codesPostaux", [])) for code, c in current.items()}

    # Fold the postal codes of sub-communal entities into their parent commune:
    # arrondissements municipaux (Paris, Lyon, Marseille) point to it through
    # "commune", communes déléguées / associées through "chefLieu".
    for c in raw:
        if c["type"] == CURRENT_COMMUNE:
            continue
        parent = c.get("commune") or c.get("chefLieu")
        if parent in postal_codes:
            postal_codes[parent].update(c.get("codesPostaux", []))

    rows = []
    skipped = []
    for code, c in current.items():
        if c["departement"] not in departement_codes:
            sys.exit(f"error: commune {code} has unknown département {c['departement']}")
        if not postal_codes[code]:
            skipped.append(code)
            continue
        rows.append([code, c["nom"], c["departement"], " ".join(sorted(postal_codes[code]))])
    return sorted(rows), sorted(skipped)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"wrote {len(rows):>6} rows to {path.relative_to(REPO_ROOT)}")


def data_licence(package_dir: Path) -> str:
    """Describe the licences: package.json covers the code, the README the data."""
    with open(package_dir / "package.json", encoding="utf-8") as fh:
        code_licence = json.load(fh).get("license", "unknown")
    readme = (package_dir / "README.md").read_text(encoding="utf-8")
    data = "Licence Ouverte (Etalab)" if "Licence Ouverte" in readme else "see package README"
    return f"data: {data}; code: {code_licence} (package.json)"


def write_source(package_dir: Path, sha1: str) -> None:
    today = datetime.date.today().isoformat()
    lines = [
        "# Source of the geography CSV files",
        "",
        f"- Package: `{PACKAGE}` version {VERSION} (npm tarball sha1 `{sha1}`)",
        f"- Licence: {data_licence(package_dir)}",
        f"- Generated on {today}; metropolitan France and overseas départements 971-976 only",
        "- Regenerate with: `python scripts/vendor_geography.py`",
    ]
    path = OUTPUT_DIR / "SOURCE.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote SOURCE.md to {path.relative_to(REPO_ROOT)}")


def main() -> None:
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vendor-geography-") as tmp:
        package_dir, sha1 = fetch_package(Path(tmp))

        regions = build_regions(load_json(package_dir, "regions"))
        region_codes = {r[0] for r in regions}
        departements = build_departements(load_json(package_dir, "departements"), region_codes)
        departement_codes = {d[0] for d in departements}
        communes, skipped = build_communes(load_json(package_dir, "communes"), departement_codes)

        write_csv(OUTPUT_DIR / "regions.csv", ["code", "name"], regions)
        write_csv(OUTPUT_DIR / "departements.csv", ["code", "name", "region_code"], departements)
        write_csv(
            OUTPUT_DIR / "communes.csv",
            ["code", "name", "departement_code", "postal_codes"],
            communes,
        )
        write_source(package_dir, sha1)

    print(f"skipped {len(skipped)} communes without any postal code", end="")
    print(f": {' '.join(skipped)}" if skipped else "")


if __name__ == "__main__":
    main()
