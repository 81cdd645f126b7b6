"""The edition on the page: the stamp under each title, and the "what changed since" panel (CrisisWatch-style)."""

from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd
from IPython.display import HTML

from widgets import fmt
from widgets.analysis.register import as_of_words, unit_words
from widgets.editions.diff import Changes
from widgets.editions.stamp import Stamp
from widgets import flags_html as flags_ui
from widgets.html_parts import changes_title, cite
from widgets.i18n import _, ngettext
from widgets.register_text import metric_label, translate
from widgets.show import part
from widgets.ui.url_state import UrlState, page_query, parse_query

BADGE = {"current": "●", "ageing": "◐", "stale": "○"}
PARAM = "changes."


def esc(text: object) -> str:
    return html.escape(str(text))


def stamp_html(stamp: Stamp) -> str:
    c = stamp.currency
    edition = _("Edition {edition} · {published}").format(edition=stamp.edition, published=fmt.day(stamp.published))
    fact = _("(newest dated fact, {fact_id})").format(fact_id=c.cutoff.fact_id)
    label, cutoff = _("Edition and data currency"), _("Data cut-off: {day}").format(day=fmt.day(c.cutoff.day))
    rule = _("Rule: {rule}.").format(rule=c.rule())
    return (f'<div class="edition-stamp {c.status}" role="note" aria-label="{esc(label)}" '
            f'data-line="{esc(stamp.line())}"><p class="stamp-line">'
            f'<span class="edition">{esc(edition)}</span> · '
            f'<span class="cutoff">{esc(cutoff)} '
            f'<span class="fact-id">{esc(fact)}</span></span> · '
            f'<span class="currency-badge {c.status}" title="{esc(c.rule())}">{BADGE[c.status]} {esc(c.status_word)}'
            f'</span></p><p class="currency-sentence">{esc(c.sentence())} <span class="currency-rule">'
            f'{esc(rule)}</span></p></div>')


# The fields of a revised row a reader needs (evidence notes and id lists follow the text they belong to).
SHOWN_FIELDS = {"text", "source_id", "source_ids", "value", "value_low", "value_high", "unit", "as_of", "gap",
                "consequence", "verdict", "explanation", "date_start", "date_end", "summary", "confidence",
                "estimative_term", "title", "publisher", "url", "published"}


def _section(summary: str, body: str, open_: bool = False) -> str:
    """One folded group of the panel: its count in the summary line, the detail a click away."""
    return (f'<details class="changes-group"{" open" if open_ else ""}><summary>{esc(summary)}</summary>'
            f"{body}</details>")


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else ""


def changes_html(changes: Changes, *, topics: tuple[str, ...] | None = None, events: bool = True,
                 flags: pd.DataFrame | None = None, statements: pd.DataFrame | None = None,
                 pages: tuple[str, ...] | None = None, chapter: str | None = None) -> str:
    """The panel's body. `topics` keeps the figures of those topics and `chapter` (e.g. '01') the judgements of
    that chapter; None keeps all."""
    figures = changes.new_figures
    revised = changes.revised
    if topics is not None:
        figures = figures[figures["topic"].isin(topics)]
        letters = {{"corridor": "C", "fuel": "C", "gold": "G", "threat": "T", "displacement": "H",
                    "humanitarian": "H", "economy": "T"}[t] for t in topics}
        revised = revised[(revised["table"] == "figures") & revised["row_id"].str[0].isin(letters)
                          | (revised["table"] == "judgements") & revised["row_id"].str.startswith(f"{chapter}-")]
    since = _("Compared with edition {since}; arrows: ▲ deteriorated, ▼ improved, ● unchanged. Counts of "
              "news-reported events are floors: our record is incomplete.").format(since=changes.since)
    parts = [f'<p class="changes-since">{esc(since)}</p>']
    new = _("new")
    new = f'<span class="new-tag">{esc(new)}</span>'
    sources = _("Sources: {ids}")
    empty = esc(_("(empty)"))
    if events and len(changes.new_events):
        rows = [f'{new} <strong>{esc(fmt.day(r.date_start))}</strong> '
                f'[{esc(r.event_id)}, {esc(_type_label(r.event_type))}, {esc(confidence_words(r.confidence))}] '
                f'{esc(translate(r.reason or r.summary))} <span class="ids">'
                f'{esc(sources.format(ids=r.source_ids.replace(";", ", ")))}</span>'
                for r in changes.new_events.itertuples()]
        parts.append(_section(counted("{n} new event", "{n} new events", len(rows)), _list(rows), True))
    if len(figures):
        rows = []
        for r in figures.itertuples():
            value = r.value or "–".join(v for v in (r.value_low, r.value_high) if v) or _("unknown")
            beside = _("Beside: {earlier} — both shown, neither preferred.").format(earlier=r.earlier)
            beside = f' <span class="beside">{esc(beside)}</span>' if r.earlier else ""
            where = _("({as_of}; {confidence}; source {source_id})").format(
                as_of=as_of_words(r.as_of), confidence=confidence_words(r.confidence), source_id=r.source_id)
            rows.append(f'{new} [{esc(r.figure_id)}] {esc(metric_label(r.metric))}: '
                        f'<strong>{esc(value)} {esc(unit_words(r.unit))}</strong> {esc(where)}.{beside}')
        parts.append(_section(counted("{n} new figure", "{n} new figures", len(rows)), _list(rows)))
    revised = revised[revised["field"].isin(SHOWN_FIELDS)]
    if len(revised):
        # old and new are register texts (the previous edition's and the current), translated like the reason
        def shown(text: str, field: str) -> str:
            return (cite(text) if field == "title" else esc(translate(text))) if text else empty  # titles: quoted

        rows = [f'[{esc(r.row_id)}] {esc(r.field.replace("_", " "))}: {shown(r.old, r.field)} → '
                f'<strong>{shown(r.new, r.field)}</strong>. '
                f'<span class="reason">{esc(translate(r.reason))}</span>'
                for r in revised.itertuples()]
        # Translators: English keeps "rows" for one row too (its wording before the French edition).
        parts.append(_section(counted("{n} rows revised (old → new)", "{n} rows revised (old → new)",
                                      revised["row_id"].nunique()), _list(rows)))
    if len(changes.withdrawn) and topics is None:
        withdrawn = _("[{row_id}] {what} — withdrawn: {reason}")
        rows = [esc(withdrawn).format(row_id=esc(r.row_id), reason=esc(translate(r.reason)),
                                      what=cite(r.what) if r.table == "sources" else esc(r.what))
                for r in changes.withdrawn.itertuples()]
        parts.append(_section(ngettext("{n} withdrawn (kept in edition {since})", "{n} withdrawn (kept in edition "
                                       "{since})", len(rows)).format(n=fmt.number(len(rows)), since=changes.since),
                              _list(rows)))
    if flags is not None and len(flags):
        rows = [f'{flags_ui.move_badge(r.movement)} {esc(r.group)}: {esc(r.before)} → {esc(r.now)}'
                for r in flags.itertuples()]
        rule = esc(flags.attrs.get("rule", ""))
        moved = int((flags["movement"] != "unchanged").sum())
        parts.append(_section(_("Change-vs-baseline flags: {n} moved").format(n=fmt.number(moved)),
                              f"{_list(rows)}<p class='rule'>{rule}</p>"))
    if statements is not None and len(statements):
        before, now = _("Before: {text}"), _("Now: {text}")
        rows = [f'<span class="before">{esc(before.format(text=r.before))}</span><br>'
                f'<strong>{esc(now.format(text=r.now))}</strong>' for r in statements.itertuples()]
        # Translators: English keeps "takeaways" for one too (its wording before the French edition).
        parts.append(_section(counted("{n} takeaways reworded", "{n} takeaways reworded", len(rows)), _list(rows)))
    corrections = changes.corrections
    if pages is not None:
        corrections = corrections[corrections["page"].isin(pages)]
    if len(corrections):
        rows = [f'<strong>{esc(r.page)}</strong>: {esc(translate(r.reason))}' for r in corrections.itertuples()]
        parts.append(_section(counted("{n} correction", "{n} corrections", len(rows)), _list(rows)))
    if len(parts) == 1:
        nothing = _("Nothing in this chapter's evidence changed since that edition.")
        parts.append(f"<p>{html.escape(nothing, quote=False)}</p>")
    return "".join(parts)


def counted(singular: str, plural: str, n: int) -> str:
    """A count with its noun in the page's language ('1 new event', '3 new events')."""
    return ngettext(singular, plural, n).format(n=fmt.number(n))


def _type_label(event_type: str) -> str:
    """'state_escort_or_ops' → 'State escort or operation' (the pages' label, in the page's language)."""
    from widgets.vocabulary import TYPE_LABELS

    return _(TYPE_LABELS[event_type]) if event_type in TYPE_LABELS else event_type.replace("_", " ")


def confidence_words(level: str) -> str:
    """'high' → 'high confidence' (the page's words; widgets.ui.page holds them)."""
    from widgets.ui.page import confidence_words as words  # page imports this module

    return words(level)


@part
def changes_panel(render, choices: list[int], default: int) -> W.Widget | HTML:
    """The panel with its edition menu; the choice is kept in the page address (`?changes.since=1`).

    render(since) returns the panel's HTML body for a compared edition.
    """
    title = changes_title()
    saved = parse_query(page_query(), PARAM).get("since")
    since, message = default, ""
    if saved is not None:
        if saved.strip().isdigit() and int(saved) in choices:
            since = int(saved)
        else:
            shown = saved if len(saved) <= 20 else saved[:20] + "…"
            message = (f'<p class="briefing-note warning">' + esc(_(
                "The address asks to compare with edition {asked}, which does not exist; compared with edition "
                "{default} instead.").format(asked=shown, default=default)) + "</p>")
    if not choices:
        return HTML(f'<section class="what-changed">{title}{render(since)}</section>')
    menu = W.Dropdown(options=[(_("Edition {n}").format(n=n), n) for n in choices], value=since,
                      description=_("Compare with"),
                      style={"description_width": "initial"})
    body = W.HTML(message + render(since))
    url = UrlState(prefix=PARAM)
    url.state = {f"{PARAM}since": str(since)}  # always: a copied link reopens the same comparison

    def changed(change) -> None:
        body.value = render(change["new"])
        url.state = {f"{PARAM}since": str(change["new"])}

    menu.observe(changed, names="value")
    return W.VBox([W.HTML(title), menu, body, url], layout=W.Layout(width="100%"),
                  _dom_classes=["what-changed"])


# --- what a notebook calls (a few calls per page) ----------------------------------------------------------------

def current_stamp() -> Stamp:
    """The stamp of the edition the page shows, judged today (widgets.clock)."""
    from widgets import clock, loaders
    from widgets.editions.stamp import page_stamp

    return page_stamp(loaders.load_editions(), loaders.load_register(), loaders.load_catalogue(), clock.today())


def first_edition() -> str:
    """The panel of a first edition, in the page's language: nothing to compare yet."""
    first = esc(_("This is the first edition: there is nothing to compare yet."))
    return f'<section class="what-changed">{changes_title()}<p>{first}</p></section>'


def _bodies(body) -> dict[str, str]:
    """The panel's body for each earlier edition, keyed by its number as text (what `make data` stores)."""
    from widgets import loaders
    from widgets.editions.diff import compare

    editions = loaders.load_editions()
    current = loaders.load_register()
    out = {}
    for since in (n for n in editions.numbers() if n < current.number):
        old = loaders.load_register(since)
        out[str(since)] = body(compare(old, current, editions.changelog), old, current)
    return out


def stored_changes(bodies: dict[str, str]) -> W.Widget | HTML:
    """The "what changed" panel from its bodies as computed once (`*_changes_bodies`, stored by `make data`):
    the reader's choice of edition, from the menu or the address, only picks one."""
    if not bodies:
        return HTML(first_edition())
    choices = sorted(int(n) for n in bodies)
    return changes_panel(lambda since: bodies[str(since)], choices, choices[-1])


def overview_changes_bodies(summary: pd.DataFrame, lengths: pd.DataFrame) -> dict[str, str]:
    """Every change since each earlier edition: events, figures, revisions, withdrawals, flags, reworded text."""
    from widgets.analysis.changes import flag_moves, overview_statements

    return _bodies(lambda changes, old, new: changes_html(
        changes, flags=flag_moves(old, new), statements=overview_statements(old, new, summary, lengths)))


def chapter_changes_bodies(chapter: str, topics: tuple[str, ...], pages: tuple[str, ...], events: bool = True,
                           flags: bool = False) -> dict[str, str]:
    """A chapter's share of the changes since each earlier edition: its figures' topics, its judgements ('01' →
    01-J…), its pages' corrections, and the new events if it maps them."""
    from widgets.analysis.changes import flag_moves

    return _bodies(lambda changes, old, new: changes_html(
        changes, topics=topics, events=events, pages=pages, chapter=chapter,
        flags=flag_moves(old, new) if flags else None))


def overview_changes(summary: pd.DataFrame, lengths: pd.DataFrame) -> W.Widget | HTML:
    """The overview's panel, computed now (the page shows the stored bodies: `stored_changes`)."""
    return stored_changes(overview_changes_bodies(summary, lengths))


def chapter_changes(chapter: str, topics: tuple[str, ...], pages: tuple[str, ...], events: bool = True,
                    flags: bool = False) -> W.Widget | HTML:
    """A chapter's panel, computed now (the page shows the stored bodies: `stored_changes`)."""
    return stored_changes(chapter_changes_bodies(chapter, topics, pages, events, flags))


def new_events() -> tuple[pd.DataFrame, int]:
    """(events added since the previous edition, that edition's number) for the figures' rings; (empty, 0) for a
    first edition. Static figures compare with the previous edition; the panel's menu can choose another."""
    from widgets import loaders
    from widgets.editions.diff import compare

    editions = loaders.load_editions()
    current = loaders.load_register()
    earlier = [n for n in editions.numbers() if n < current.number]
    if not earlier:
        return current.events.iloc[0:0], 0
    return compare(loaders.load_register(earlier[-1]), current, editions.changelog).new_events, earlier[-1]
