"""The address students type: worked out from the listening host, or refused with what to pass.

``--host 0.0.0.0`` listens on every network of the machine, but "0.0.0.0" is not an address a
student can type. We look for this machine's address on the school network: the source address
the system would use for its default route (a UDP socket's ``connect`` picks it; no packet is
sent), else the addresses its host name resolves to. Loopback and link-local addresses are never
offered. If none is found, serve refuses and says what to pass as ``--public-url``.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
EVERYWHERE = {"0.0.0.0", "::", ""}
# TEST-NET-1 (RFC 5737): only used to ask the routing table which source address it would pick.
ROUTE_PROBE = ("192.0.2.1", 9)


class AddressError(ValueError):
    """No address students could type was found; the message says what to pass."""


def usable(address: str) -> bool:
    """An address another machine on the network could reach this one at."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    return not (ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast)


def route_address() -> str | None:
    """The source address of the default route, without sending anything."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(ROUTE_PROBE)  # UDP connect only chooses a route: no packet leaves
            return probe.getsockname()[0]
    except OSError:
        return None


def hostname_addresses() -> list[str]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET, socket.SOCK_STREAM)
    except OSError:
        return []
    return [info[4][0] for info in infos]


def lan_address(
    probes: Iterable[Callable[[], str | None | list[str]]] = (route_address, hostname_addresses),
) -> str | None:
    """This machine's address on the local network, or None if it has none we could find."""
    for probe in probes:
        found = probe()
        for address in [found] if isinstance(found, str | None) else found:
            if address and usable(address):
                return address
    return None


def _url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}" + ("" if port == 80 else f":{port}")


def student_url(host: str, port: int, public_url: str | None, find: Callable[[], str | None] | None = None) -> str:
    """The address to write on the board for this ``--host``/``--port``/``--public-url``."""
    if public_url:
        if not public_url.startswith(("http://", "https://")):
            raise AddressError(f"--public-url must start with http:// or https:// (got '{public_url}')")
        return public_url.rstrip("/")
    if host in LOOPBACK_NAMES or host.startswith("127."):
        return _url("localhost", port)
    if host in EVERYWHERE:
        address = (find or lan_address)()
        if address is None:
            raise AddressError(
                "could not work out this machine's address on the network; find it (ip addr, ipconfig, "
                f"or your network settings) and pass it: --public-url http://ADDRESS:{port}"
            )
        return _url(address, port)
    return _url(host, port)
