"""Demo data of the scheduling app, loaded by `jalon demo-data` after the young people."""


def load(today) -> int:
    """Create the demo records; return how many were created."""
    return 0
