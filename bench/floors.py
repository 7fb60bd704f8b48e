"""The floor of each page: the bare SQL that fetches the same data, written by hand.

Each function runs the statements once on a cursor; run.py times them like the pages. They read
what the page shows (or write what the action writes), nothing more: the distance between a page
and its floor is what the ORM, the policy, the templates and any extra query cost.
"""

import datetime

from jalon.audit import services as audit_services


def account(cursor, *, user_id):
    """The session and the account, what every page reads before its own data."""
    cursor.execute(
        "SELECT session_data FROM django_session WHERE session_key = 'x' AND expire_date > now()"
    )
    cursor.fetchall()
    cursor.execute("SELECT * FROM accounts_user WHERE id = %s", [user_id])
    cursor.fetchall()


def worklist(cursor, *, user_id, ml_id, queue_rules, today, day_start, day_end):
    """Live alerts with their file's name, today's appointments, the portfolio counters."""
    params = {
        "user": user_id,
        "ml": ml_id,
        "rules": list(queue_rules),
        "today": today,
        "start": day_start,
        "end": day_end,
    }
    cursor.execute(
        "SELECT a.id, a.uid, a.rule, a.level, a.due_date, a.params, a.subject_uid,"
        " y.uid, y.last_name, y.first_names FROM alerts_alert a"
        " LEFT JOIN youngpeople_youngperson y ON y.id = a.young_person_id"
        " WHERE a.mission_locale_id = %(ml)s AND (a.counsellor_id = %(user)s"
        " OR (a.counsellor_id IS NULL AND a.rule = ANY(%(rules)s)))"
        " AND (a.status = 'open' OR (a.status = 'snoozed' AND a.snoozed_until <= %(today)s))"
        " AND NOT EXISTS (SELECT 1 FROM youngpeople_youngperson m WHERE m.id = a.young_person_id"
        " AND (m.merged_into_id IS NOT NULL OR m.anonymised_at IS NOT NULL))"
        " ORDER BY a.level DESC, a.due_date, a.id",
        params,
    )
    cursor.fetchall()
    cursor.execute(
        "SELECT p.id, p.uid, p.starts_at, p.duration_minutes, p.mode, p.place, p.subject,"
        " p.status, y.uid, y.last_name, y.first_names FROM scheduling_appointment p"
        " JOIN youngpeople_youngperson y ON y.id = p.young_person_id"
        " WHERE p.counsellor_id = %(user)s AND p.starts_at >= %(start)s AND p.starts_at < %(end)s"
        " AND y.mission_locale_id = %(ml)s ORDER BY p.starts_at",
        params,
    )
    cursor.fetchall()
    cursor.execute(
        "SELECT count(*) FROM youngpeople_youngperson"
        " WHERE referent_id = %(user)s AND mission_locale_id = %(ml)s AND status = 'active'",
        params,
    )
    cursor.fetchall()
    cursor.execute(
        "SELECT w.kind, count(*) FROM pathways_pathway w"
        " JOIN youngpeople_youngperson y ON y.id = w.young_person_id"
        " WHERE y.referent_id = %(user)s AND y.mission_locale_id = %(ml)s AND y.status = 'active'"
        " AND w.start_date <= %(today)s AND w.end_date IS NULL GROUP BY w.kind",
        params,
    )
    cursor.fetchall()


def login(cursor, *, email, **worklist_params):
    """The account by its e-mail, the new session, then the worklist."""
    cursor.execute(
        "SELECT id, password, is_active, role, organisation_id FROM accounts_user"
        " WHERE upper(email) = upper(%s)",
        [email],
    )
    cursor.fetchall()
    cursor.execute(
        "INSERT INTO django_session (session_key, session_data, expire_date)"
        " VALUES (md5(random()::text), 'x', now() + interval '1 hour')"
    )
    worklist(cursor, **worklist_params)


def search(cursor, *, names, ml_id, limit):
    """The first page of the trigram search in the Mission Locale, best matches first."""
    cursor.execute(
        "SELECT y.id, y.uid, y.last_name, y.first_names, y.birth_date, y.status,"
        " word_similarity(%(q)s, y.search_name) AS s FROM youngpeople_youngperson y"
        " WHERE y.mission_locale_id = %(ml)s AND y.search_name %%> %(q)s"
        " AND y.status NOT IN ('merged', 'anonymised')"
        " ORDER BY s DESC, y.last_name, y.first_names LIMIT %(limit)s",
        {"q": names, "ml": ml_id, "limit": limit},
    )
    cursor.fetchall()


TIMELINE = """
SELECT 'appointment', p.starts_at::date, p.status, p.subject FROM scheduling_appointment p
 WHERE p.young_person_id = %(yp)s
UNION ALL SELECT 'participation', s.starts_at::date, t.status, s.title
 FROM scheduling_participation t JOIN scheduling_collectivesession s ON s.id = t.session_id
 WHERE t.young_person_id = %(yp)s
UNION ALL SELECT 'situation', start_date, kind, organisation_name FROM pathways_situation
 WHERE young_person_id = %(yp)s
UNION ALL SELECT 'pathway', start_date, kind, exit_reason FROM pathways_pathway
 WHERE young_person_id = %(yp)s
UNION ALL SELECT 'proposal', proposed_on, kind, status FROM pathways_proposal
 WHERE young_person_id = %(yp)s
UNION ALL SELECT 'pmsmp', start_date, employer_name, outcome FROM pathways_pmsmp
 WHERE young_person_id = %(yp)s
UNION ALL SELECT 'reception', received_on, mode, outcome FROM reception_firstreception
 WHERE young_person_id = %(yp)s
UNION ALL SELECT 'diagnostic', started_on, recommended_next_step, '' FROM reception_diagnostic
 WHERE young_person_id = %(yp)s
UNION ALL SELECT 'liaison', sent_at::date, direction, status FROM referrals_liaisonform
 WHERE young_person_id = %(yp)s
UNION ALL SELECT 'document', uploaded_at::date, kind, original_name FROM youngpeople_document
 WHERE young_person_id = %(yp)s
UNION ALL SELECT 'consent', given_on, method, '' FROM referrals_consent
 WHERE young_person_id = %(yp)s
ORDER BY 2 DESC
"""


def file_page(cursor, *, young_person_id):
    """The file with its places and referent, its priority publics, its whole timeline."""
    cursor.execute(
        "SELECT y.*, c.name, d.name, o.name, s.name, u.first_name, u.last_name"
        " FROM youngpeople_youngperson y"
        " LEFT JOIN network_commune c ON c.id = y.commune_id"
        " LEFT JOIN network_departement d ON d.id = c.departement_id"
        " JOIN network_organisation o ON o.id = y.mission_locale_id"
        " LEFT JOIN network_site s ON s.id = y.site_id"
        " LEFT JOIN accounts_user u ON u.id = y.referent_id WHERE y.id = %s",
        [young_person_id],
    )
    cursor.fetchall()
    cursor.execute(
        "SELECT public, detail, start_date, end_date FROM youngpeople_prioritypublicperiod"
        " WHERE young_person_id = %s",
        [young_person_id],
    )
    cursor.fetchall()
    cursor.execute(TIMELINE, {"yp": young_person_id})
    cursor.fetchall()


def interview(cursor, *, appointment_id, user_id):
    """The appointment, its new status, the line of its status log, the audit journal's entry
    (chained to the previous one under the journal's lock, as every write must be)."""
    cursor.execute(
        "SELECT p.*, y.mission_locale_id FROM scheduling_appointment p"
        " JOIN youngpeople_youngperson y ON y.id = p.young_person_id WHERE p.id = %s",
        [appointment_id],
    )
    cursor.fetchall()
    cursor.execute(
        "UPDATE scheduling_appointment SET status = 'present' WHERE id = %s", [appointment_id]
    )
    cursor.execute(
        "INSERT INTO scheduling_appointmentstatuschange"
        " (changed_at, from_status, to_status, reason, appointment_id, changed_by_id)"
        " VALUES (now(), 'planned', 'present', '', %s, %s)",
        [appointment_id, user_id],
    )
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [audit_services._CHAIN_LOCK_KEY])
    cursor.execute("SELECT hash FROM audit_auditentry ORDER BY id DESC LIMIT 1")
    cursor.fetchall()
    cursor.execute(
        "INSERT INTO audit_auditentry (at, actor_label, channel, action, object_type, object_id,"
        " changes, actor_id, hash, previous_hash)"
        " VALUES (now(), '', 'web', 'update', 'appointment', %s, '{}', %s, md5(random()::text),"
        " '')",
        [str(appointment_id), user_id],
    )


def replay(statements):
    """A floor made of statements captured from the code itself (indicators, alert refresh):
    the same reads, sent bare, without the Python that builds and uses them."""

    def run(cursor):
        for sql, params in statements:
            cursor.execute(sql, params)
            if cursor.description is not None:
                cursor.fetchall()

    return run


def day_bounds(day: datetime.date, tz):
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)
    return start, start + datetime.timedelta(days=1)
