"""Interaction responses: the callback endpoint and the interaction webhook.

discord.py 2.5+ posts callbacks with ``?with_response=1`` and builds an
``InteractionCallbackResponse`` from ``{"interaction": {...}, "resource":
{...}}``; ``resource.message`` becomes the ``InteractionMessage`` whose id
keys the view store, so it must be the id later used for @original and for
component clicks. Follow-ups and edits go through
``/webhooks/{application_id}/{interaction_token}`` without authentication.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import payloads
from .interaction import (
    APPLICATION_COMMAND,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    UPDATE_MESSAGE,
    Callback,
    EmuInteraction,
)
from .models import FLAG_EPHEMERAL, FLAG_LOADING, EmuMessage
from .rest import Call, Router
from .wire import error, json_response, no_content

if TYPE_CHECKING:
    from .server import DiscordEmulator

# Message types Discord gives interaction responses.
MESSAGE_DEFAULT = 0
MESSAGE_CHAT_INPUT_COMMAND = 20


class InteractionWebhooks:
    """Callback and webhook routes, recording into :class:`EmuInteraction`."""

    def __init__(self, emulator: DiscordEmulator, router: Router) -> None:
        self.emu = emulator
        router.add("POST", "/interactions/{interaction}/{token}/callback", self.callback, needs_auth=False)
        router.add("POST", "/webhooks/{app}/{token}", self.followup, needs_auth=False)
        for method, handler in (
            ("GET", self.get_message),
            ("PATCH", self.edit_message),
            ("DELETE", self.delete),
        ):
            router.add(method, "/webhooks/{app}/{token}/messages/{message}", handler, needs_auth=False)

    # -- helpers ------------------------------------------------------------

    def _metadata(self, it: EmuInteraction) -> dict[str, Any]:
        """``interaction_metadata`` of messages answering ``it``."""
        return {
            "id": str(it.id),
            "type": it.type,
            "user": payloads.user(it.user),
            "authorizing_integration_owners": it.payload.get("authorizing_integration_owners", {}),
            "name": it.payload.get("data", {}).get("name"),
        }

    def _new_message(
        self, it: EmuInteraction, body: dict[str, Any], files: list[Any], *, followup: bool
    ) -> EmuMessage:
        kind = (
            MESSAGE_CHAT_INPUT_COMMAND if it.type == APPLICATION_COMMAND and not followup else MESSAGE_DEFAULT
        )
        guild = it.ctx.guild
        return self.emu.world.create_message(
            channel_id=it.ctx.channel.id,
            guild_id=guild.id if guild is not None else None,
            body=body,
            files=files,
            message_type=kind,
            interaction=self._metadata(it),
            interaction_id=it.id,
        )

    def _by_webhook(self, call: Call) -> EmuInteraction | None:
        """The interaction whose token is in the path, if it was acknowledged:
        before the callback Discord does not know the webhook yet."""
        if call.int_param("app") != self.emu.world.application_id:
            return None
        it = self.emu.interactions_by_token.get(call.params["token"])
        return it if it is not None and it.callback is not None else None

    def _target(self, it: EmuInteraction, ref: str) -> EmuMessage | None:
        if ref == "@original":
            return it.original if not it.original_deleted else None
        return next((m for m in it.messages if str(m.id) == ref and not m.deleted), None)

    # -- routes -------------------------------------------------------------

    async def callback(self, call: Call) -> web.Response:
        it = self.emu.interactions.get(call.int_param("interaction") or 0)
        if it is None or it.token != call.params["token"]:
            return error(404, "Unknown interaction", 10062)
        if it.callback is not None:
            return error(400, "Interaction has already been acknowledged.", 40060)
        deadline = self.emu.callback_deadline
        if deadline is not None and time.monotonic() - it.injected_at > deadline:
            # Discord forgets an interaction not acknowledged within 3 seconds.
            it.late_callbacks += 1
            it.changed.notify()
            return error(404, "Unknown interaction", 10062)
        body = call.json if isinstance(call.json, dict) else {}
        kind = int(body.get("type", 0))
        data = dict(body.get("data") or {})
        message: EmuMessage | None = None
        if kind == CHANNEL_MESSAGE:
            call.record.message = data
            message = self._new_message(it, data, call.files, followup=False)
        elif kind == DEFERRED_CHANNEL_MESSAGE:
            # The "Bot is thinking..." placeholder; a later PATCH @original fills it.
            flags = FLAG_LOADING | (int(data.get("flags") or 0) & FLAG_EPHEMERAL)
            message = self._new_message(it, {"content": "", "flags": flags}, [], followup=False)
        elif kind in (DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE):
            message = it.source_message
            if kind == UPDATE_MESSAGE and message is not None:
                call.record.message = data
                self.emu.world.edit_message(message, data, call.files)
                it.edits.append(dict(message.payload))
        it.answered_at = time.monotonic()
        it.callback = Callback(body=body, files=call.files, request=call.record, message=message)
        it.original = message
        it.changed.notify()

        if call.request.query.get("with_response", "").lower() not in ("1", "true"):
            return no_content()
        interaction: dict[str, Any] = {
            "id": str(it.id),
            "type": it.type,
            "activity_instance_id": None,
            "response_message_id": str(message.id) if message is not None else None,
            "response_message_loading": kind == DEFERRED_CHANNEL_MESSAGE,
            "response_message_ephemeral": bool(message is not None and message.ephemeral),
        }
        resource: dict[str, Any] = {"type": kind}
        if message is not None and kind != DEFERRED_UPDATE_MESSAGE:
            resource["message"] = message.payload
        return json_response({"interaction": interaction, "resource": resource})

    async def followup(self, call: Call) -> web.Response:
        it = self._by_webhook(call)
        if it is None:
            return error(404, "Unknown Webhook", 10015)
        body = call.json if isinstance(call.json, dict) else {}
        call.record.message = body
        msg = self._new_message(it, body, call.files, followup=True)
        it.followups.append(msg)
        it.changed.notify()
        # discord.py asks ?wait=1 for interaction follow-ups; Discord answers 204 otherwise.
        if call.request.query.get("wait", "").lower() in ("1", "true"):
            return json_response(msg.payload)
        return no_content()

    async def get_message(self, call: Call) -> web.Response:
        it = self._by_webhook(call)
        msg = self._target(it, call.params["message"]) if it else None
        return json_response(msg.payload) if msg else error(404, "Unknown Message", 10008)

    async def edit_message(self, call: Call) -> web.Response:
        it = self._by_webhook(call)
        msg = self._target(it, call.params["message"]) if it else None
        if it is None or msg is None:
            return error(404, "Unknown Message", 10008)
        body = call.json if isinstance(call.json, dict) else {}
        call.record.message = body
        # Editing the deferred placeholder turns it into a normal message.
        msg.payload["flags"] = msg.flags & ~FLAG_LOADING
        self.emu.world.edit_message(msg, body, call.files)
        if msg is it.original:
            it.edits.append(dict(msg.payload))
        it.changed.notify()
        return json_response(msg.payload)

    async def delete(self, call: Call) -> web.Response:
        it = self._by_webhook(call)
        msg = self._target(it, call.params["message"]) if it else None
        if it is None or msg is None:
            return error(404, "Unknown Message", 10008)
        msg.deleted = True
        if msg is it.original:
            it.original_deleted = True
        it.changed.notify()
        return no_content()
