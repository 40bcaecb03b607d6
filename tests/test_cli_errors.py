"""Whatever a user types or wherever the output goes, the real CLI answers with one line on
stderr and exit 2, never a traceback (issue 16, point 8)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BIG = "1" * 4301  # past Python's int() digit limit
CHORDOMA = "type=chordoma,stage=IB"
KPS_REST = ["--extraspinal-bone-mets", "0", "--vertebral-mets", "1", "--visceral-mets",
            "none", "--primary", "breast", "--palsy", "none"]
HANDOUT = ["handout", "--type", "chordoma", "--stage", "IB", "-o"]


def run(*args: str, cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess[str]:
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE} | kwargs
    return subprocess.run([sys.executable, "-m", "spineedu", *args], cwd=cwd, text=True,
                          timeout=60, **streams)


def assert_one_line_usage_error(done: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.splitlines()) == 1, done.stderr
    for text in expected:
        assert text in done.stderr, done.stderr


@pytest.mark.parametrize("value", ["²", "١٢", BIG, "-1", "3.5"])
def test_compare_refuses_a_number_that_is_not_plain_digits(value):
    done = run("compare", f"{CHORDOMA},sins={value}", CHORDOMA)
    assert_one_line_usage_error(done, "sins=", "whole number")
    assert len(done.stderr) < 200  # a 4,301-digit value is not echoed in full


@pytest.mark.parametrize("value", ["²", BIG])
def test_a_score_refuses_a_number_that_is_not_plain_digits(value):
    done = run("score", "tokuhashi", "--kps", value, *KPS_REST)
    assert_one_line_usage_error(done, "--kps", "not allowed")
    assert len(done.stderr) < 200


def test_a_plain_number_still_scores():
    done = run("score", "tokuhashi", "--kps", "80", *KPS_REST)
    assert done.returncode == 0, done.stderr


def test_handout_onto_an_existing_directory(tmp_path):
    (tmp_path / "notes.html").mkdir()
    assert_one_line_usage_error(run(*HANDOUT, "notes.html", cwd=tmp_path), "Is a directory")


def test_handout_into_a_folder_that_cannot_be_made(tmp_path):
    assert_one_line_usage_error(run(*HANDOUT, "/proc/spineedu-missing/notes.html"),
                                "No such file or directory")


def test_handout_into_a_missing_folder_makes_it(tmp_path):
    done = run(*HANDOUT, str(tmp_path / "new" / "notes.html"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "new" / "notes.html").exists()


def test_handout_with_a_name_too_long(tmp_path):
    done = run(*HANDOUT, "n" * 300 + ".html", cwd=tmp_path)
    assert_one_line_usage_error(done, "File name too long")
    assert len(done.stderr) < 200


def test_a_teachers_set_into_an_existing_file(tmp_path):
    (tmp_path / "cases").write_text("mine")
    done = run("handout", "--cases", "-o", "cases", cwd=tmp_path)
    assert_one_line_usage_error(done, "give a directory")
    assert (tmp_path / "cases").read_text() == "mine"


def test_a_teachers_set_through_a_file(tmp_path):
    (tmp_path / "cases").write_text("mine")
    assert_one_line_usage_error(run("handout", "--cases", "-o", "cases/set", cwd=tmp_path),
                                "Not a directory")


@pytest.mark.parametrize("command", [["recommend", "--type", "chordoma", "--stage", "IB"],
                                     ["treatments", "--json"]])
def test_a_reader_that_stops_early_ends_the_command_quietly(command):
    """`spineedu recommend ... | head -1`: the pipe is closed before the output is."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # no reader at all: every write meets a broken pipe
    try:
        done = run(*command, stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert done.returncode == 0
    assert done.stderr == ""


def test_output_to_a_full_disk():
    with open("/dev/full", "w") as full:
        done = run("recommend", "--type", "chordoma", "--stage", "IB", stdout=full,
                   stderr=subprocess.PIPE)
    assert_one_line_usage_error(done, "No space left on device")
