"""A handout opens in Chromium from the file alone (no request leaves the page) and prints."""

from __future__ import annotations

from playwright.sync_api import expect

from spineedu.cli import main


def test_handout_opens_offline_and_prints(browser, tmp_path):
    handout = tmp_path / "chordoma.html"
    assert main(["handout", "--type", "chordoma", "--stage", "IB", "--no-resectable",
                 "-o", str(handout)]) == 0
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(handout.as_uri())
    expect(page.locator("h1")).to_contain_text("Chordoma, stage IB (resectable no)")
    expect(page.locator("section[data-level='first-line']")).to_contain_text("Proton")
    expect(page.locator("text=What would change this plan?")).to_be_visible()
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000
    page.close()
