"""Bulk writing for the national dataset.

Rows are tab-separated text lines sent with COPY, one statement per table and chunk, by a writer
thread: PostgreSQL ingests a chunk while Python builds the next one (two cores busy, not one).
Secondary indexes, unique and foreign-key constraints of the big tables are dropped around the
load and recreated from PostgreSQL's own definitions, so they come back exactly as the
migrations made them. Everything happens in the caller's transaction: a failure leaves nothing.
"""

import queue
import threading
import time
from collections import Counter

NULL = "\\N"


def suspend_constraints(cursor, tables) -> dict[str, list[str]]:
    """Drop the secondary indexes and the unique and foreign-key constraints of `tables`;
    return, by table, the statements that recreate them (foreign keys point at primary keys,
    which stay, so the tables can be restored in any order)."""
    restore = {}
    for table in tables:
        uniques, indexes, foreign_keys = [], [], []
        cursor.execute(
            "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY conname",
            [table],
        )
        for name, kind, definition in cursor.fetchall():
            statement = f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'
            (foreign_keys if kind == "f" else uniques).append(statement)
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema() AND tablename = %s AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass) ORDER BY indexname",
            [table, table],
        )
        for name, definition in cursor.fetchall():
            indexes.append(definition)
            cursor.execute(f'DROP INDEX "{name}"')
        restore[table] = uniques + indexes + foreign_keys
    return restore


def reset_sequences(cursor, tables) -> None:
    # Table names come from the code, never from input.
    for table in tables:
        top = f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"'  # noqa: S608
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), ({top}), false)"
        )


class Writer:
    """COPY chunks of lines in a thread of its own, on the caller's connection and transaction.

    `put({table: [line, ...]})` queues a chunk; `close()` waits for the last one and re-raises
    any database error in the caller's thread.
    """

    def __init__(self, connection, columns: dict[str, tuple[str, ...]]):
        self.connection = connection
        self.statements = {
            table: f'COPY "{table}" ({", ".join(cols)}) FROM STDIN'
            for table, cols in columns.items()
        }
        self.counts = Counter()
        self.error = None
        self.queue = queue.Queue(maxsize=2)
        self.thread = threading.Thread(target=self._run, name="national-copy", daemon=True)
        self.thread.start()

    def put(self, chunk: dict[str, list[str]]) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(chunk)

    def close(self) -> Counter:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.counts

    def _run(self):
        try:
            with self.connection.cursor() as cursor:
                while (chunk := self.queue.get()) is not None:
                    for table, lines in chunk.items():
                        if lines:
                            with cursor.copy(self.statements[table]) as copy:
                                copy.write("".join(lines))
                            self.counts[table] += len(lines)
        except BaseException as error:
            self.error = error
            while self.queue.get() is not None:
                pass


def number(value) -> str:
    """12 345 678, as written in French."""
    return f"{value:,.0f}".replace(",", "\u202f")


class Progress:
    """One line per step on stdout, with rows per second."""

    def __init__(self, write):
        self.write = write
        self.started = time.monotonic()
        self.step_started = self.started

    def step(self, label: str, rows: int | None = None) -> None:
        now = time.monotonic()
        elapsed = now - self.step_started
        rate = f" — {number(rows / elapsed)} lignes/s" if rows and elapsed else ""
        count = f" : {number(rows)} lignes" if rows is not None else ""
        self.write(f"[{now - self.started:7.1f} s] {label}{count} en {elapsed:.1f} s{rate}")
        self.step_started = now

    @property
    def total(self) -> float:
        return time.monotonic() - self.started
