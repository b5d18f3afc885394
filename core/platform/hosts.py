"""Whether a host name or address can only be this machine or a private network."""

from __future__ import annotations

import ipaddress

LOCAL_NAMES = ("localhost", "localhost.", "localdomain")
LOCAL_SUFFIXES = (".localhost", ".local", ".localdomain", ".internal", ".test")


def is_local_host(host: str) -> bool:
    """True for a host that cannot be a production service: loopback, private, link-local."""
    name = host.strip().strip("[]").lower()
    if not name or name in LOCAL_NAMES or name.rstrip(".").endswith(LOCAL_SUFFIXES):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_unspecified
        or address.is_reserved
    )


def client_address(peer: str | None, forwarded_for: str | None = None) -> str:
    """The address a request came from, for a person's own sign-in history.

    The connection's peer, unless it is this machine or a private network (the load
    balancer): then the last address the balancer added to X-Forwarded-For. Anything
    that is not an IP address is left out.
    """
    chosen = (peer or "").strip()
    if forwarded_for and (not chosen or is_local_host(chosen)):
        chosen = forwarded_for.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(chosen.strip("[]")))
    except ValueError:
        return ""
