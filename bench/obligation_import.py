"""Benchmark: importing a rectorat's list of school leavers of N lines (default 5000).

Runs against the demo database (load it first: `make demo` or `jalon demo-data`), as the
Toulouse counsellor, inside a transaction rolled back at the end: nothing stays.

    JALON_DEMO=1 .venv/bin/python bench/obligation_import.py [N]
"""

import datetime
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from jalon.accounts.models import User  # noqa: E402
from jalon.obligation import services  # noqa: E402


class RolledBack(Exception):
    pass


def main(lines: int) -> None:
    counsellor = User.objects.get(email="conseiller@demo.jalon.test")
    born = timezone.localdate() - datetime.timedelta(days=17 * 365)
    rows = ["NOM;PRENOM;DATE NAISSANCE;ETABLISSEMENT;CLASSE"] + [
        f"NOM{n};Prénom{n};{born - datetime.timedelta(days=n % 300):%d/%m/%Y};Lycée Gallieni;2nde"
        for n in range(lines)
    ]
    raw = "\n".join(rows).encode("cp1252")
    mapping = {"last_name": 0, "first_names": 1, "birth_date": 2, "establishment": 3}
    try:
        with transaction.atomic():
            started = time.perf_counter()
            leaver_list = services.leaver_list_upload(
                actor=counsellor, file_name="bench.csv", raw=raw
            )
            uploaded = time.perf_counter()
            plan = services.plan_import(leaver_list=leaver_list, mapping=mapping)
            planned = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                result = services.leaver_list_import(
                    actor=counsellor, leaver_list=leaver_list, mapping=mapping
                )
            imported = time.perf_counter()
            print(f"{lines} lignes ({len(raw) / 1024:.0f} ko), {connection.vendor}")
            print(f"  dépôt (lecture, chiffrement) : {uploaded - started:.2f} s")
            print(f"  aperçu ({len(plan.new)} à créer)       : {planned - uploaded:.2f} s")
            print(
                f"  import ({result.created} créées)        : {imported - planned:.2f} s, "
                f"{len(queries)} requêtes"
            )
            raise RolledBack
    except RolledBack:
        pass


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
