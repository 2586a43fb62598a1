"""Dated PETRARCH2 roles: the parser, the role-on-a-day rule, and resolve_span by the article's date."""
from __future__ import annotations

from datetime import date

import spacy
from spacy.tokens import Span

from geoclaims.actors.component import register_extensions
from geoclaims.actors.gazetteer import Actor
from geoclaims.actors.petrarch import Role, _entries, parse_day, read_agents
from geoclaims.actors.resolve import resolve_span
from geoclaims.actors.role_table import DatedRole, current_role, load_roles, role_on

NLP = spacy.blank("en")
register_extensions()
PUTIN_ENTRY = """VLADIMIR_PUTIN_  # CountryInfo.txt
+PUTIN_
+PRESIDENT_PUTIN_
\t[RUSELI 700101-990809]
\t[RUSGOV 991231-080507]
\t[RUSGOV >080508]
\t[RUSELI]
ABU_NIDAL_ORGANIZATION [IMGMUSALQ] #  kkl 21 Mar 13
+FATAH_REVOLUTIONARY_COUNCIL_
"""


def test_parser_reads_names_synonyms_and_dated_roles():
    putin, abu_nidal = list(_entries(PUTIN_ENTRY.splitlines()))
    assert putin.names == ("VLADIMIR PUTIN", "PUTIN", "PRESIDENT PUTIN")
    assert putin.roles[0] == Role("RUSELI", date(1970, 1, 1), date(1999, 8, 9))
    assert putin.roles[2] == Role("RUSGOV", date(2008, 5, 8), None)
    assert putin.roles[3] == Role("RUSELI", None, None)
    assert abu_nidal.roles == (Role("IMGMUSALQ", None, None),)
    assert parse_day("20070101") == date(2007, 1, 1) and parse_day("320101") == date(1932, 1, 1)


def test_agents_macros_expand(tmp_path):
    path = tmp_path / "agents.txt"
    path.write_text("!MINIST! = MINISTER, MINISTRY\nDEFENCE_!MINIST! [~GOVMIL]\nMEMBER_OF_PARLIAMENT "
                    "{MEMBERS_OF_PARLIAMENT} [~LEG]\n", encoding="utf-8")
    agents = read_agents(path)
    assert agents["DEFENCE MINISTER"] == "GOVMIL" and agents["DEFENCE MINISTRY"] == "GOVMIL"
    assert agents["MEMBERS OF PARLIAMENT"] == "LEG"


def test_role_on_a_day_and_without_a_day():
    roles = (DatedRole("RUS", "ELI", date(1970, 1, 1), date(1999, 8, 9)),
             DatedRole("RUS", "GOV", date(1999, 12, 31), date(2008, 5, 7)),
             DatedRole("RUS", "GOV", date(2008, 5, 8), None), DatedRole("RUS", "ELI", None, None))
    assert role_on(roles, date(1995, 1, 1)).sector == "ELI"
    assert role_on(roles, date(2021, 1, 1)).sector == "GOV"
    assert role_on(roles, None) == roles[2]  # no date: the open-ended, most recent role
    assert role_on(roles, date(1999, 10, 1)) == roles[3]  # a gap: the undated default
    assert role_on(roles[:2], date(1960, 1, 1)) == roles[0]  # no default: the nearest in time
    assert current_role((DatedRole("USA", "GOV", date(2001, 1, 20), date(2009, 1, 20)),)).end == date(2009, 1, 20)


def test_packaged_table_resolves_putin_by_date():
    table = load_roles()
    assert len(table) > 25000
    assert table.lookup("Putin", date(2010, 6, 1)) == Actor("Russia", "RUS", "GOV", None)
    assert table.lookup("Putin", date(1995, 6, 1)) == Actor("Russia", "RUS", "ELI", None)


def test_resolve_span_uses_the_published_day():
    for published, sector in (("2008-05-08", "GOV"), ("1995-03-01T12:00:00Z", "ELI"), (None, "GOV")):
        doc = NLP("Vladimir Putin spoke.")
        doc._.published = published
        doc.ents = [Span(doc, 0, 2, label="PERSON")]
        assert resolve_span(doc.ents[0]) == Actor("Russia", "RUS", sector, "PERSON"), published


def test_dictionary_names_outside_the_team_table():
    doc = NLP("Hamas and Toyota")
    doc.ents = [Span(doc, 0, 1, label="ORG"), Span(doc, 2, 3, label="ORG")]
    hamas, toyota = (resolve_span(e) for e in doc.ents)
    assert (hamas.code, hamas.sector) == ("PSE", "REB")
    assert toyota == Actor("Toyota", None, "BUS", "ORG")
