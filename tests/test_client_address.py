"""The address a visitor is counted by: HAProxy's forwarded one only from a local proxy."""

from __future__ import annotations

import pytest

from spineedu.client_address import client_address


@pytest.mark.parametrize(("peer", "forwarded", "visitor"), [
    ("127.0.0.1", "203.0.113.7", "203.0.113.7"),  # HAProxy on this machine
    ("::1", "203.0.113.7", "203.0.113.7"),
    ("127.0.0.1", "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the client's own claim comes first
    ("127.0.0.1", None, "127.0.0.1"),  # a local visitor without a proxy
    ("127.0.0.1", " , ", "127.0.0.1"),
    ("198.51.100.4", "203.0.113.7", "198.51.100.4"),  # a remote peer cannot pick its address
])
def test_the_forwarded_address_counts_only_from_a_trusted_proxy(peer, forwarded, visitor):
    assert client_address(peer, forwarded) == visitor
