"""Small building blocks that work with ipyvuetify 3 (Vuetify 3), which this project uses.

Some of Solara's own components still speak Vuetify 2 (``solara.Info`` and friends,
``solara.Details``, ``solara.lab.Tabs``); these replace the ones the dashboard needs.
"""

from __future__ import annotations

import solara

__all__ = ["Note", "Prose", "Section", "Table", "ViewSwitch"]


@solara.component
def Note(text: str, kind: str = "info", classes: list[str] | None = None):
    """A coloured message box; ``kind`` is info, success, warning or error."""
    return solara.v.Alert(type=kind, variant="tonal", density="compact", text=text,
                          class_=" ".join(["my-1", *(classes or [])]))


@solara.component
def Section(title: str, children=[], open: bool = False):  # noqa: B006 (reacton passes children this way)
    """A collapsible group: a header button, and its children only while open."""
    is_open, set_open = solara.use_state(open)
    solara.Button(("▾ " if is_open else "▸ ") + title, on_click=lambda: set_open(not is_open), text=True,
                  style={"justify-content": "flex-start", "text-transform": "none", "font-weight": "600",
                         "width": "100%"}, classes=["section-header"])
    if is_open:
        solara.Column(gap="4px", style={"padding-left": "8px"}, children=children)


@solara.component
def ViewSwitch(views: list[str], value: str, on_value):
    """Buttons that choose which view the page shows (a stand-in for tabs)."""
    with solara.Row(gap="4px"):
        for view in views:
            solara.Button(view, on_click=lambda view=view: on_value(view), color="primary",
                          outlined=view != value, classes=[f"view-{view.lower().replace(' ', '-')}"])


@solara.component
def Prose(text: str, classes: list[str] | None = None):
    """Plain text in paragraphs (blank-line separated); `backticked` words in code type.

    (Used instead of ``solara.Markdown``, which asks the server for KaTeX files that
    solara-assets does not ship.)
    """
    with solara.Div(classes=["prose", *(classes or [])]):
        for paragraph in [p for p in text.split("\n\n") if p.strip()]:
            parts = " ".join(paragraph.split()).split("`")
            children = [solara.v.Html(tag="code", children=[part]) if k % 2 else part for k, part in enumerate(parts) if part]
            solara.v.Html(tag="p", children=children, style_="margin-bottom: 6px")


@solara.component
def Table(header: list[str], rows: list[list[str]], classes: list[str] | None = None):
    """A small plain table."""
    cell = "padding: 2px 10px 2px 0; text-align: left"
    with solara.v.Html(tag="table", class_=" ".join(["plain-table", *(classes or [])]),
                       style_="border-collapse: collapse; font-size: 0.9em; margin: 4px 0"):
        with solara.v.Html(tag="tr", style_="border-bottom: 1px solid #ccc"):
            for name in header:
                solara.v.Html(tag="th", children=[name], style_=cell)
        for row in rows:
            with solara.v.Html(tag="tr"):
                for value in row:
                    solara.v.Html(tag="td", children=[str(value)], style_=cell)
