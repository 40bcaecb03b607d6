"""The public server's kernel-websocket checks (spineedu.kernel_websocket, issue 16 points 2
and 3), at the level of single frames: what jupyter_server's own client sends passes; a frame
whose part count or offsets do not fit its length, or a page-sent comm_open for anything but the
widget control comm, does not. The real server's answer to them is tests/dashboard/
hostile_visitor_test.py."""

from __future__ import annotations

import json
import struct

import pytest
from jupyter_client.session import Session
from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1

from spineedu.kernel_websocket import (
    MAX_PARTS,
    V1,
    WIDGET_CONTROL,
    frame_is_sound,
    legacy_offsets,
    opens_foreign_comm,
    v1_offsets,
)


def v1_frame(msg_type: str = "execute_request", buffers: int = 0) -> bytes:
    session = Session()
    message = session.msg(msg_type, {"code": "1"})
    message["channel"] = "shell"
    message["buffers"] = [b"x" * 10] * buffers
    return serialize_msg_to_ws_v1(message, "shell", session.pack)


def legacy_frame(parts: list[bytes]) -> bytes:
    offsets, position = [], 4 * (len(parts) + 1)
    for part in parts:
        offsets.append(position)
        position += len(part)
    return struct.pack(f"!i{len(parts)}I", len(parts), *offsets) + b"".join(parts)


@pytest.mark.parametrize("buffers", [0, 3])
def test_the_clients_own_v1_frames_pass(buffers):
    frame = v1_frame(buffers=buffers)
    assert frame_is_sound(frame, V1)
    assert v1_offsets(frame)[-1] <= len(frame)


@pytest.mark.parametrize("name, frame", [
    ("12 million parts in 8 bytes", (12_000_000).to_bytes(8, "little")),
    ("a count past the frame", (5).to_bytes(8, "little") + bytes(16)),
    ("more parts than a message has", (MAX_PARTS + 1).to_bytes(8, "little") + bytes(10_000)),
    ("too short for a count", b"\x02\x00"),
    ("one part only", (1).to_bytes(8, "little") + bytes(8)),
])
def test_a_v1_frame_that_does_not_fit_its_length_is_refused(name, frame):
    assert not frame_is_sound(frame, V1), name


def test_v1_offsets_out_of_order_or_past_the_end_are_refused():
    good = bytearray(v1_frame())
    count = int.from_bytes(good[:8], "little")
    past_end = bytearray(good)
    past_end[8 * count:8 * (count + 1)] = (len(good) + 1).to_bytes(8, "little")
    backwards = bytearray(good)
    backwards[16:24], backwards[24:32] = good[24:32], good[16:24]
    assert frame_is_sound(bytes(good), V1)
    assert not frame_is_sound(bytes(past_end), V1)
    assert not frame_is_sound(bytes(backwards), V1)


def test_v1_takes_no_text_frames_and_legacy_text_is_left_to_the_json_parser():
    assert not frame_is_sound(json.dumps({"header": {}}), V1)
    assert frame_is_sound(json.dumps({"header": {}}), None)


def test_legacy_binary_frames():
    sound = legacy_frame([b'{"header": {}}', b"buffer"])
    assert frame_is_sound(sound, None)
    assert legacy_offsets(sound) == [12, 12 + len(b'{"header": {}}')]
    assert not frame_is_sound(struct.pack("!i", 100_000_000), None)
    assert not frame_is_sound(struct.pack("!i", -1) + bytes(8), None)
    assert not frame_is_sound(struct.pack("!iI", 1, 999) + b"{}", None)


def test_only_the_widget_control_comm_may_be_opened_by_a_page():
    comm_open = {"msg_type": "comm_open"}
    assert not opens_foreign_comm(comm_open, {"target_name": WIDGET_CONTROL})
    assert opens_foreign_comm(comm_open, {"target_name": "jupyter.widget"})
    assert opens_foreign_comm(comm_open, {"target_name": "anything"})
    assert opens_foreign_comm(comm_open, "not a dict")
    assert not opens_foreign_comm({"msg_type": "comm_msg"}, {"target_name": "anything"})
