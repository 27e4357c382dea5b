"""The review page in a real headless Chromium: the bundled article's page as tmkit build
writes it (beads, directions, terms, findings, the filter and the keys), a correction made
through the page, exported by the browser and applied with tmkit review apply, and a segment
holding markup shown as text, never run.

Screenshots go to TMKIT_BROWSER_OUTPUT (tox -e browser sets it) or the test's folder;
TMKIT_README_SCREENSHOT=docs/review-page.png also writes the README's screenshot there.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from corpus.document import Kind, Segment
from corpus.reviewed import read_reviewed
from tm.cli import main
from tm.reviewpage import PageBead, ReviewDocument, review_page

ARTICLE = "caucasus-oil-policy"
MAX_SCREENSHOT = 300_000  # bytes: the README's PNG stays small


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project made by tmkit init --example and built: its root."""
    root = tmp_path_factory.mktemp("browser") / "project"
    assert main(["init", "--example", str(root)]) == 0
    assert main(["build", "--project", str(root), "-j", "1"]) == 0
    return root


def page_url(path: Path) -> str:
    return path.resolve().as_uri()


def severe_logs(driver) -> list[dict]:
    """The browser console's errors (a blocked script or style would be one)."""
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def js(driver, script: str, *args):
    return driver.execute_script(script, *args)


def press(driver, keys: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    for key in keys:
        ActionChains(driver).send_keys(key).perform()


def click(driver, selector: str) -> None:
    """Click the element as a user would, once scrolled clear of the sticky toolbar."""
    element = driver.find_element("css selector", selector)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def shapes(driver, *ids: str) -> list[str]:
    return [js(driver, f"return document.querySelector('#{i} .shape').textContent") for i in ids]


def current(driver) -> str | None:
    return js(driver, "var r = document.querySelector('tr.current'); return r && r.id;")


def test_the_article_page_in_chromium(chromium, built, output_folder, readme_screenshot):
    driver = chromium
    driver.get(page_url(built / "out" / "review" / f"{ARTICLE}.html"))
    assert driver.title == f"Review: {ARTICLE}"
    assert js(driver, "return document.querySelectorAll('tr.bead').length") == 144
    directions = js(
        driver,
        "return [...document.querySelectorAll('td.side')].map(td => "
        "td.lang + ':' + td.dir + ':' + getComputedStyle(td).direction)",
    )
    assert set(directions) == {"fa:rtl:rtl", "en:ltr:ltr"}
    # a known term, marked on both sides with its concept on hover
    marks = js(
        driver,
        "return [...document.querySelectorAll('#b5 mark[data-concept=\"caspian-sea\"]')]"
        ".map(m => [m.closest('td').lang, m.textContent, m.title])",
    )
    assert ["fa", "دریای خزر"] in [m[:2] for m in marks]
    assert ["en", "Caspian Sea"] in [m[:2] for m in marks]
    assert all("دریای خزر = Caspian Sea" in m[2] for m in marks)
    # a known finding, on its bead
    finding = js(
        driver,
        "var li = document.querySelector('#b23 li.finding'); "
        "return [li.dataset.rule, li.textContent]",
    )
    assert finding[0] == "term-unmatched-target"
    assert "has-findings" in js(driver, "return document.getElementById('b23').className")
    # the flagged bead, highlighted with its reason
    assert js(driver, "return document.querySelector('#b37 .reason').textContent").startswith(
        "few words translated"
    )
    shade = js(
        driver,
        "return getComputedStyle(document.querySelector('#b37 td.confidence')).backgroundColor",
    )
    assert shade not in ("rgba(0, 0, 0, 0)", "transparent")
    # the page's own script ran (it adds the buttons) and nothing was blocked
    assert js(driver, "return document.querySelectorAll('#b1 td.actions button').length") == 7
    assert severe_logs(driver) == []
    shot = output_folder / "review-page.png"
    driver.save_screenshot(str(shot))
    if readme_screenshot is not None:
        readme_screenshot.write_bytes(shot.read_bytes())
    assert 0 < shot.stat().st_size < MAX_SCREENSHOT

    # the filter: only the beads that need attention
    from selenium.webdriver.support.ui import Select

    select = Select(driver.find_element("id", "filter"))
    select.select_by_value("attention")
    shown = js(
        driver, "return [...document.querySelectorAll('tr.bead:not([hidden])')].map(r => r.id)"
    )
    assert shown == ["b23", "b30", "b37", "b42", "b65", "b70", "b76"]
    select.select_by_value("flagged")
    shown = js(
        driver, "return [...document.querySelectorAll('tr.bead:not([hidden])')].map(r => r.id)"
    )
    assert shown == ["b37"]
    select.select_by_value("all")
    driver.find_element("tag name", "h1").click()  # the keys go to the page, not the select

    # the keys: n/p between beads that need attention, j/k between the beads shown
    press(driver, "n")
    assert current(driver) == "b23"
    press(driver, "nn")
    assert current(driver) == "b37"
    press(driver, "p")
    assert current(driver) == "b30"
    press(driver, "j")
    assert current(driver) == "b31"
    press(driver, "kk")
    assert current(driver) == "b29"
    assert js(driver, "return document.activeElement.id") == "b29"
    driver.save_screenshot(str(output_folder / "review-page-keys.png"))


def test_a_correction_made_in_the_page_is_applied_and_kept(
    chromium, built, download_folder, output_folder, capsys
):
    driver = chromium
    driver.get(page_url(built / "out" / "review" / f"{ARTICLE}.html"))
    before = js(driver, "return document.querySelectorAll('tr.bead').length")
    # confirm the flagged bead with the key c
    js(driver, "location.hash = '#b37'")
    assert current(driver) == "b37"
    press(driver, "c")
    assert js(driver, "return document.getElementById('b37').dataset.status") == "confirmed"
    # merge b20 with b21 with its button
    click(driver, "#b20 button[data-action='merge']")
    assert js(driver, "return document.querySelectorAll('tr.bead').length") == before - 1
    assert js(driver, "return document.querySelector('#b20 .shape').textContent") == "2-2"
    assert js(driver, "return document.getElementById('b21')") is None
    # move the last English sentence of b50 (1-1) to b51 (1-2)
    assert shapes(driver, "b50", "b51") == ["1-1", "1-2"]
    moved = js(driver, "return document.querySelector('#b50 td.en span.segment').textContent")
    click(driver, "#b50 button[data-action='en-down']")
    assert shapes(driver, "b50", "b51") == ["1-0", "1-3"]
    first = js(driver, "return document.querySelector('#b51 td.en span.segment').textContent")
    assert first == moved
    assert "4 beads corrected" in driver.find_element("id", "corrections").text
    driver.save_screenshot(str(output_folder / "review-page-corrected.png"))

    for old in download_folder.glob("*"):
        old.unlink()
    click(driver, "#export")
    exported = download_folder / f"{ARTICLE}.corrections.json"
    for _ in range(100):
        if exported.exists() and exported.stat().st_size:
            break
        time.sleep(0.1)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["document"] == ARTICLE
    assert [bead["status"] for bead in data["beads"]] == ["edited", "confirmed", "edited", "edited"]
    assert [len(bead["source"]) for bead in data["beads"]] == [2, 1, 1, 1]

    project = ["--project", str(built)]
    assert main(["review", "apply", str(exported), *project]) == 0
    assert "recorded 4 reviewed beads" in capsys.readouterr().out
    recorded = read_reviewed(built / "texts" / ARTICLE / "reviewed.json")
    assert len(recorded.beads) == 4
    assert main(["build", *project, "-j", "1"]) == 0
    driver.get(page_url(built / "out" / "review" / f"{ARTICLE}.html"))
    assert js(driver, "return document.querySelectorAll('tr.bead').length") == before - 1
    assert js(driver, "return document.querySelector('#b20 .shape').textContent") == "2-2"
    assert "reviewed-edited" in js(driver, "return document.getElementById('b20').className")
    # b37 (now b36) confirmed, the only flagged bead; b50 (now b49) left 1-0 by the reviewer
    assert js(driver, "return document.querySelectorAll('tr.flagged').length") == 0
    assert shapes(driver, "b49", "b50") == ["1-0", "1-3"]
    assert "confirmed" in js(
        driver, "return document.querySelector('#b36 .review-status').textContent"
    )


HOSTILE = '<script>window.pwned = 1</script><img src="x" onerror="window.pwned = 2"> & </td>'


def test_markup_in_a_segment_is_shown_as_text_never_run(chromium, tmp_path):
    source = (Segment("p1.s1", "p1", Kind.BODY, f"متن {HOSTILE}"),)
    target = (Segment("p1.s1", "p1", Kind.BODY, f"Text {HOSTILE}"),)
    document = ReviewDocument("hostile", source, target, (PageBead((0,), (0,), 0.2, "low"),))
    path = tmp_path / "hostile.html"
    path.write_text(review_page(document), encoding="utf-8")
    chromium.get(page_url(path))
    assert js(chromium, "return window.pwned === undefined")
    assert js(chromium, "return document.querySelectorAll('img').length") == 0
    texts = js(
        chromium, "return [...document.querySelectorAll('span.segment')].map(s => s.textContent)"
    )
    assert texts == [f"متن {HOSTILE}", f"Text {HOSTILE}"]
    assert js(chromium, "return document.querySelectorAll('#b1 td.actions button').length") == 7
    assert severe_logs(chromium) == []
