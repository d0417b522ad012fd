"""The membership forms of news (issue 11, item 5) run through the whole extractor, one own sentence each.

Prints, per form, what the extractor finds and a verdict: OK (every expected member found), MISS (some
expected member not found), NONE (nothing expected: a plan, a gloss, a thing that is no organisation — an
entry there is a wrong membership). Needs the spaCy model; about 10 s.

    python benchmarks/membership_forms.py            # all forms
    python benchmarks/membership_forms.py quit left  # some
"""
from __future__ import annotations

import datetime as dt
import sys

from kg.article import Article
from kg.extract.pipeline import extract
from kg.nlp import parse

#: (form, sentence, expected members as (member, organisation or "*", status)); an empty set: no membership
CASES = [
 ("nato-allies", "NATO allies Canada, Spain and Turkey sent ships to the region on Monday.", {("CA","NATO",None),("ES","NATO",None),("TR","NATO",None)}),
 ("made-up-of", "The group, made up of Chile, Peru and Colombia, met in Lima on Monday.", {("CL","*",None),("PE","*",None),("CO","*",None)}),
 ("suspension", "Zimbabwe's suspension from the Commonwealth was lifted in 2010.", {("ZW","Commonwealth","suspended")}),
 ("joined", "Croatia joined the European Union in 2013.", {("HR","EU",None)}),
 ("admitted", "Montenegro was admitted to NATO in 2017.", {("ME","NATO",None)}),
 ("left", "Burundi left the International Criminal Court in 2017.", {("BI","ICC","former")}),
 ("member-states-include", "The EU's member states include France, Germany and Italy.", {("FR","EU",None),("DE","EU",None),("IT","EU",None)}),
 ("27-nation", "Ireland urged the 27-nation EU to hold firm on Tuesday.", {("IE","EU",None)}),
 ("27-nation-b", "The 27-nation European Union agreed a new budget on Tuesday.", set()),
 ("a-member-of", "Norway, a member of NATO, sent troops to Lithuania.", {("NO","NATO",None)}),
 ("members-colon", "The alliance has five members: Brazil, Russia, India, China and South Africa.", {("BR","*",None),("RU","*",None),("IN","*",None),("CN","*",None),("ZA","*",None)}),
 ("comprising", "Mercosur, comprising Brazil, Argentina, Uruguay and Paraguay, signed the deal.", {("BR","Mercosur",None),("AR","Mercosur",None),("UY","Mercosur",None),("PY","Mercosur",None)}),
 ("member-countries-such-as", "EU member countries such as Poland and Hungary opposed the plan.", {("PL","EU",None),("HU","EU",None)}),
 ("whose-members-are", "The Quad, whose members are the United States, Japan, India and Australia, met in Tokyo.", {("US","Quad",None),("JP","Quad",None),("IN","Quad",None),("AU","Quad",None)}),
 ("signatories", "Signatories Iran and China rejected the claim. ", set()),
 ("signatories-of", "The deal's signatories Germany and France met in Vienna.", set()),
 ("among-members", "Sweden and Finland are among the members of the Nordic Council.", {("SE","Nordic Council",None),("FI","Nordic Council",None)}),
 ("y-member-x", "Fellow NATO member Turkey objected to the plan.", {("TR","NATO",None)}),
 ("fellow-members", "Italy and its fellow EU members agreed the budget.", {("IT","EU",None)}),
 ("made-up-of-named", "The Lima Group, made up of Chile, Peru and Colombia, met in Lima on Monday.", {("CL","*",None)}),
 ("members-colon-named", "BRICS has five members: Brazil, Russia, India, China and South Africa.", {("BR","*",None),("RU","*",None)}),
 ("members-colon-poss", "NATO met in Brussels. The alliance's newest members: Montenegro and North Macedonia.", {("ME","*",None)}),
 ("whose-members-named", "The Arab League, whose members include Egypt and Jordan, met in Cairo.", {("EG","*",None),("JO","*",None)}),
 ("joined-by-named", "The Arab League was joined by Bahrain and Qatar in 1971.", {("BH","*",None)}),
 ("def-bloc", "The European Union met on Monday. The 27-nation bloc's member states include Malta and Cyprus.", {("MT","*",None),("CY","*",None)}),
 ("def-alliance", "NATO met on Monday. The alliance's members include Norway and Denmark.", {("NO","*",None),("DK","*",None)}),
 ("members-are", "The members of ASEAN are Vietnam, Laos and Cambodia among others.", {("VN","*",None)}),
 ("person-joined-party", "Mary Brown joined the Green Party in 2010.", {("Mary Brown","*",None)}),
 ("person-quit-party", "Mary Brown quit the Green Party in 2010.", {("Mary Brown","*","former")}),
 ("parenthesis-gloss", "The guests were Labour MP (Member of Parliament) Mark Reed and Paul Smith.", set()),
 ("which-joined", "Poland, which joined NATO in 1999, hosts US troops.", {("PL","*",None)}),
 ("which-are-members", "Chile and Peru, which are both members of the Pacific Alliance, signed the deal.", {("CL","*",None),("PE","*",None)}),
 ("founding-member", "France, one of the founding members of the European Union, objected.", {("FR","*",None)}),
 ("has-been-member", "Norway has been a member of NATO since 1949.", {("NO","*",None)}),
 ("who-is-member", "Mary Brown, who is a member of the Green Party, spoke on Monday.", {("Mary Brown","*",None)}),
 ("applied-to-join", "Ukraine applied to join NATO in 2022.", set()),
 ("wants-to-join", "Georgia wants to join the European Union.", set()),
 ("bid-to-join", "Turkey's bid to join the European Union has stalled.", set()),
 ("hopes-to-join", "Kosovo hopes to join the Council of Europe next year.", set()),
 ("will-join", "Sweden will join NATO next month.", set()),
 ("countries-such-as", "Countries in the African Union such as Kenya and Ghana backed the plan.", {("KE","*",None)}),
 ("def-the-bloc-left", "The European Union met on Monday. Britain left the bloc in 2020.", {("GB","*","former")}),
 ("suspension-the", "Mali's suspension from the Commonwealth ended.", {("ML","*","suspended")}),
 ("became-member", "Finland became a member of NATO in 2023.", {("FI","*",None)}),
 ("x-member-bloc", "The 10-member bloc ASEAN met in Bangkok, where Thailand hosted the summit.", set()),
 ("membership-of", "Turkey's membership of NATO has been questioned by analysts.", {("TR","NATO",None)}),
 ("membership-in", "Ukraine's membership in the Council of Europe was discussed.", {("UA","Council of Europe",None)}),
 ("accession", "Serbia's accession to the European Union is years away.", {("RS","EU",None)}),
 ("quit", "The United States quit UNESCO in 2018.", {("US","UNESCO","former")}),
 ("withdrawal", "Britain's withdrawal from the European Union took effect in January.", {("GB","EU","former?")}),
 ("withdrew", "Venezuela withdrew from the Organization of American States in 2019.", {("VE","OAS","former")}),
 ("expelled", "Russia was expelled from the Council of Europe in March.", {("RU","Council of Europe","former")}),
 ("members-list-2", "Members of the G7 include Canada, France and Japan.", {("CA","G7",None),("FR","G7",None),("JP","G7",None)}),
 ("is-member", "Japan is a member of the G7.", {("JP","G7",None)}),
 ("institution-member", "The Bank of England is a member of the Financial Stability Board.", {("Bank of England","FSB",None)}),
 ("joined-by", "The coalition was joined by Bahrain and Qatar.", {("BH","coalition",None),("QA","coalition",None)}),
 ("signatory-nouns", "Iran and the other signatories of the nuclear deal met in Vienna.", set()),
 ("signatories-ab", "The accord's signatories, France and Germany, objected.", set()),
 ("including", "Several NATO members, including Germany and France, objected.", {("DE","NATO",None),("FR","NATO",None)}),
 ("countries-in-org", "Countries in the African Union such as Kenya and Ghana backed the plan.", {("KE","AU",None),("GH","AU",None)}),
 ("member-of-after-name", "Germany, France and Italy, all members of the European Union, backed the plan.", {("DE","EU",None),("FR","EU",None),("IT","EU",None)}),
  ("accession-of", "The accession of Montenegro to NATO angered Russia.", {("ME","NATO",None)}),
 ("expulsion", "Qatar's expulsion from the Gulf Cooperation Council was discussed.", {("QA","GCC","former")}),
 ("pulled-out", "The United States pulled out of the World Health Organization in 2020.", {("US","WHO","former")}),
 ("newest-member", "North Macedonia became NATO's 30th member in 2020.", {("MK","NATO",None)}),
 ("ally-of", "Turkey, a NATO ally, bought Russian missiles.", {("TR","NATO",None)}),
 ("members-such-as", "The bloc's members, such as Vietnam and the Philippines, disagree. ASEAN met.", set()),
 ("pronoun-member", "Mary Brown was born in Leeds. She is a member of the Green Party.", {("Mary Brown","*",None)}),
 ("pronoun-other-gender", "Governor Mary Brown was appointed by John Smith in 2017. She belongs to the ruling Green Party.", {("Mary Brown","*",None)}),
 ("pronoun-two-people", "John Smith met Tom Jones in Leeds. He joined the Green Party in 1990.", set()),
 ("to-be-a-member", "Mary Brown said she was proud to be a member of the Green Party.", set()),
 ("it-speaker", "Venezuela said it had withdrawn from the Organization of American States.", {("VE","*","former")}),
 ("belonged", "Mary Brown previously belonged to the Green Party.", {("Mary Brown","*","former")}),
 ("fellow-party", "Senator Ann Reed and fellow Republican Representative David Moore proposed term limits.", {("Ann Reed","*",None),("David Moore","*",None)}),
 ("withdrawal-done", "Chad completed its exit from the African Union last year.", {("TD","*","former")}),
 ("withdrew-membership", "Burundi withdrew its membership of the International Criminal Court.", {("BI","*","former")}),
 ("suspended-own", "Mali suspended its membership of the African Union in 2012.", {("ML","*","suspended")}),
 ("fellow-start", "Fellow Labour MP Jane Hill spoke next.", {("Jane Hill","*",None)}),
]


def rows(text: str) -> list[tuple]:
    """(member, organisation, status, rule) of every membership the extractor finds in a text."""
    facts = extract(Article(id="t", text=text, source="t.txt", date=dt.date(2019, 5, 2)), parse(text))
    out = []
    for m in facts.memberships:
        e, o = facts.entity(m.member), facts.entity(m.organization)
        member = m.member.key if m.member.kind == "country" else (e.name if e else m.member.key)
        out.append((member, o.name if o else m.organization.key, m.status, m.evidence.rule))
    return out


def main() -> int:
    chosen = set(sys.argv[1:])
    counts = {"OK": 0, "MISS": 0, "NONE": 0, "WRONG": 0}
    for name, text, expected in CASES:
        if chosen and name not in chosen:
            continue
        found = rows(text)
        got = {r[0] for r in found}
        want = {e[0] for e in expected}
        verdict = ("OK" if want <= got else "MISS") if want else ("NONE" if not found else "WRONG")
        counts[verdict] += 1
        print(f"{verdict:5} {name:26} {found}")
    print(" ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
