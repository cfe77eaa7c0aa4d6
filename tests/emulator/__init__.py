"""A Discord REST + gateway emulator on loopback, for discord.py tests.

Real discord.py talks HTTP and websockets to it; nothing in discord.py is
mocked. See ``server.DiscordEmulator`` for the test-facing API and
``tests/test_emulator.py`` for examples.
"""

from .interaction import Callback, EmuInteraction, InteractionContext, MissedDeadline
from .logcheck import ErrorLogCollector, collect_error_logs
from .models import (
    ADMINISTRATOR,
    ALL_PERMISSIONS,
    MANAGE_GUILD,
    EmuChannel,
    EmuGuild,
    EmuMember,
    EmuMessage,
    EmuRole,
    EmuUser,
    RecordedRequest,
    UploadedFile,
)
from .patching import patch_discord
from .server import DiscordEmulator
from .signals import EmulatorTimeout

__all__ = [
    "ADMINISTRATOR",
    "ALL_PERMISSIONS",
    "MANAGE_GUILD",
    "Callback",
    "DiscordEmulator",
    "EmuChannel",
    "EmuGuild",
    "EmuInteraction",
    "EmuMember",
    "EmuMessage",
    "EmuRole",
    "EmuUser",
    "EmulatorTimeout",
    "ErrorLogCollector",
    "InteractionContext",
    "MissedDeadline",
    "RecordedRequest",
    "UploadedFile",
    "collect_error_logs",
    "patch_discord",
]
