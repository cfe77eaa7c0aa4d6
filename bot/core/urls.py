"""Web addresses: checked when typed, and made inert for Discord markdown whenever one is shown.

Parsing is `urllib.parse`'s (RFC 3986 splitting, port range checked by `SplitResult.port`); host
names are encoded with the standard IDNA codec. What this module adds is the policy: which
addresses a fact may cite, and which characters Discord markdown would read inside a link.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import SplitResult, quote, urlsplit, urlunsplit

MAX_URL = 500

# A host name's labels once IDNA-encoded: letters, digits and inner hyphens, 63 at most each.
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
# Kept as they are in a path, query or fragment: RFC 3986's unreserved and sub-delimiter characters
# and "%" (an escape already there), but not the brackets Discord markdown reads: "(" and ")" end
# a masked link's address, "<" and ">" an autolink's, "[" and "]" start link text; "`", "|", "\\",
# quotes and braces are percent-encoded too. An address means the same with them encoded.
_SAFE = "/:@!$&'*+,;=%-._~"


class AddressError(ValueError):
    """Not an address a fact may cite; the message completes "The link … ", for a person."""


def web_address(text: str) -> str:
    """The address typed, checked and normalised: http(s), a real host, no credentials, a valid
    port, nothing invisible; the characters markdown would read percent-encoded."""
    url = text.strip()
    if not url.lower().startswith(("http://", "https://")):
        raise AddressError("is not a web address: it must start with http:// or https://.")
    if len(url) > MAX_URL:
        raise AddressError(f"is {len(url)} characters long; at most {MAX_URL} fit.")
    if any(ch.isspace() or unicodedata.category(ch)[0] in "CZ" for ch in url):
        raise AddressError(
            "contains spaces or invisible characters: copy the address from the browser again."
        )
    if "\\" in url:
        raise AddressError("contains a backslash, which browsers read as a slash: check the address.")
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError outside 0 to 65535
    except ValueError:
        raise AddressError("has a port or host that cannot exist: check the address.") from None
    if "@" in parts.netloc:
        raise AddressError(
            "has a user name or password before an @, which hides the real site: give the address itself."
        )
    if port == 0:
        raise AddressError("has a port or host that cannot exist: check the address.")
    host = _host(parts)
    if host is None:
        raise AddressError("has no valid site name after http:// or https://.")
    return _rebuilt(parts, host, port)


def shown_address(url: str | None) -> str | None:
    """A stored address as it may be printed inside a link: normalised like a typed one, or None
    when it is not a usable web address (it is then not shown as a link at all)."""
    if not url:
        return None
    try:
        return web_address(url)
    except AddressError:
        return None


def _host(parts: SplitResult) -> str | None:
    host = parts.hostname  # lower-cased, brackets of an IPv6 literal removed
    if not host:
        return None
    if parts.netloc.split(":")[0].startswith("["):
        try:
            return f"[{ipaddress.IPv6Address(host).compressed}]"
        except ValueError:
            return None
    try:
        encoded = host.rstrip(".").encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = encoded.split(".")
    if len(encoded) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        return None
    return encoded


def _rebuilt(parts: SplitResult, host: str, port: int | None) -> str:
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            quote(parts.path, safe=_SAFE) or "",
            quote(parts.query, safe=_SAFE + "?"),
            quote(parts.fragment, safe=_SAFE + "?"),
        )
    )
