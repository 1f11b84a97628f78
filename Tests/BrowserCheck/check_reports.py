#!/usr/bin/env python3
"""Browser check for the HTML reports of the CivicDataKit apps.

Opens each report in headless Chromium (Debian's /usr/bin/chromium, no
Playwright browser download) and checks what a reader would notice:
sideways scrolling, cut, overlapping, tiny or faint chart marks, axe-core
accessibility rules, and tables that do not fit on a printed A4 page.

    python check_reports.py [--screenshots DIR] REPORT.html ...
    python check_reports.py --self-test

Prints a PASS or FAIL line per report and check; exits 1 if any failed.
"""

import argparse
import math
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
DESKTOP, PHONE = 1280, 390        # window widths in CSS px
WINDOW_HEIGHT = 900
PRINT_MARGIN_MM = 15
PRINT_WIDTH = round((210 - 2 * PRINT_MARGIN_MM) / 25.4 * 96)  # A4 at 96 px/inch
MIN_FONT_PX = 9.0
MIN_CONTRAST = 3.0                # WCAG 1.4.11: chart marks against background
TOLERANCE = 1.0                   # px, for rounding in the layout engine
# Text boxes include the font's ascent and descent, a px or two above and
# below the glyphs, so two labels may touch boxes that far without clashing.
OVERLAP_TOLERANCE = 2.0
FAILING_IMPACTS = ("moderate", "serious", "critical")
# Rated "minor" by axe, but an empty <th> leaves a column unnamed for screen
# readers, so it fails here too.
FAILING_RULES = ("empty-table-header",)
FIXTURES = Path(__file__).parent / "fixtures"

# JavaScript run inside the page; each snippet returns plain data.
# describe() names an element for a person: tag, class, caption or heading.
DESCRIBE_JS = """
function describe(el) {
  const caption = el.querySelector('caption');
  let label = caption ? caption.textContent : '';
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    if (!caption && (h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) {
      label = 'after heading ' + h.textContent;
    }
  }
  return {tag: el.tagName.toLowerCase(), cls: el.getAttribute('class') || '',
          label: label.replace(/\\s+/g, ' ').trim()};
}"""

# Elements reaching past the window's right edge whose parent does not:
# the ones that make the page scroll. Content of scroll boxes is skipped.
OVERFLOW_JS = "() => {" + DESCRIBE_JS + """
  const limit = window.innerWidth + 1;
  const inScrollBox = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const right = el.getBoundingClientRect().right;
    if (right <= limit || inScrollBox(el)) continue;
    if (el.parentElement.getBoundingClientRect().right > limit) continue;
    found.push(Object.assign(describe(el), {right: Math.round(right)}));
  }
  return found.sort((a, b) => b.right - a.right);
}"""

# Each top-level <svg> with a viewBox: the viewBox in window coordinates,
# its scale (rendered px per viewBox unit), its texts and its mark colours.
SVG_JS = """() => Array.from(document.querySelectorAll('svg[viewBox]'))
  .filter(svg => !svg.parentElement.closest('svg'))
  .map((svg, index) => {
    const vb = svg.viewBox.baseVal, ctm = svg.getScreenCTM();
    const a = new DOMPoint(vb.x, vb.y).matrixTransform(ctm);
    const b = new DOMPoint(vb.x + vb.width, vb.y + vb.height).matrixTransform(ctm);
    const texts = [];
    for (const t of svg.querySelectorAll('text')) {
      const text = t.textContent.replace(/\s+/g, ' ').trim();
      if (!text || t.getBoundingClientRect().width === 0) continue;  // empty or hidden
      // The text's box in its own (maybe rotated) coordinates, as 4 corners
      // in window coordinates.
      const box = t.getBBox(), m = t.getScreenCTM();
      const corners = [[box.x, box.y], [box.x + box.width, box.y],
                       [box.x + box.width, box.y + box.height], [box.x, box.y + box.height]]
        .map(([x, y]) => { const p = new DOMPoint(x, y).matrixTransform(m); return [p.x, p.y]; });
      texts.push({text: text, corners: corners,
                  fontSize: parseFloat(getComputedStyle(t).fontSize)});
    }
    const shapes = Array.from(svg.querySelectorAll('rect, circle, ellipse, polygon, path, polyline'));
    const background = shapes.find(s => s.getAttribute('width') === '100%');
    const marks = shapes.filter(s => s !== background).map(s => {
      const style = getComputedStyle(s);
      return style.fill !== 'none' ? style.fill : style.stroke;
    });
    const title = svg.querySelector('title');
    return {name: title ? title.textContent.trim() : 'chart ' + (index + 1),
            left: a.x, top: a.y, right: b.x, bottom: b.y,
            scale: (b.x - a.x) / vb.width, texts: texts, marks: marks,
            background: background ? getComputedStyle(background).fill : 'rgb(255, 255, 255)'};
  })"""

# Tables wider than the content box of their container or than the page.
WIDE_TABLES_JS = "() => {" + DESCRIBE_JS + """
  const page = document.documentElement.clientWidth;
  const wide = [];
  for (const table of document.querySelectorAll('table')) {
    const box = table.parentElement, style = getComputedStyle(box);
    const room = Math.min(page, box.clientWidth - parseFloat(style.paddingLeft)
                                                - parseFloat(style.paddingRight));
    const width = Math.max(table.getBoundingClientRect().width, table.scrollWidth);
    if (width > room + 1) {
      wide.push(Object.assign(describe(table), {width: Math.round(width), room: Math.round(room)}));
    }
  }
  return wide;
}"""

HEADERS_JS = "() => Array.from(document.querySelectorAll('thead th'), th => th.textContent)"


class Result:
    """The PASS/FAIL lines of one report; prints them as they come."""

    def __init__(self, name):
        self.passed, self.failed = [], []
        print(f"\n== {name}")

    def report(self, check, problems):
        """Records one check, which passed if `problems` (lines) is empty."""
        if problems:
            self.failed.append(check)
            print("FAIL  " + check)
        else:
            self.passed.append(check)
            print("PASS  " + check)
        for line in problems[:12]:
            print("        " + line)
        if len(problems) > 12:
            print(f"        ... and {len(problems) - 12} more")


def element_name(info):
    """Formats describe() output, e.g. `table "Cases by service"`."""
    name = info["tag"] + "".join("." + c for c in info["cls"].split())
    return f'{name} "{info["label"][:70]}"' if info["label"] else name


def check_scrolling(page, width):
    """Check 1: the page does not scroll sideways at this window width."""
    page_width = page.evaluate("document.documentElement.scrollWidth")
    if page_width <= width + TOLERANCE:
        return []
    return [f"page is {page_width}px wide in a {width}px window; sticking out:"] + [
        f"  {element_name(e)} reaches x={e['right']}px" for e in page.evaluate(OVERFLOW_JS)]


def check_text_inside(charts):
    """Check 2: every chart text lies inside its chart's viewBox."""
    problems = []
    for chart in charts:
        for t in chart["texts"]:
            xs = [x for x, y in t["corners"]]
            ys = [y for x, y in t["corners"]]
            edges = [edge for edge, outside in (
                ("left", min(xs) < chart["left"] - TOLERANCE),
                ("right", max(xs) > chart["right"] + TOLERANCE),
                ("top", min(ys) < chart["top"] - TOLERANCE),
                ("bottom", max(ys) > chart["bottom"] + TOLERANCE)) if outside]
            if edges:
                problems.append(f'chart "{chart["name"]}": "{t["text"]}" cut at the '
                                + "/".join(edges) + " edge")
    return problems


def overlap_depth(quad_a, quad_b):
    """How deep two text boxes (4 corners each, maybe rotated) overlap.

    Separating axis test: project both boxes onto the directions at right
    angles to their edges; the boxes overlap only if the projections overlap
    on every direction, and the smallest of those overlaps is the depth.
    For boxes that are not rotated this is min(overlap across, overlap down).
    """
    depth = float("inf")
    for quad in (quad_a, quad_b):
        for (x1, y1), (x2, y2) in zip(quad, quad[1:] + quad[:1]):
            length = math.hypot(x2 - x1, y2 - y1)
            if length == 0:
                continue
            nx, ny = (y1 - y2) / length, (x2 - x1) / length
            a = [x * nx + y * ny for x, y in quad_a]
            b = [x * nx + y * ny for x, y in quad_b]
            depth = min(depth, min(max(a), max(b)) - max(min(a), min(b)))
    return max(depth, 0.0)


def check_overlaps(charts):
    """Check 3: no two texts of a chart overlap by more than
    OVERLAP_TOLERANCE (rotated labels compared as rotated boxes)."""
    problems = []
    for chart in charts:
        texts = chart["texts"]
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:
                depth = overlap_depth(a["corners"], b["corners"])
                if depth > OVERLAP_TOLERANCE:
                    problems.append(f'chart "{chart["name"]}": "{a["text"]}" overlaps '
                                    f'"{b["text"]}" by {depth:.1f}px')
    return problems


def check_font_size(charts):
    """Check 6: chart text on a phone is rendered at least MIN_FONT_PX high
    (font size in viewBox units times rendered px per viewBox unit)."""
    problems = []
    for chart in charts:
        sizes = [t["fontSize"] * chart["scale"] for t in chart["texts"]]
        small = [size for size in sizes if size < MIN_FONT_PX]
        if small:
            problems.append(f'chart "{chart["name"]}": {len(small)} of {len(sizes)} texts '
                            f'below {MIN_FONT_PX:g}px (smallest {min(small):.1f}px)')
    return problems


def luminance(css_colour):
    """Relative luminance (WCAG 2) of a computed colour like 'rgb(230, 159, 0)'."""
    channels = [int(c) / 255 for c in re.findall(r"\d+", css_colour)[:3]]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def check_contrast(charts):
    """Extra check: bars, lines and dots reach 3:1 against the chart
    background (WCAG 1.4.11, which axe-core does not test for SVG)."""
    problems = []
    for chart in charts:
        back = luminance(chart["background"])
        for colour, count in Counter(chart["marks"]).items():
            if colour in ("none", chart["background"]) or colour.startswith("url"):
                continue
            ratio = (max(back, luminance(colour)) + 0.05) / (min(back, luminance(colour)) + 0.05)
            if ratio < MIN_CONTRAST:
                problems.append(f'chart "{chart["name"]}": {count} mark(s) in {colour} have '
                                f"contrast {ratio:.2f}:1 against {chart['background']}")
    return problems


def check_accessibility(page):
    """Check 4: axe-core finds no moderate, serious or critical violation."""
    problems = []
    for rule in Axe().run(page).response["violations"]:
        if rule["impact"] not in FAILING_IMPACTS and rule["id"] not in FAILING_RULES:
            print(f"note  axe {rule['id']} ({rule['impact']}, not failing): {rule['help']}")
            continue
        problems.append(f"{rule['id']} ({rule['impact']}): {rule['help']}")
        for node in rule["nodes"][:3]:
            snippet = " ".join(node["html"].split())[:80]
            problems.append(f"    at {', '.join(map(str, node['target']))}: {snippet}")
        if len(rule["nodes"]) > 3:
            problems.append(f"    ... and {len(rule['nodes']) - 3} more elements")
    return problems


def words(text):
    """The comparable pieces of a text: Unicode compatibility forms, lower
    case, soft hyphens dropped, split at spaces and after hyphens, so that a
    header wrapped as "Charlottenburg-" / "Wilmersdorf" still matches."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").casefold()
    return re.findall(r"\w+-?", text)


def check_print_width(page):
    """Check 5a: in print layout no table is wider than the printable width
    of A4; Chrome would shrink the whole page to fit it, or cut it off."""
    return [f"{element_name(t)} is {t['width']}px wide, {t['room']}px fit on the page"
            for t in page.evaluate(WIDE_TABLES_JS)]


def check_print_headers(page):
    """Check 5b: every table header cell shows up in the text of the A4 PDF
    (each word at least as often as the headers use it)."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "report.pdf"
        margin = f"{PRINT_MARGIN_MM}mm"
        page.pdf(path=str(pdf), format="A4", print_background=True,
                 margin={"top": margin, "bottom": margin, "left": margin, "right": margin})
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                              capture_output=True, text=True).stdout
    in_pdf = Counter(words(text))
    headers = [" ".join(h.split()) for h in page.evaluate(HEADERS_JS)]
    needed = Counter(w for h in headers for w in words(h))
    missing = sorted({h for h in headers if any(in_pdf[w] < needed[w] for w in words(h))})
    return [f"missing from the PDF: {h!r} (header of {headers.count(h)} table(s))"
            for h in missing]


def check_report(browser, path, label, screenshot_dir):
    """Runs every check on one report file; returns its Result."""
    result = Result(path)
    page = browser.new_page(viewport={"width": DESKTOP, "height": WINDOW_HEIGHT})
    page.goto(Path(path).resolve().as_uri())
    for width in (DESKTOP, PHONE):
        page.set_viewport_size({"width": width, "height": WINDOW_HEIGHT})
        result.report(f"no horizontal scrolling at {width}px", check_scrolling(page, width))
        charts = page.evaluate(SVG_JS)
        if width == DESKTOP:
            result.report("chart texts inside their viewBox", check_text_inside(charts))
            result.report("chart texts do not overlap", check_overlaps(charts))
            result.report(f"chart marks reach {MIN_CONTRAST:g}:1 contrast", check_contrast(charts))
        else:
            result.report(f"chart text at least {MIN_FONT_PX:g}px at {width}px",
                          check_font_size(charts))
        # At both widths: a table that scrolls only on a phone must be
        # reachable by keyboard there (axe rule scrollable-region-focusable).
        result.report(f"axe-core at {width}px: no moderate/serious/critical violations",
                      check_accessibility(page))
        if screenshot_dir:
            page.screenshot(path=str(Path(screenshot_dir) / f"{label}-{width}.png"),
                            full_page=True)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PRINT_WIDTH, "height": WINDOW_HEIGHT})
    result.report(f"print: no table wider than A4 ({PRINT_WIDTH}px)", check_print_width(page))
    result.report("print: every table header in the PDF text", check_print_headers(page))
    page.close()
    return result


def screenshot_labels(paths):
    """File names for screenshots: the file's stem, or folder-stem when
    several reports share a name (publish-en/report.html)."""
    stems = [Path(p).stem for p in paths]
    return [f"{Path(p).parent.name}-{s}" if stems.count(s) > 1 else s
            for p, s in zip(paths, stems)]


def run_checks(paths, screenshot_dir=None):
    """Checks every report in one browser; returns their Results."""
    if screenshot_dir:
        Path(screenshot_dir).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox"])
        results = [check_report(browser, str(path), label, screenshot_dir)
                   for path, label in zip(paths, screenshot_labels(paths))]
        browser.close()
    return results


def self_test():
    """The fixtures: good.html must pass every check, bad.html fail every one."""
    good, bad = run_checks([FIXTURES / "good.html", FIXTURES / "bad.html"])
    print(f"\n== self-test\ngood.html failed: {good.failed or 'nothing'} (want nothing)")
    print(f"bad.html passed: {bad.passed or 'nothing'} (want nothing)")
    ok = not good.failed and not bad.passed
    print("self-test " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


def main():
    """Parses the command line, runs the checks and prints a summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="*", help="HTML report files")
    parser.add_argument("--screenshots", metavar="DIR",
                        help="write a full-page PNG per report and window width")
    parser.add_argument("--self-test", action="store_true",
                        help="check the fixtures: good.html passes, bad.html fails")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    if not args.reports:
        parser.error("give at least one report file")
    results = run_checks(args.reports, args.screenshots)
    passed = sum(len(r.passed) for r in results)
    failed = sum(len(r.failed) for r in results)
    print(f"\nbrowser-check: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
