"""Where a command's content comes from: a folder, or the `content/` of a git revision.

`spineedu diff main` compares main's content with the working tree's, so an educator sees what
their edit does before a pull request; a revision is read with `git archive` into a temporary
folder, never by checking anything out over the educator's work.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from spineedu.package_files import ROOT

PACKAGE_CHECKOUT = ROOT  # the repository, or for a wheel the package (content/, no git)


class ContentSourceError(Exception):
    """A folder or revision that does not hold content; one line for the user."""


def checkout(start: Path | None = None) -> Path:
    """The git checkout the user is in when it has a content/ folder, else this package's."""
    found = _git(["rev-parse", "--show-toplevel"], start or Path.cwd())
    if found is not None:
        top = Path(found.decode().strip())
        if (top / "content" / "types").is_dir():  # a SpineEdu checkout, not any content/
            return top
    return PACKAGE_CHECKOUT


def default_content() -> Path:
    """SPINEEDU_CONTENT when set, else the content/ of the checkout the user is in."""
    chosen = os.environ.get("SPINEEDU_CONTENT")
    return Path(chosen) if chosen else checkout() / "content"


def _git(args: list[str], where: Path) -> bytes | None:
    try:
        done = subprocess.run(["git", *args], cwd=where, capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _content_of(folder: Path) -> Path:
    """A checkout's content/ when given the checkout, else the folder itself."""
    return folder / "content" if (folder / "content").is_dir() and not (
        folder / "types").is_dir() else folder


def base_revision(repo: Path | None = None) -> str | None:
    """What a change is compared with: its merge base with origin/main, or on main itself the
    commit before; None outside a git checkout with history."""
    repo = repo or checkout()
    head = _git(["rev-parse", "HEAD"], repo)
    if head is None:
        return None
    upstream = _git(["merge-base", "HEAD", "origin/main"], repo)
    if upstream and upstream != head:
        return upstream.decode().strip()
    previous = _git(["rev-parse", "--verify", "--quiet", "HEAD~1"], repo)
    return previous.decode().strip() if previous else None


def written_on(spec: str, repo: Path | None = None) -> dt.date:
    """The day a revision's content was committed; a folder's is today (being edited)."""
    if Path(spec).expanduser().is_dir():
        return dt.date.today()
    found = _git(["log", "-1", "--format=%cs", spec], repo or checkout())
    return dt.date.fromisoformat(found.decode().strip()) if found else dt.date.today()


@contextlib.contextmanager
def content_folder(spec: str, repo: Path | None = None) -> Iterator[Path]:
    """The content folder `spec` names: a folder (a checkout or its content/), or a revision
    (`main`, `HEAD~1`, a commit) of the checkout `repo`, extracted for the `with` block."""
    folder = Path(spec).expanduser()
    if folder.is_dir():
        yield _content_of(folder)
        return
    repo = repo or checkout()
    commit = _git(["rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"], repo)
    if commit is None:
        raise ContentSourceError(f"{spec!r} is neither a content folder nor a git revision "
                                 f"of {repo}")
    archive = _git(["archive", "--format=tar", commit.decode().strip(), "content"], repo)
    if archive is None:
        raise ContentSourceError(f"revision {spec!r} of {repo} has no content/ folder")
    temporary = Path(tempfile.mkdtemp(prefix="spineedu-content-"))
    try:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            if hasattr(tarfile, "data_filter"):  # Python 3.10.12+: no path outside the folder
                tar.extractall(temporary, filter="data")
            else:  # git archive of our own repository: trusted
                tar.extractall(temporary)
        yield temporary / "content"
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
