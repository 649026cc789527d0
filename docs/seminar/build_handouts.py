"""Turn the seminar guide, lesson plans and handouts into standalone, printable HTML.

Run from the project folder:

    uv run python docs/seminar/build_handouts.py            # writes docs/seminar/html/
    uv run python docs/seminar/build_handouts.py --out DIR  # somewhere else

Every ``*.md`` file beside this script becomes one HTML file with its CSS inside it
(README.md becomes index.html), so a page can be opened, mailed or printed on its own.
Links between the Markdown files are rewritten to the HTML files. Handouts get a
compact style meant to print on one A4 or Letter page. Needs only the standard library
and ``markdown``, which the project installs (solara depends on it).
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

try:
    import markdown
except ImportError:  # pragma: no cover - markdown comes with the project's environment
    sys.exit("build_handouts.py: the 'markdown' package is missing; run it with the project's "
             "environment: uv run python docs/seminar/build_handouts.py")

HERE = Path(__file__).resolve().parent
EXTENSIONS = ["tables", "fenced_code", "sane_lists"]

CSS = """
:root { --ink: #1d1d1f; --rule: #9aa3ad; --soft: #eef2f6; --accent: #1f3b57; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 "Georgia", "DejaVu Serif", serif; color: var(--ink);
       max-width: 46em; margin: 2em auto; padding: 0 1.2em; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; color: var(--accent);
             line-height: 1.2; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 1.7em; border-bottom: 2px solid var(--accent); padding-bottom: .2em; }
h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05em; }
code { font: .9em "DejaVu Sans Mono", Menlo, Consolas, monospace; background: var(--soft);
       padding: 0 .2em; border-radius: 2px; }
pre { background: var(--soft); border-left: 3px solid var(--accent); padding: .5em .8em;
      white-space: pre-wrap; overflow-wrap: anywhere; break-inside: avoid; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; font-size: .93em; }
th, td { border: 1px solid var(--rule); padding: .3em .45em; vertical-align: top; text-align: left; }
th { background: var(--soft); font-family: "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
tr { break-inside: avoid; page-break-inside: avoid; }
a { color: var(--accent); }
hr { border: none; border-top: 1px solid var(--rule); }
@page { margin: 16mm 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  pre, code { background: #f3f3f3; }
}
"""

HANDOUT_CSS = """
body { font-size: 10pt; line-height: 1.3; max-width: 50em; }
h1 { font-size: 1.45em; margin: 0 0 .4em; }
p { margin: .35em 0; }
pre { margin: .35em 0; padding: .3em .6em; font-size: .92em; }
table { font-size: .9em; margin: .4em 0 .5em; }
td { height: 3.1em; }
td:first-child { width: 24%; }
hr { margin: 2.1em 0 0; border-top: 1px solid #666; }  /* a line of underscores: a line to write on */
@page { margin: 11mm 12mm; }
@media print { body { font-size: 9.5pt; max-width: none; } }
"""

#: Extra style for one handout: handout 1's cells take an outcome and a year for each of three
#: seeds, so they get three handwritten lines (it still prints on one page).
EXTRA_CSS = {
    "handout1_premises": "td { height: 5.4em; } td:first-child { width: 15%; height: auto; }",
}

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
</head>
<body class="{kind}">
{body}
</body>
</html>
"""


def html_name(stem: str) -> str:
    """The HTML file a Markdown file becomes."""
    return "index.html" if stem == "README" else f"{stem}.html"


def page_title(text: str, fallback: str) -> str:
    """The first level-1 heading, without Markdown marks."""
    match = re.search(r"^# (.+)$", text, re.MULTILINE)
    return re.sub(r"[*_`]", "", match.group(1)).strip() if match else fallback


def convert(source: Path) -> str:
    """One Markdown file as a standalone HTML page."""
    text = source.read_text(encoding="utf-8")
    body = markdown.markdown(text, extensions=EXTENSIONS, output_format="html")
    # links to sibling Markdown files point to their HTML versions
    body = re.sub(r'href="([\w.-]+)\.md(#[^"]*)?"', lambda m: f'href="{html_name(m.group(1))}{m.group(2) or ""}"', body)
    kind = "handout" if source.stem.startswith("handout") else "guide"
    css = CSS + (HANDOUT_CSS if kind == "handout" else "") + EXTRA_CSS.get(source.stem, "")
    return PAGE.format(title=html.escape(page_title(text, source.stem)), css=css, kind=kind, body=body)


def build(out: Path) -> list[Path]:
    """Write every page into ``out``; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(HERE.glob("*.md")):
        target = out / html_name(source.stem)
        target.write_text(convert(source), encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Convert the seminar kit to printable HTML.")
    parser.add_argument("--out", type=Path, default=HERE / "html", help="output folder (default: docs/seminar/html)")
    args = parser.parse_args(argv)
    for path in build(args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
