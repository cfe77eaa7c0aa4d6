"""Injecting interactions: slash commands, autocomplete, components, modals.

A mixin of :class:`~.server.DiscordEmulator`, kept apart because building a
realistic INTERACTION_CREATE is its own concern: who interacts where
(:meth:`context`), what Discord would refuse (``default_member_permissions``,
``contexts``), option typing from the synced schema, and registering the
:class:`EmuInteraction` that REST replies are recorded into.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

import discord

from .commands import CommandRegistry
from .gateway import Gateway
from .ids import new_token
from .interaction import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    MESSAGE_COMPONENT,
    MODAL,
    MODAL_SUBMIT,
    EmuInteraction,
    InteractionContext,
    interaction_payload,
)
from .models import (
    ADMINISTRATOR,
    DM_APP_PERMISSIONS,
    EmuChannel,
    EmuGuild,
    EmuMember,
    EmuMessage,
    EmuRole,
    EmuUser,
    walk_components,
)
from .options import CHANNEL, MENTIONABLE, ROLE, USER, OptionBuilder
from .world import World

UserSpec = EmuUser | EmuMember | int | None
GuildChoice = bool | EmuGuild | int | None
PermissionsSpec = int | discord.Permissions | None

# Select menu component type -> option type used to resolve its values.
_SELECT_RESOLVE = {5: USER, 6: ROLE, 7: MENTIONABLE, 8: CHANNEL}


class InteractionInjector:
    """The interaction-injecting half of the emulator's API."""

    # Provided by DiscordEmulator.
    world: World
    commands: CommandRegistry
    gateway: Gateway
    interactions: dict[int, EmuInteraction]
    interactions_by_token: dict[str, EmuInteraction]

    def describe_recent(self, count: int = 8) -> str:
        raise NotImplementedError

    def context(
        self,
        *,
        guild: GuildChoice = True,
        channel: EmuChannel | int | None = None,
        user: UserSpec = None,
        permissions: PermissionsSpec = None,
        roles: Sequence[int | EmuRole] = (),
        locale: str = "en-US",
    ) -> InteractionContext:
        """Who interacts where. ``guild=False`` means a DM with the bot;
        ``permissions`` overrides the member's computed permissions; ``roles``
        adds roles for this interaction only. The default user is ``member``."""
        who = self._user(user)
        role_ids = [r.id if isinstance(r, EmuRole) else int(r) for r in roles]
        if guild is False or guild is None:
            return InteractionContext(
                user=who,
                channel=self.world.dm_channel(who),
                permissions=_perm_value(permissions) or 0,
                app_permissions=DM_APP_PERMISSIONS,
                locale=locale,
            )
        g = guild if isinstance(guild, EmuGuild) else self.world.guild(None if guild is True else int(guild))
        member = g.get_member(who.id)
        if member is None:
            raise ValueError(
                f"{who.username} is not a member of guild {g.name}; use emu.world.add_user(..., guild=)"
            )
        if isinstance(channel, EmuChannel):
            chan = channel
        elif channel is not None:
            found = g.get_channel(int(channel))
            if found is None:
                raise ValueError(f"no channel {channel} in guild {g.name}")
            chan = found
        else:
            chan = g.text_channel
        perms = _perm_value(permissions)
        bot_member = g.get_member(self.world.bot.id)
        return InteractionContext(
            user=who,
            channel=chan,
            guild=g,
            member=member,
            permissions=perms if perms is not None else g.base_permissions(member, role_ids),
            app_permissions=g.base_permissions(bot_member) if bot_member else 0,
            locale=locale,
            extra_roles=role_ids,
        )

    def _user(self, user: UserSpec) -> EmuUser:
        if user is None:
            return self.world.member
        if isinstance(user, EmuMember):
            return user.user
        if isinstance(user, EmuUser):
            return user
        return self.world.users[int(user)]

    async def invoke(
        self,
        command: str,
        *subcommands: str,
        options: Mapping[str, Any] | list[dict[str, Any]] | None = None,
        guild: GuildChoice = True,
        channel: EmuChannel | int | None = None,
        user: UserSpec = None,
        permissions: PermissionsSpec = None,
        roles: Sequence[int | EmuRole] = (),
        locale: str = "en-US",
        check_permissions: bool = True,
        **values: Any,
    ) -> EmuInteraction:
        """Inject a slash command (INTERACTION_CREATE type 2).

        ``invoke("backlog", "ask", question="...")`` or ``invoke("backlog ask",
        options={"question": "..."})``; use ``options=`` for option names that
        clash with this method's keywords (user, guild, channel, roles...).
        A *list* for ``options`` is sent verbatim as Discord's raw option tree
        (no schema checks, no ``resolved``): for testing odd payloads.
        With a synced schema, unknown/missing options raise ValueError, and a
        command the user could not see (``default_member_permissions``,
        ``contexts``) raises PermissionError unless ``check_permissions=False``.
        """
        ctx = self.context(
            guild=guild, channel=channel, user=user, permissions=permissions, roles=roles, locale=locale
        )
        path = [*command.split(), *subcommands]
        if isinstance(options, list):
            data = self._command_data(path, {}, ctx, focused=None, check=check_permissions, raw=options)
        else:
            data = self._command_data(
                path, {**values, **(options or {})}, ctx, focused=None, check=check_permissions
            )
        return await self._inject(APPLICATION_COMMAND, data, ctx, label="/" + " ".join(path))

    async def autocomplete(
        self,
        command: str,
        *subcommands: str,
        focused: str,
        options: Mapping[str, Any] | None = None,
        guild: GuildChoice = True,
        channel: EmuChannel | int | None = None,
        user: UserSpec = None,
        permissions: PermissionsSpec = None,
        roles: Sequence[int | EmuRole] = (),
        locale: str = "en-US",
        **values: Any,
    ) -> EmuInteraction:
        """Inject an autocomplete request (type 4) for option ``focused``,
        whose partial text is ``values[focused]``. Answer: ``(await
        it.response()).choices``."""
        ctx = self.context(
            guild=guild, channel=channel, user=user, permissions=permissions, roles=roles, locale=locale
        )
        path = [*command.split(), *subcommands]
        data = self._command_data(path, {**values, **(options or {})}, ctx, focused=focused, check=True)
        return await self._inject(AUTOCOMPLETE, data, ctx, label=f"autocomplete /{' '.join(path)} {focused}")

    async def context_menu(
        self,
        name: str,
        target: EmuUser | EmuMember | EmuMessage,
        *,
        guild: GuildChoice = True,
        user: UserSpec = None,
        permissions: PermissionsSpec = None,
        locale: str = "en-US",
    ) -> EmuInteraction:
        """Inject a user (target EmuUser/EmuMember) or message (EmuMessage)
        context-menu command."""
        ctx = self.context(guild=guild, user=user, permissions=permissions, locale=locale)
        builder = OptionBuilder(self.world, ctx.guild, ctx.channel.id)
        if isinstance(target, EmuMessage):
            kind, target_id = 3, str(target.id)
            builder.resolved["messages"] = {target_id: copy.deepcopy(target.payload)}
        else:
            kind, target_id = 2, builder.convert(USER, target)
        cmd, scope = self.commands.find(name, guild_id=ctx.guild.id if ctx.guild else None, command_type=kind)
        data: dict[str, Any] = {
            "id": cmd["id"] if cmd else str(self.world.ids.next()),
            "name": name,
            "type": kind,
            "target_id": target_id,
            "resolved": builder.resolved,
        }
        if scope is not None:
            data["guild_id"] = str(scope)
        return await self._inject(APPLICATION_COMMAND, data, ctx, label=f"context menu {name!r}")

    async def click(
        self,
        custom_id: str,
        *,
        message: EmuMessage | int | None = None,
        values: Sequence[Any] | None = None,
        user: UserSpec = None,
        permissions: PermissionsSpec = None,
        roles: Sequence[int | EmuRole] = (),
        locale: str = "en-US",
    ) -> EmuInteraction:
        """Use a component (type 3): a button, or a select with ``values``.

        ``message`` defaults to the latest message carrying ``custom_id``; the
        user defaults to whoever triggered the interaction that produced it.
        """
        msg = self.world.messages.get(message) if isinstance(message, int) else message
        msg = msg or self.world.latest_message_with(custom_id)
        if msg is None:
            known = {m.id: m.custom_ids() for m in self.world.messages.values() if m.custom_ids()}
            raise LookupError(f"no message has a component {custom_id!r}; messages with components: {known}")
        component = next(
            (c for c in walk_components(msg.components) if c.get("custom_id") == custom_id), None
        )
        if component is None:
            raise LookupError(f"message {msg.id} has no component {custom_id!r}; it has {msg.custom_ids()}")
        if user is None and msg.interaction_id in self.interactions:
            user = self.interactions[msg.interaction_id].user
        ctx = self.context(
            guild=self.world.find_guild(msg.guild_id) if msg.guild_id else False,
            channel=self.world.find_channel(msg.channel_id) if msg.guild_id else None,
            user=user,
            permissions=permissions,
            roles=roles,
            locale=locale,
        )
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component["type"]}
        if values is not None:
            builder = OptionBuilder(self.world, ctx.guild, ctx.channel.id)
            resolve_as = _SELECT_RESOLVE.get(component["type"])
            data["values"] = [builder.convert(resolve_as, v) if resolve_as else str(v) for v in values]
            if builder.resolved:
                data["resolved"] = builder.resolved
        return await self._inject(
            MESSAGE_COMPONENT, data, ctx, message=msg, label=f"click {custom_id!r} on message {msg.id}"
        )

    async def submit_modal(
        self,
        custom_id: str,
        values: Mapping[str, str | Sequence[str]] | None = None,
        *,
        user: UserSpec = None,
        guild: GuildChoice = True,
    ) -> EmuInteraction:
        """Submit the modal ``custom_id`` (type 5) with ``{input custom_id: value}``.

        The submit mirrors the layout of the modal the bot last showed
        (action rows or labels) and comes from the same user and place; if no
        such modal was shown, plain action rows are sent from ``user``/``guild``.
        """
        values = dict(values or {})
        source = next(
            (
                it
                for it in reversed(list(self.interactions.values()))
                if it.callback is not None
                and it.callback.type == MODAL
                and it.callback.data.get("custom_id") == custom_id
            ),
            None,
        )
        if source is not None:
            ctx = source.ctx if user is None else self.context(guild=source.ctx.guild or False, user=user)
            components = _modal_submit_components(source.callback.data.get("components", []), values)  # type: ignore[union-attr]
            message = source.source_message
        else:
            ctx = self.context(guild=guild, user=user)
            components = [
                {"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]}
                for k, v in values.items()
            ]
            message = None
        data = {"custom_id": custom_id, "components": components}
        return await self._inject(MODAL_SUBMIT, data, ctx, message=message, label=f"modal {custom_id!r}")

    def _command_data(
        self,
        path: list[str],
        values: dict[str, Any],
        ctx: InteractionContext,
        *,
        focused: str | None,
        check: bool,
        raw: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        name, sub = path[0], path[1:]
        cmd, scope = self.commands.find(name, guild_id=ctx.guild.id if ctx.guild else None)
        if cmd is None and self.commands.known_anywhere(name):
            where = f"guild {ctx.guild.name}" if ctx.guild else "DMs"
            raise PermissionError(f"/{name} is synced, but not for {where}")
        if cmd is not None and check:
            _check_available(cmd, ctx)
        builder = OptionBuilder(self.world, ctx.guild, ctx.channel.id)
        data: dict[str, Any] = {
            "id": cmd["id"] if cmd else str(self.world.ids.next()),
            "name": name,
            "type": 1,
            "options": raw if raw is not None else builder.build(cmd, sub, values, focused=focused),
        }
        # Discord sends no resolved data with autocomplete.
        if builder.resolved and focused is None:
            data["resolved"] = builder.resolved
        if scope is not None:
            # discord.py looks guild commands up by data.guild_id.
            data["guild_id"] = str(scope)
        return data

    async def _inject(
        self,
        kind: int,
        data: dict[str, Any],
        ctx: InteractionContext,
        *,
        message: EmuMessage | None = None,
        label: str,
    ) -> EmuInteraction:
        interaction_id, token = self.world.ids.next(), new_token()
        payload = interaction_payload(
            interaction_id=interaction_id,
            token=token,
            application_id=self.world.application_id,
            kind=kind,
            data=data,
            ctx=ctx,
            message=copy.deepcopy(message.payload) if message is not None else None,
        )
        it = EmuInteraction(
            diagnostics=self.describe_recent,
            interaction_id=interaction_id,
            token=token,
            kind=kind,
            payload=payload,
            ctx=ctx,
            source_message=message,
            label=label,
            deadline=getattr(self, "callback_deadline", None),
        )
        self.interactions[interaction_id] = it
        self.interactions_by_token[token] = it
        await self.gateway.dispatch(
            "INTERACTION_CREATE", payload, guild_id=ctx.guild.id if ctx.guild else None
        )
        return it


def _perm_value(permissions: PermissionsSpec) -> int | None:
    if permissions is None:
        return None
    return permissions.value if isinstance(permissions, discord.Permissions) else int(permissions)


def _check_available(cmd: dict[str, Any], ctx: InteractionContext) -> None:
    """Refuse commands Discord would not show this user here."""
    contexts = cmd.get("contexts")
    if ctx.guild is None:
        allowed = contexts if contexts is not None else ([0] if cmd.get("dm_permission") is False else [0, 1])
        if 1 not in allowed:
            raise PermissionError(f"/{cmd['name']} is not available in DMs (contexts={contexts})")
        return
    if contexts is not None and 0 not in contexts:
        raise PermissionError(f"/{cmd['name']} is not available in guilds (contexts={contexts})")
    needed = cmd.get("default_member_permissions")
    if needed is not None and not ctx.permissions & ADMINISTRATOR:
        bits = int(needed)
        if bits == 0 or ctx.permissions & bits != bits:
            raise PermissionError(
                f"{ctx.user.username} lacks default_member_permissions={bits} for /{cmd['name']} "
                f"(has {ctx.permissions}); pass check_permissions=False to invoke anyway"
            )


def _modal_submit_components(layout: list[dict[str, Any]], values: dict[str, Any]) -> list[dict[str, Any]]:
    """Mirror a modal's layout into its submit payload, filling ``values``."""
    used: set[str] = set()

    def leaf(comp: dict[str, Any]) -> dict[str, Any]:
        cid = comp.get("custom_id")
        out: dict[str, Any] = {"type": comp["type"], "id": comp.get("id")}
        if cid is None:
            return out
        out["custom_id"] = cid
        used.add(cid)
        if comp["type"] == 4:  # text input
            value = values.get(cid, comp.get("value") or "")
            if comp.get("required", True) and not value:
                raise ValueError(f"modal text input {cid!r} is required")
            out["value"] = str(value)
        else:  # selects and other inputs answer with a list of values
            raw = values.get(cid, [])
            out["values"] = [raw] if isinstance(raw, str) else list(raw)
        return out

    result: list[dict[str, Any]] = []
    for top in layout:
        if top["type"] == 1:
            result.append(
                {"type": 1, "id": top.get("id"), "components": [leaf(c) for c in top.get("components", [])]}
            )
        elif top["type"] == 18:
            result.append({"type": 18, "id": top.get("id"), "component": leaf(top["component"])})
        else:
            result.append(leaf(top))
    unknown = set(values) - used
    if unknown:
        raise ValueError(f"modal has no input(s) {sorted(unknown)}; it has {sorted(used)}")
    return result
