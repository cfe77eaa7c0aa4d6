"""An injected interaction and everything the bot answered to it.

:class:`InteractionContext` says who interacts where (guild member with
permissions, or DM user); :func:`interaction_payload` turns it into the
INTERACTION_CREATE body; :class:`EmuInteraction` collects the callback,
follow-ups and edits that arrive over REST, and lets tests await them.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import payloads
from .models import (
    DM_APP_PERMISSIONS,
    FLAG_LOADING,
    EmuChannel,
    EmuGuild,
    EmuMember,
    EmuMessage,
    EmuUser,
    RecordedRequest,
    UploadedFile,
)
from .signals import DEFAULT_TIMEOUT, EmulatorTimeout, Signal

# Interaction types.
PING = 1
APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
AUTOCOMPLETE = 4
MODAL_SUBMIT = 5

# Interaction callback types.
CHANNEL_MESSAGE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
AUTOCOMPLETE_RESULT = 8
MODAL = 9


@dataclass
class InteractionContext:
    """Who triggers an interaction, and where."""

    user: EmuUser
    channel: EmuChannel
    guild: EmuGuild | None = None
    member: EmuMember | None = None
    #: The member's resolved permissions (the ``member.permissions`` string).
    permissions: int = 0
    app_permissions: int = DM_APP_PERMISSIONS
    locale: str = "en-US"
    #: Extra role ids reported on the member for this interaction only.
    extra_roles: list[int] = field(default_factory=list)


def interaction_payload(
    *,
    interaction_id: int,
    token: str,
    application_id: int,
    kind: int,
    data: dict[str, Any],
    ctx: InteractionContext,
    message: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The INTERACTION_CREATE ``d`` object.

    discord.py reads ``token``, ``version``, ``application_id`` and
    ``attachment_size_limit`` with ``data[...]``: all are mandatory.
    """
    payload: dict[str, Any] = {
        "id": str(interaction_id),
        "application_id": str(application_id),
        "type": kind,
        "data": data,
        "token": token,
        "version": 1,
        "locale": ctx.locale,
        "app_permissions": str(ctx.app_permissions),
        "entitlements": [],
        "entitlement_sku_ids": [],
        "attachment_size_limit": 10 * 1024 * 1024,
        "channel_id": str(ctx.channel.id),
        "channel": payloads.channel(ctx.channel, permissions=ctx.permissions if ctx.guild else None),
    }
    if ctx.guild is not None and ctx.member is not None:
        member = copy.copy(ctx.member)
        member.roles = [*ctx.member.roles, *ctx.extra_roles]
        payload.update(
            guild_id=str(ctx.guild.id),
            guild={"id": str(ctx.guild.id), "locale": ctx.guild.locale, "features": list(ctx.guild.features)},
            guild_locale=ctx.guild.locale,
            member=payloads.member(member, permissions=ctx.permissions),
            context=0,
            authorizing_integration_owners={"0": str(ctx.guild.id)},
        )
    else:
        # A DM with the bot: ``user`` instead of ``member``, context BOT_DM, and
        # the guild-install owner is "0" (Discord's convention for bot DMs).
        payload.update(user=payloads.user(ctx.user), context=1, authorizing_integration_owners={"0": "0"})
    if message is not None:
        payload["message"] = message
    return payload


@dataclass
class Callback:
    """The first response to an interaction (POST .../callback).

    Dict-like over the raw body: ``cb["type"]``, ``cb["data"]["content"]``.
    """

    body: dict[str, Any]
    files: list[UploadedFile]
    request: RecordedRequest
    #: The message the callback created or updated, if any.
    message: EmuMessage | None = None

    @property
    def type(self) -> int:
        return int(self.body["type"])

    @property
    def data(self) -> dict[str, Any]:
        return dict(self.body.get("data") or {})

    @property
    def choices(self) -> list[dict[str, Any]]:
        """Autocomplete choices (callback type 8)."""
        return list(self.data.get("choices") or [])

    def __getitem__(self, key: str) -> Any:
        return self.body[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.body.get(key, default)


class EmuInteraction:
    """One injected interaction and the bot's answers to it."""

    def __init__(
        self,
        *,
        diagnostics: Callable[[], str],
        interaction_id: int,
        token: str,
        kind: int,
        payload: dict[str, Any],
        ctx: InteractionContext,
        source_message: EmuMessage | None = None,
        label: str = "",
        deadline: float | None = None,
    ) -> None:
        # Appended to timeout messages (recent requests, logged errors...).
        self._diagnostics = diagnostics
        self.id = interaction_id
        self.token = token
        self.type = kind
        #: The INTERACTION_CREATE body that was dispatched.
        self.payload = payload
        self.ctx = ctx
        #: For components: the message whose component was used.
        self.source_message = source_message
        self.label = label or f"interaction {interaction_id}"
        #: When it was dispatched, and when its callback arrived (`time.monotonic()`).
        self.injected_at = time.monotonic()
        self.answered_at: float | None = None
        #: Seconds after dispatch past which Discord forgets an unacknowledged interaction.
        self.deadline = deadline
        #: Callbacks refused for coming after Discord's deadline (404, code 10062).
        self.late_callbacks = 0
        self.callback: Callback | None = None
        #: The @original message (created by callback 4/5, or the source
        #: message for 6/7), None for autocomplete/modal or before a callback.
        self.original: EmuMessage | None = None
        self.followups: list[EmuMessage] = []
        #: Snapshots of the @original payload after each PATCH.
        self.edits: list[dict[str, Any]] = []
        self.original_deleted = False
        self._followups_seen = 0
        self._edits_seen = 0
        self.changed = Signal()

    def __repr__(self) -> str:
        return f"<EmuInteraction {self.label} id={self.id} callback={self.callback and self.callback.type}>"

    @property
    def answer_seconds(self) -> float | None:
        """Seconds from dispatch to the callback, None while unanswered."""
        return None if self.answered_at is None else self.answered_at - self.injected_at

    @property
    def user(self) -> EmuUser:
        return self.ctx.user

    @property
    def messages(self) -> list[EmuMessage]:
        """The original response (if it is a message) then the follow-ups."""
        head = [self.original] if self.original is not None and not self.original_deleted else []
        return [*head, *self.followups]

    # -- waiting ------------------------------------------------------------

    async def response(self, timeout: float = DEFAULT_TIMEOUT) -> Callback:
        """The callback body, once the bot has responded."""
        return await self.wait_for(lambda: self.callback, timeout=timeout, what="the interaction callback")

    async def wait_for_followup(self, timeout: float = DEFAULT_TIMEOUT) -> EmuMessage:
        """The next follow-up not returned by an earlier call."""

        def probe() -> EmuMessage | None:
            if len(self.followups) > self._followups_seen:
                self._followups_seen += 1
                return self.followups[self._followups_seen - 1]
            return None

        return await self.wait_for(probe, timeout=timeout, what=f"follow-up #{self._followups_seen + 1}")

    async def wait_for_edit(self, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
        """The @original payload right after the next PATCH not yet returned."""

        def probe() -> dict[str, Any] | None:
            if len(self.edits) > self._edits_seen:
                self._edits_seen += 1
                return self.edits[self._edits_seen - 1]
            return None

        return await self.wait_for(probe, timeout=timeout, what=f"edit #{self._edits_seen + 1} of @original")

    async def wait_for_reply(self, timeout: float = DEFAULT_TIMEOUT) -> EmuMessage:
        """The first message the user actually sees, deferred or not: the
        original once it is not a "thinking..." placeholder, else the first
        follow-up."""

        def probe() -> EmuMessage | None:
            if (
                self.original is not None
                and not self.original.flags & FLAG_LOADING
                and not self.original_deleted
            ):
                return self.original
            return self.followups[0] if self.followups else None

        return await self.wait_for(probe, timeout=timeout, what="a visible reply")

    def missed_deadline(self) -> bool:
        """Whether Discord would have dropped it: a callback came too late, or none came in time."""
        if self.late_callbacks:
            return True
        return (
            self.callback is None
            and self.deadline is not None
            and time.monotonic() - self.injected_at > self.deadline
        )

    async def wait_for(
        self, probe: Callable[[], Any], *, timeout: float = DEFAULT_TIMEOUT, what: str = "a change"
    ) -> Any:
        """Await until ``probe()`` returns something other than None. Once Discord would have
        dropped the interaction (not acknowledged within its deadline), nothing more can come:
        `MissedDeadline` is raised at once, whatever is awaited, rather than at the timeout."""

        def checked() -> Any:
            if self.missed_deadline():
                raise MissedDeadline(self._missed())
            return probe()

        started = time.monotonic()
        while True:
            left = timeout - (time.monotonic() - started)
            # Unacknowledged: wake when the deadline passes, to say so instead of waiting on.
            until_deadline = (
                self.injected_at + self.deadline - time.monotonic() + 0.05
                if self.callback is None and self.deadline is not None
                else left
            )
            try:
                return await self.changed.wait_for(
                    checked,
                    timeout=max(0.0, min(left, until_deadline)),
                    what=f"{what} of {self.label}",
                    context=self._diagnostics,
                )
            except EmulatorTimeout:
                if self.missed_deadline():
                    raise MissedDeadline(self._missed()) from None
                if time.monotonic() - started >= timeout:
                    raise

    def _missed(self) -> str:
        how = "its callback came too late" if self.late_callbacks else "no callback came in time"
        return (
            f"{self.label} missed Discord's {self.deadline:g}s deadline ({how}): Discord would show "
            f"'This interaction failed'\n{self._diagnostics()}"
        )


class MissedDeadline(EmulatorTimeout):
    """An interaction Discord would have dropped: not acknowledged within its deadline."""
