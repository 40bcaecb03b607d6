"""PDF from a handout through the Chromium the browser tests already use (headless
--print-to-pdf): one well-kept engine, no PDF library of our own."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path


class PdfError(RuntimeError):
    """No PDF could be written; the message says why and what to do instead."""


def chromium() -> str | None:
    for candidate in (os.environ.get("SPINEEDU_CHROMIUM"), shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def print_to_pdf(html_file: Path, pdf_file: Path) -> None:
    executable = chromium()
    if executable is None:
        raise PdfError("PDF output needs Chromium (Debian: apt-get install chromium, or set "
                       "SPINEEDU_CHROMIUM); write an .html handout and print it from a browser")
    pdf_file.unlink(missing_ok=True)
    result = subprocess.run(
        [executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf_file}", html_file.resolve().as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    if not pdf_file.exists() or pdf_file.stat().st_size == 0:
        raise PdfError(f"Chromium wrote no PDF ({result.returncode}): {result.stderr[-300:]}")
