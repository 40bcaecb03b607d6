"""The kernel websocket of the public server: jupyter_server's connection, with the checks a page
from anyone on the internet needs before its messages reach a parser or a kernel.

- jupyter_server trusts the part count at the head of a binary frame: 8 bytes holding 12,000,000
  make it build a list of 12 million offsets (seconds of a frozen server, hundreds of MB), the
  legacy 4-byte count 100,000,000 a 3 GB tuple. The count and the offsets are checked against
  the frame's length first; a malformed frame closes the socket.
- A page may open one kind of comm, the widget manager's control comm (ipywidgets 8 fetches every
  widget's state through it). Any other `comm_open` from a page would create kernel objects of
  the visitor's choosing and size, so it is dropped.
- What a kernel writes to stderr (tracebacks with paths and versions) and its error messages go
  to the server log, never to the page.
"""

from __future__ import annotations

import json
import struct
from itertools import pairwise
from typing import Any

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

V1 = "v1.kernel.websocket.jupyter.org"
WIDGET_CONTROL = "jupyter.widget.control"
MAX_PARTS = 1024  # channel, header, parent, metadata, content, buffers: a widget uses a few
INVALID_PAYLOAD = 1007  # websocket close code


def v1_offsets(frame: bytes) -> list[int] | None:
    """A v1 frame's offsets (8-byte little-endian count n, then n offsets), or None when the
    count or an offset does not fit the frame."""
    if len(frame) < 8:
        return None
    count = int.from_bytes(frame[:8], "little")
    if not 2 <= count <= MAX_PARTS or 8 * (count + 1) > len(frame):
        return None
    offsets = [int.from_bytes(frame[8 * (i + 1):8 * (i + 2)], "little") for i in range(count)]
    return offsets if _offsets_bound_parts(offsets, 8 * (count + 1), len(frame)) else None


def legacy_offsets(frame: bytes) -> list[int] | None:
    """A legacy binary frame's offsets (4-byte big-endian count n, then n offsets: JSON, then
    buffers), or None when they do not fit the frame."""
    if len(frame) < 4:
        return None
    count = struct.unpack("!i", frame[:4])[0]
    if not 1 <= count <= MAX_PARTS or 4 * (count + 1) > len(frame):
        return None
    offsets = list(struct.unpack(f"!{count}I", frame[4:4 * (count + 1)]))
    return offsets if _offsets_bound_parts(offsets, 4 * (count + 1), len(frame)) else None


def _offsets_bound_parts(offsets: list[int], first: int, length: int) -> bool:
    return offsets[0] >= first and offsets == sorted(offsets) and offsets[-1] <= length


def frame_is_sound(frame: str | bytes, subprotocol: str | None) -> bool:
    if isinstance(frame, str):
        return subprotocol != V1  # v1 is binary only; legacy text is JSON, parsed safely
    offsets = v1_offsets(frame) if subprotocol == V1 else legacy_offsets(frame)
    return offsets is not None


def opens_foreign_comm(header: dict[str, Any], content: Any) -> bool:
    """A page-sent comm_open for anything but the widget manager's control comm."""
    if header.get("msg_type") != "comm_open":
        return False
    return not isinstance(content, dict) or content.get("target_name") != WIDGET_CONTROL


class GuardedKernelConnection(ZMQChannelsWebsocketConnection):
    """ZMQChannelsWebsocketConnection that checks frames and comm_open before handling them,
    and keeps kernel stderr and errors in the server log."""

    def handle_incoming_message(self, incoming_msg: str | bytes) -> None:
        if not self.channels:
            return  # closed: jupyter_server ignores it too
        if not frame_is_sound(incoming_msg, self.subprotocol):
            self.log.warning("SpineEdu: malformed kernel websocket frame (%d bytes), closing",
                             len(incoming_msg))
            self.websocket_handler.close(INVALID_PAYLOAD, "malformed frame")
            return
        try:
            header, content = self._header_and_content(incoming_msg)
        except (ValueError, TypeError, KeyError, IndexError, UnicodeDecodeError):
            self.log.warning("SpineEdu: unreadable kernel message, closing")
            self.websocket_handler.close(INVALID_PAYLOAD, "malformed message")
            return
        if opens_foreign_comm(header, content):
            self.log.warning("SpineEdu: dropped a page-sent comm_open (target %.60r)",
                             content.get("target_name") if isinstance(content, dict) else None)
            return
        super().handle_incoming_message(incoming_msg)

    def _header_and_content(self, incoming_msg: str | bytes) -> tuple[dict[str, Any], Any]:
        """The message's header, and its content when it is a comm_open (the only one read)."""
        if self.subprotocol == V1:
            offsets = v1_offsets(incoming_msg) or []  # checked sound before
            parts = [incoming_msg[start:end] for start, end in pairwise(offsets[1:])]
            header = self.session.unpack(parts[0])
            if not isinstance(header, dict) or not isinstance(header.get("msg_type"), str):
                raise TypeError("header")
            if header.get("msg_type") != "comm_open":
                return header, None
            return header, self.session.unpack(parts[3])
        if isinstance(incoming_msg, bytes):
            start, *rest = legacy_offsets(incoming_msg) or []
            message = json.loads(incoming_msg[start:rest[0] if rest else None].decode("utf8"))
        else:
            message = json.loads(incoming_msg)
        header = message.get("header") if isinstance(message, dict) else None
        if not isinstance(header, dict) or not isinstance(header.get("msg_type"), str):
            raise TypeError("message")
        return message["header"], message.get("content")

    def handle_outgoing_message(self, stream: Any, outgoing_msg: list[Any]) -> None:
        channel = stream if isinstance(stream, str) else getattr(stream, "channel", None)
        if channel == "iopub" and self._kept_from_page(outgoing_msg):
            return
        super().handle_outgoing_message(stream, outgoing_msg)

    def _kept_from_page(self, msg_list: list[Any]) -> bool:
        """Log and hold back a kernel's stderr stream and error messages."""
        _, parts = self.session.feed_identities(msg_list)
        try:
            header = self.session.unpack(parts[1])
            msg_type = header.get("msg_type")
            if msg_type not in ("stream", "error"):
                return False
            content = self.session.unpack(parts[4])
        except Exception:  # a malformed kernel reply: jupyter_server reports it
            return False
        if msg_type == "stream" and content.get("name") != "stderr":
            return False
        text = content.get("text") if msg_type == "stream" else "\n".join(
            [f"{content.get('ename')}: {content.get('evalue')}", *content.get("traceback", [])])
        self.log.warning("SpineEdu: kernel %s %s (not sent to the page):\n%s", self.kernel_id,
                         msg_type, str(text)[:4000])
        return True

    def write_stderr(self, error_message: str, parent_header: Any) -> None:
        self.log.warning("SpineEdu: kernel %s: %s (not sent to the page)", self.kernel_id,
                         error_message)
