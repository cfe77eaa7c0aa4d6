"""What one member may do in a server, so that nobody can flood a channel or bury the moderators.

Three limits, each set per server (`/backlog config`) and each refused with a friendly message:

- **Proposals**: a member's proposals in the last 24 hours, counted from the proposals themselves
  (the `submissions` table), so a restart forgets nothing: a proposal is a moderator's work to
  come, and a member who could reset the count by waiting for a deploy could bury real ones.
- **Unanswered-question records**: how many of one member's unanswerable questions are noted for
  `/fact unanswered` in 24 hours. Counted in memory: a restart gives a member a fresh allowance,
  which costs a few more lines in a list sorted by how often a question was asked, and keeping
  the count in memory writes nothing more on every unanswerable question.
- **A cooldown on public answers** (`/backlog ask` and the other answering commands): seconds
  between one member's answers posted in a channel. In memory: it is seconds long, and a restart
  forgetting it lets a member post one answer sooner. Private answers (`private:True`) reach
  only the member and are not limited.

The limits' settings themselves are kept in the database (`member_limits`, migration
`m008_member_limits`), with a revision, like the server's other settings.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta

from .curation import Actor, Change, Curator
from .render import answer_cooldown_words, proposal_limit_words, unanswered_limit_words

DAY = timedelta(hours=24)
# Past this many members remembered, those whose limits have all let go are forgotten.
PRUNE_AT = 10_000


class LimitReached(ValueError):
    """A member reached one of the server's limits; the message says so and when it lets go."""

    def __init__(self, message: str, *, wait_seconds: float | None = None) -> None:
        super().__init__(message)
        self.wait_seconds = wait_seconds


@dataclass(frozen=True)
class LimitSettings:
    """One server's limits; a server that set none has these defaults."""

    proposals_per_day: int = 5
    unanswered_per_day: int = 20
    answer_cooldown: int = 5  # seconds; 0: no cooldown

    def differences(self, other: LimitSettings) -> dict[str, int]:
        return {k: v for k, v in asdict(other).items() if getattr(self, k) != v}


class MemberLimits:
    """The limits of every server, for one running bot."""

    def __init__(
        self,
        curator: Curator,
        *,
        defaults: LimitSettings | None = None,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.curator = curator
        # What a server that set nothing gets (the operator's choice; tests turn the limits off).
        self.defaults = defaults or LimitSettings()
        self.clock = clock
        self.now = now
        self._settings: dict[str, LimitSettings] = {}
        self._last_answer: dict[tuple[str, str], float] = {}
        self._unanswered: dict[tuple[str, str], deque[float]] = {}
        self._told: set[tuple[str, str]] = set()

    # -- settings ----------------------------------------------------------------

    def settings(self, server: str) -> LimitSettings:
        """A server's limits (read once, then kept: only `configure` changes them)."""
        if server not in self._settings:
            row = self.curator.store.member_limits(server)
            given = {k: v for k, v in (row or {}).items() if k != "server" and v is not None}
            self._settings[server] = replace(self.defaults, **given)
        return self._settings[server]

    def configure(self, server: str, actor: Actor, **values: int) -> tuple[LimitSettings, Change | None]:
        """Change some of a server's limits, with a revision; no change made, no revision."""
        before = self.settings(server)
        after = replace(before, **values)
        if not before.differences(after):
            return after, None
        store = self.curator.store
        with store.writing():
            store.save_member_limits(server, asdict(after))
            change = self.curator.record(
                "settings", server, "configure", server, actor, asdict(before), asdict(after), None
            )
        self._settings[server] = after
        return after, change

    # -- the limits --------------------------------------------------------------

    def check_proposal(self, server: str, member: str) -> None:
        """Raise `LimitReached` when the member may not propose another fact now."""
        limit = self.settings(server).proposals_per_day
        if limit == 0:
            raise LimitReached(proposal_limit_words(0, None))
        now = self.now().astimezone(UTC)
        since = (now - DAY).isoformat(timespec="seconds")
        made = self.curator.store.proposals_since(server, member, since)
        if len(made) >= limit:
            # The oldest of the last `limit` proposals leaving the 24 hours frees one place.
            frees = datetime.fromisoformat(made[-limit]) + DAY
            wait = max((frees - now).total_seconds(), 1.0)
            raise LimitReached(proposal_limit_words(limit, wait), wait_seconds=wait)

    def check_answer(self, server: str, member: str) -> None:
        """Raise `LimitReached` during a member's cooldown; otherwise start it (a public answer is due)."""
        cooldown = self.settings(server).answer_cooldown
        if cooldown <= 0:
            return
        key, now = (server, member), self.clock()
        last = self._last_answer.get(key)
        if last is not None and now - last < cooldown:
            wait = cooldown - (now - last)
            raise LimitReached(answer_cooldown_words(wait), wait_seconds=wait)
        self._last_answer[key] = now
        if len(self._last_answer) > PRUNE_AT:
            self._prune(now)

    def take_unanswered(self, server: str, member: str) -> tuple[bool, str | None]:
        """Whether to note this member's unanswerable question, and what to tell them.

        The words come once, the first time a member is over the limit in a stretch of it, so a
        member who keeps asking is not answered with the same note every time.
        """
        limit = self.settings(server).unanswered_per_day
        key, now = (server, member), self.clock()
        noted = self._unanswered.setdefault(key, deque())
        while noted and now - noted[0] >= DAY.total_seconds():
            noted.popleft()
        if len(noted) < limit:
            noted.append(now)
            self._told.discard(key)
            if len(self._unanswered) > PRUNE_AT:
                self._prune(now)
            return True, None
        if key in self._told:
            return False, None
        self._told.add(key)
        return False, unanswered_limit_words(limit)

    def _prune(self, now: float) -> None:
        """Forget members whose limits have all let go (a long-running bot meets many)."""
        longest = max((s.answer_cooldown for s in self._settings.values()), default=0)
        longest = max(longest, self.defaults.answer_cooldown)
        self._last_answer = {k: t for k, t in self._last_answer.items() if now - t < longest}
        day = DAY.total_seconds()
        self._unanswered = {k: q for k, q in self._unanswered.items() if q and now - q[-1] < day}
        self._told &= set(self._unanswered)
