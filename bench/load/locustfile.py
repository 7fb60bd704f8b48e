"""200 counsellors at work, with think time (`make load-test`, bench/load/README.md).

Each simulated counsellor signs in with one of the national dataset's accounts (password
`jalon-demo`), then, every 5 to 15 seconds, opens the worklist, searches a name of their
portfolio (now and then with a typo), opens a file, or, in a few percent of the actions,
records an interview (a planned appointment of their portfolio marked as held). The accounts
and their files are read once from the database (`DATABASE_URL`) before the run.
"""

import os
import random
import re
import threading

import psycopg
from locust import HttpUser, between, events, task

PASSWORD = "jalon-demo"  # noqa: S105 - the national dataset's published demo password
CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')
FORM_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

ACCOUNTS = []
_next = iter(())
_lock = threading.Lock()


@events.init.add_listener
def load_accounts(environment, **kwargs):
    """The first 400 counsellors of the network with a portfolio, their files and planned
    appointments (enough for every simulated user to take a different account)."""
    global _next
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wt_scaleout")
    with psycopg.connect(url) as connection:
        counsellors = connection.execute(
            """SELECT u.id, u.email FROM accounts_user u
               WHERE u.role = 'counsellor' AND u.is_active AND u.email LIKE %s
                 AND EXISTS (SELECT 1 FROM youngpeople_youngperson y WHERE y.referent_id = u.id)
               ORDER BY u.id LIMIT 400""",
            ["%.jalon.test"],
        ).fetchall()
        for user_id, email in counsellors:
            files = connection.execute(
                """SELECT uid::text, last_name FROM youngpeople_youngperson
                   WHERE referent_id = %s AND status = 'active' ORDER BY id LIMIT 30""",
                [user_id],
            ).fetchall()
            planned = connection.execute(
                """SELECT a.uid::text FROM scheduling_appointment a
                   JOIN youngpeople_youngperson y ON y.id = a.young_person_id
                   WHERE a.counsellor_id = %s AND a.status = 'planned'
                     AND a.starts_at < now() ORDER BY a.id LIMIT 20""",
                [user_id],
            ).fetchall()
            if files:
                ACCOUNTS.append((email, files, [uid for (uid,) in planned]))
    random.Random(9).shuffle(ACCOUNTS)
    _next = iter(ACCOUNTS)


def typo(name: str) -> str:
    """Swap two letters in the middle (what a hurried counsellor types)."""
    if len(name) < 5:
        return name
    i = len(name) // 2
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


class Counsellor(HttpUser):
    wait_time = between(5, 15)

    def on_start(self):
        with _lock:
            self.email, self.files, self.planned = next(_next)
        page = self.client.get("/connexion/", name="connexion (formulaire)")
        token = FORM_CSRF.search(page.text).group(1)
        with self.client.post(
            "/connexion/",
            {"username": self.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="connexion",
            catch_response=True,
        ) as response:
            if not response.url.endswith("/liste-de-travail/"):
                response.failure(f"connexion arrivée sur {response.url}")
        self.csrf = CSRF.search(response.text).group(1) if response.ok else ""

    @task(8)
    def worklist(self):
        self.client.get("/liste-de-travail/", name="liste de travail")

    @task(6)
    def search(self):
        _, last_name = random.choice(self.files)
        term = typo(last_name) if random.random() < 0.3 else last_name
        self.client.get("/jeunes/", params={"q": term}, name="recherche")

    @task(8)
    def file(self):
        uid, _ = random.choice(self.files)
        self.client.get(f"/jeunes/{uid}/", name="dossier")

    @task(1)
    def interview(self):
        if not self.planned:
            return
        uid = self.planned.pop()
        self.client.post(
            f"/rendez-vous/{uid}/statut/",
            {"status": "present"},
            headers={"HX-Request": "true", "X-CSRFToken": self.csrf},
            name="entretien enregistré",
        )
