"""Fail tests on ERROR logs.

discord.py never lets a handler's exception reach the caller: app command
errors, view callback errors, ``on_error``... are all *logged* (at ERROR) and
swallowed. A test that only awaits a reply would then time out with no clue,
or worse, pass. Collect every ERROR record and assert there are none.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator


class ErrorLogCollector(logging.Handler):
    """A handler on the root logger that keeps records at ERROR or above."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def format_all(self) -> str:
        """Every record with its traceback, one after the other."""
        formatter = logging.Formatter("%(levelname)s %(name)s: %(message)s")
        return "\n".join(formatter.format(r) for r in self.records)

    def assert_clean(self) -> None:
        """Raise AssertionError listing every collected error (with tracebacks)."""
        if self.records:
            raise AssertionError(f"{len(self.records)} error(s) were logged:\n{self.format_all()}")

    def clear(self) -> None:
        self.records.clear()


@contextlib.contextmanager
def collect_error_logs(*, check: bool = True) -> Iterator[ErrorLogCollector]:
    """Collect ERROR logs for the block; if ``check``, fail at exit on any.

    The check is skipped when the block already raises, so the original
    failure is not masked.
    """
    collector = ErrorLogCollector()
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        yield collector
    except BaseException:
        raise
    else:
        if check:
            collector.assert_clean()
    finally:
        root.removeHandler(collector)
