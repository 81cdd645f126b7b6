"""Write notebooks/05_methods_and_sources.ipynb (outputs empty). Kept as a script so the page can be regenerated."""

import nbformat as nbf

md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
cells = [
    code("from datetime import date\n"
         "from IPython.display import display\n"
         "from widgets import loaders as L\n"
         "from widgets.analysis import methods as M\n"
         "from widgets.figures.maps import corridor_map\n"
         "from widgets.ui import page\n"
         "from widgets.ui.catalogue_table import sources_browser\n"
         "catalogue = L.load_catalogue()\n"
         "events, figures = L.load_events(), L.load_figures()\n"
         "summary, lengths = L.load_corridor_summary(), L.load_corridor_lengths()\n"
         "today = date.today()"),
    # No chapter links at the top: the template's bar has them, and a widget as a page's first output can lose
    # the race with the widget manager's model loading ("widget model not found").
    code('page.guarded(lambda: page.header("Methods and sources", "How this briefing is built, where every number '
         'comes from, and what the evidence cannot tell us.", events["date_start"].max()), "header")'),
    code('page.guarded(lambda: page.takeaways(M.takeaway_sentences(catalogue, events, figures, lengths, today)), '
         '"key facts")'),
    md("## How the briefing is built\n\n"
       "The briefing is one flow: **evidence → data → models and figures → widgets → pages**. Each step reads only the "
       "one before it.\n\n"
       "1. **Evidence.** A research desk compiled dated events, figures and their sources from stored copies of public "
       "pages (news wires, broadcasters, think tanks, UN agencies, companies). Each row was checked against the text it "
       "cites. Geodata come from Natural Earth, geoBoundaries, GeoNames and an OpenStreetMap-derived road network.\n"
       "2. **Data.** Every file is copied into the project as an immutable snapshot with a catalogue entry: title, "
       "producer, address, dates, licence, transforms and a checksum. The build refuses to run if a file changed "
       "without being catalogued again, if an event or figure cites a source we do not hold, if a date falls outside "
       "the evidence window, or if a place lies outside its country.\n"
       "3. **Models and figures.** Plain, tested functions turn tables into tables and charts. Every chart carries "
       "its source line; nothing on a page is typed by hand.\n"
       "4. **Pages.** The notebooks hold the narrative and call those functions; Voilà serves them without code, "
       "offline.\n\n"
       "**Rules we hold to.** Unknown stays unknown. Where sources disagree, both values are shown. Claims by a party "
       "to the conflict (the Malian army, JNIM) are labelled as claims. Events compiled from news reports are "
       "incomplete by nature: every count of events is a floor, not a total."),
    md("## The catalogue\n\nEvery data file the briefing reads, with its provenance. The checksum is the first "
       "characters of the file's SHA-256; the build checks the whole value."),
    code('page.guarded(lambda: page.table_view(M.datasets_table(catalogue), "Catalogue: every data file", '
         '"Catalogued data files"), "catalogue")'),
    md("### Freshness\n\nA dataset is *fresh* while its age is within its expected update interval, *due* up to "
       "twice that interval, and *overdue* beyond. The age counts from the day the evidence was retrieved."),
    code('page.guarded(lambda: page.table_view(M.freshness_table(catalogue, today), "Dataset freshness", '
         '"Freshness today"), "freshness")'),
    md("## Sources\n\nEvery source the briefing cites. Type in the box to filter by publisher, title, id, kind or "
       "terms. The links lead to the original pages and need a network; the briefing itself does not. Many "
       "addresses are mirrors that republish a wire story: the publisher column names both."),
    code('page.guarded(lambda: sources_browser(catalogue.sources_table()), "source search")'),
    md("## The corridors on the real roads\n\nEach corridor is routed on an inter-city road network derived from "
       "OpenStreetMap, from its port (or inland origin) through the town its name gives to Bamako, by shortest road "
       "distance. The lines are schematic links between towns, not traced roads; the road lengths are the network's "
       "own road distances. Where a source gives a length, the table sets the two side by side."),
    code('page.guarded(lambda: page.figure(corridor_map(L.load_corridor_segments(), summary, '
         'L.load_countries(), L.load_regions(), L.load_rivers(), L.load_roads(), L.load_places(), '
         'catalogue=catalogue)), "corridor map")\n'
         'page.guarded(lambda: page.table_view(M.corridor_table(summary, lengths), "Show the numbers: corridor '
         'lengths", "Computed road length and cited lengths"), "corridor table")'),
    md("## Where the events happened, and how precisely we know\n\nSources rarely give coordinates. Each event "
       "is linked only to the gazetteer towns its own description names; the map point is that town, not the exact "
       "site of an ambush. Events described nationally, by region, or at villages missing from the gazetteer stay "
       "unresolved, with the reason."),
    code('page.guarded(lambda: page.table_view(M.location_summary(events), "Location precision of the events", '
         '"Events by location precision"), "location summary")\n'
         'page.guarded(lambda: page.table_view(L.load_events_unresolved(), "Unresolved events and why", '
         '"Events with no map point"), "unresolved events")'),
    md("## Where sources disagree\n\nThe same measure given with different values by different sources (or at "
       "different dates). The briefing shows these side by side and never picks one silently."),
    code('page.guarded(lambda: page.table_view(M.conflicting_figures(figures), "Figures with more than one value", '
         '"Conflicting or successive figures"), "conflicts")'),
    md("## Known gaps\n\nWhat we searched for and did not find, and what each page does about it."),
    code('page.guarded(lambda: page.table_view(L.load_gaps(), "Known gaps in the evidence", "Known gaps"), "gaps")'),
    md("## The analysis that prompted the briefing\n\nThe briefing starts from a short analysis published on "
       "12 October (2025, by its content): *Bamako under blockade* (source S000). Each of its claims, paraphrased, "
       "is tested against the catalogued evidence: the evidence **corroborates**, **qualifies**, **contradicts** the "
       "claim, or **cannot test** it."),
    code('page.guarded(lambda: page.table_view(M.seed_claims_table(L.load_seed_claims(), catalogue), '
         '"Seed claims and verdicts", "Claims of the seed analysis tested"), "seed claims")'),
    md("## Attributions and licences\n\n"
       "- Boundaries, rivers, ports and most places: **Natural Earth** (public domain).\n"
       "- Mali's regions: **geoBoundaries** (CC BY 4.0), from the Direction Nationale des Collectivités Territoriales "
       "and UN OCHA. These are Mali's pre-2023 regions (eight regions and the Bamako district).\n"
       "- Some places: **GeoNames** (CC BY 4.0).\n"
       "- Roads: **© OpenStreetMap contributors** (ODbL 1.0), via the flownet road network of S. Krantz (2024).\n"
       "- News articles are cited for facts only; their text is not reproduced."),
    code('page.guarded(lambda: page.nav("05_methods_and_sources.ipynb"), "navigation")'),
]
nb = nbf.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                               "language": "python"}})
nbf.write(nb, "notebooks/05_methods_and_sources.ipynb")
