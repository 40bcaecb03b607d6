"""Who a visitor is, for the per-visitor kernel cap: their address, as the proxy saw it.

Behind HAProxy every request comes from 127.0.0.1, and `option forwardfor` appends the real
client to X-Forwarded-For. Only a proxy on this machine is trusted: its last entry is what it
saw itself (earlier entries are whatever the client claimed). A request from anywhere else is
counted by its own address, whatever header it sends.
"""

from __future__ import annotations

from contextvars import ContextVar

TRUSTED_PROXIES = frozenset({"127.0.0.1", "::1"})

# Set while a page is rendered for a request: the kernel it starts is recorded as the visitor's.
CURRENT_VISITOR: ContextVar[str | None] = ContextVar("spineedu_visitor", default=None)


def client_address(peer: str, forwarded_for: str | None) -> str:
    """The visitor's address: the trusted proxy's last X-Forwarded-For entry, or the peer."""
    if peer in TRUSTED_PROXIES and forwarded_for:
        last = forwarded_for.split(",")[-1].strip()
        if last:
            return last
    return peer
