"""The gettext catalogues (issue 17): the template holds every string in code, the French .po follows it and
translates the converted modules, it compiles, and the data build compiles it again whenever it changes."""

from __future__ import annotations

import ast
import io
import json
import shutil

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from tests import sandbox as tests_sandbox
from widgets import build, contracts, paths
from widgets.build import catalogues
from widgets.i18n_extract import extract_notebook
from widgets.vocabulary import CHAPTERS

POT = paths.LOCALE_SOURCES / "briefing.pot"
FRENCH = paths.LOCALE_SOURCES / "fr" / "LC_MESSAGES" / "briefing.po"
KEYWORDS = {"_": (1,), "N_": (1,), "ngettext": (1, 2), "counted": (1, 2)}  # as [tool.babel] in pyproject.toml
# The modules whose shown words go through gettext (issue 17, the chrome's part): every string of theirs in the
# template must have a French translation. Other modules join this list as they are converted.
CONVERTED = ["widgets/ui/page.py", "widgets/ui/edition.py", "widgets/ui/scenario_panel.py", "widgets/ui/threat.py",
             "widgets/ui/upload.py", "widgets/ui/corridor_upload.py", "widgets/ui/file_picker.py",
             "widgets/ui/catalogue_table.py", "widgets/ui/plot_view.py", "widgets/ui/url_state.py",
             "widgets/html_parts.py", "widgets/flags_html.py", "widgets/kernel_limit.py", "widgets/reading_copy.py",
             "widgets/byod/problems.py", "widgets/byod/loader.py", "widgets/byod/reading.py",
             "widgets/byod/schema.py", "widgets/byod/join.py", "widgets/currency.py", "widgets/editions/stamp.py",
             "widgets/vocabulary.py", "widgets/export/panels.py", "widgets/export/views.py",
             *[f"notebooks/{name}" for name, _title in CHAPTERS]]


def msgids(catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def read(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def extract_now(tmp_path) -> set[str]:
    """What `make catalogue` would write as the template today (the same command and mapping)."""
    out = tmp_path / "now.pot"
    CommandLineInterface().run(["pybabel", "--quiet", "extract", "-F", str(paths.ROOT / "pyproject.toml"),
                                "-o", str(out), "--add-comments=Translators:", str(paths.ROOT)])
    return msgids(read(out))


def test_the_template_holds_exactly_the_strings_in_the_code(tmp_path, monkeypatch):
    monkeypatch.chdir(paths.ROOT)  # the mapping's patterns are relative to the project
    now, committed = extract_now(tmp_path), msgids(read(POT))
    assert not now - committed, f"strings in code not in {POT.name} (run `make catalogue`): {sorted(now - committed)}"
    assert not committed - now, f"strings in {POT.name} no longer in code (run `make catalogue`): " \
                                f"{sorted(committed - now)}"


def literal_calls(source: str) -> list[str]:
    """The string literals passed to a gettext function anywhere in a module, f-strings included (Python 3.11's
    tokenizer hands Babel an f-string whole, so a `_("…")` inside one never reaches the template)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEYWORDS:
            for position in KEYWORDS[node.func.id]:
                if len(node.args) >= position and isinstance(node.args[position - 1], ast.Constant):
                    found.append(node.args[position - 1].value)
    return found


def test_every_string_marked_in_the_code_reaches_the_template():
    committed = {s for m in read(POT) if m.id for s in ((m.id,) if isinstance(m.id, str) else m.id)}
    missing = [(str(path.relative_to(paths.ROOT)), text) for path in sorted((paths.ROOT / "widgets").rglob("*.py"))
               for text in literal_calls(path.read_text(encoding="utf-8")) if text not in committed]
    assert not missing, f"marked strings Babel does not extract (inside an f-string?): {missing}"


def test_the_french_catalogue_follows_the_template():
    assert msgids(read(POT)) <= msgids(read(FRENCH)), "run `make catalogue` (pybabel update) after extracting"


def test_the_converted_modules_are_translated_into_french():
    french = read(FRENCH)
    ours = [m for m in french if m.id and any(path in CONVERTED for path, _line in m.locations)]
    missing = [m.id for m in ours if m.fuzzy or not (all(m.string) if m.pluralizable else m.string)]
    total = [m for m in french if m.id]
    untranslated = [m for m in total if m.fuzzy or not (all(m.string) if m.pluralizable else m.string)]
    print(f"\n{len(total)} messages, {len(total) - len(untranslated)} translated; "
          f"converted modules: {len(ours) - len(missing)} of {len(ours)}")
    assert len(ours) > 200 and not missing, missing


def test_the_french_catalogue_compiles(tmp_path):
    compiled = catalogues.compile_catalogue(FRENCH, tmp_path / "briefing.mo")
    assert compiled.mo.stat().st_size > 0 and compiled.messages >= compiled.translated > 200


@pytest.mark.parametrize("english, french", [
    ("{n} attacks", "{nombre} attaques"),  # a renamed placeholder: .format(n=…) fails on the page
    ("{n} attacks", "des attaques"),  # a lost one: the number silently disappears
])
def test_a_translation_that_breaks_a_placeholder_stops_the_build(tmp_path, english, french):
    po = tmp_path / "bad.po"
    po.write_text(f'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  f'msgid "{english}"\nmsgstr "{french}"\n', encoding="utf-8")
    with pytest.raises(contracts.ContractError, match="placeholders"):
        catalogues.compile_catalogue(po, tmp_path / "bad.mo")


def test_the_notebook_extractor_takes_the_shown_arguments_of_page_calls():
    cell = ('page.header("A title", "A standfirst", ED.current_stamp())\n'
            'page.figure_with_table(F.figure("corridor_map", D), table, "A caption")\n'
            'page.table_view(frame, title="A fold")\nHTML(page.table_html(frame, caption="A table"))\n'
            'page.note(text, "info")\n')
    notebook = {"cells": [{"cell_type": "markdown", "source": "page.header('not code')"},
                          {"cell_type": "code", "source": cell}]}
    options = {"page_calls": "header:1,2 figure_with_table:3 table_view:2,3 table_html:2"}
    found = [m for _line, _fn, m, _c in extract_notebook(io.BytesIO(json.dumps(notebook).encode()),
                                                          ["_"], [], options)]
    assert found == ["A title", "A standfirst", "A caption", "A fold", "A table"]


def test_a_changed_po_is_compiled_again_by_the_data_build(tmp_path, monkeypatch):
    root = tests_sandbox.make(tmp_path, monkeypatch)
    shutil.copytree(FRENCH.parents[2], paths.LOCALE_SOURCES)  # the sandbox's widgets/locale
    assert build.main(force=True) == 0
    mo = paths.LOCALE / "fr" / "LC_MESSAGES" / "briefing.mo"
    first = mo.read_bytes()
    po = paths.LOCALE_SOURCES / "fr" / "LC_MESSAGES" / "briefing.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Points clés"', 'msgstr "Les points clés"'),
                  encoding="utf-8")
    assert build.main() == 0  # not "up to date": the .po is an input of the build
    assert mo.read_bytes() != first and "Les points clés".encode() in mo.read_bytes()
    assert (root / "data/processed/build_log.txt").read_text().count("locale/fr/LC_MESSAGES/briefing.mo") == 1


NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
          ast.GeneratorExp, ast.ClassDef)


def own_scope(node: ast.AST):
    """The nodes of a function's own scope (nested functions, lambdas and comprehensions have their own)."""
    for child in ast.iter_child_nodes(node):
        yield child
        if not isinstance(child, NESTED):
            yield from own_scope(child)


def shadowed_gettext(source: str) -> list[str]:
    """Functions that bind the name `_` (a parameter `_=None`, `for _ in …`) and also call `_("…")`: the call then
    gets the local value, not gettext (a page part fails with "'NoneType' object is not callable")."""
    found = []
    for fn in ast.walk(ast.parse(source)):
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        params = {a.arg for a in [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]}
        stored = {n.id for n in own_scope(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        calls = [n for n in ast.walk(fn) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                 and n.func.id == "_" and n.args and isinstance(n.args[0], ast.Constant)]
        if "_" in params | stored and calls and not any(  # `_ = translations(…).gettext` is gettext itself
                isinstance(n, ast.Assign) and isinstance(n.value, ast.Attribute) and n.value.attr == "gettext"
                for n in own_scope(fn)):
            found.append(f"{fn.name} (line {fn.lineno})")
    return found


def test_no_function_hides_gettext_behind_a_local_underscore():
    hidden = {str(path.relative_to(paths.ROOT)): names for path in sorted((paths.ROOT / "widgets").rglob("*.py"))
              if (names := shadowed_gettext(path.read_text(encoding="utf-8")))}
    assert not hidden, hidden
