"""HTTP wire details: JSON responses discord.py accepts, request body parsing.

discord.py's ``json_or_text`` parses a body only when the Content-Type header
is exactly ``application/json``; aiohttp's ``json_response`` would append
``; charset=utf-8`` and every reply would reach discord.py as a plain string.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import BodyPartReader, web

from .models import UploadedFile


def json_response(data: Any, status: int = 200) -> web.Response:
    """A JSON response with the exact Content-Type discord.py requires."""
    return web.Response(
        body=json.dumps(data, separators=(",", ":")).encode(),
        status=status,
        headers={"Content-Type": "application/json"},
    )


def error(status: int, message: str, code: int = 0) -> web.Response:
    """Discord's error body shape: ``{"message": ..., "code": ...}``."""
    return json_response({"message": message, "code": code}, status=status)


def no_content() -> web.Response:
    return web.Response(status=204)


async def read_body(request: web.Request) -> tuple[Any, list[UploadedFile]]:
    """Parse a JSON or multipart/form-data body into (json, files).

    For multipart, the JSON comes from the ``payload_json`` part and every
    part with a filename is a file (discord.py names them ``files[n]``).
    """
    if request.content_type == "multipart/form-data":
        reader = await request.multipart()
        body: Any = None
        files: list[UploadedFile] = []
        while True:
            part = await reader.next()
            if part is None:
                break
            if not isinstance(part, BodyPartReader):
                continue  # nested multipart: never sent by discord.py
            data = await part.read(decode=True)
            if part.filename is not None:
                files.append(
                    UploadedFile(
                        field=part.name or "",
                        filename=part.filename,
                        content_type=part.headers.get("Content-Type", "application/octet-stream"),
                        data=bytes(data),
                    )
                )
            elif part.name == "payload_json":
                body = json.loads(bytes(data).decode())
        return body, files
    raw = await request.read()
    if not raw:
        return None, []
    try:
        return json.loads(raw), []
    except ValueError:
        return raw.decode(errors="replace"), []
