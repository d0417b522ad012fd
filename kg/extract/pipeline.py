"""Extraction: a parsed article in, its facts out (plain dataclasses, no RDF)."""
from __future__ import annotations

from kg.article import Article
from kg.extract.clause_posts import stated_titles
from kg.extract.entities import find_mentions
from kg.extract.facts import ArticleFacts, Entity, EntityRef, Evidence, Mention
from kg.extract.focus import country_of_focus
from kg.extract.homonyms import qualify
from kg.extract.meetings import find_meetings
from kg.extract.memberships import find_memberships, without_seats
from kg.extract.mention import Found, MentionIndex
from kg.extract.participants import title_holders
from kg.extract.post_links import tie_posts
from kg.extract.posts import find_posts
from kg.extract.sentences import Sentence, sentences
from kg.extract.story_context import post_countries
from kg.extract.tenure import read_tenures


def _preferred(names: list[str]) -> str:
    """The preferred name: the longest; among equals, the one with letters beyond ASCII (the original spelling)."""
    return max(names, key=lambda n: (len(n.split()), not n.isascii(), len(n), n))


def _entities(index: MentionIndex, evidence_of, sents: list[Sentence]) -> list[Entity]:
    groups: dict[EntityRef, list[Found]] = {}
    for m in index.mentions:
        groups.setdefault(m.ref, []).append(m)
    out = []
    for ref, ms in groups.items():
        if ref.kind == "person":
            names = [m.text for m in ms if m.source != "pronoun"]
            name = _preferred(names)
        else:
            names = [m.name for m in ms] + [m.text for m in ms if m.source != "coref"]
            name = next((m.name for m in ms if m.source == "gazetteer"), None) or _preferred([m.name for m in ms])
        aliases = [n for n in dict.fromkeys(names) if n != name and n]
        mentions = [
            Mention(m.text, m.start_char, m.end_char,
                    evidence_of(sents[m.sentence], f"{'model:spacy-ner' if m.source == 'ner' else 'rule:' + m.source}", m.confidence))
            for m in ms if 0 <= m.sentence < len(sents)
        ]
        out.append(Entity(ref, name, aliases, mentions,
                          is_alliance=any(m.alliance for m in ms),
                          country=next((m.country for m in ms if m.country), None)
                          if ref.kind in ("place", "organization") else None,
                          iso=ref.key if ref.kind == "country" else None))
    out.sort(key=lambda e: (e.ref.kind, e.ref.key))
    return out


def extract(article: Article, doc, *, min_confidence: float = 0.0) -> ArticleFacts:
    """Extract the facts of one article from its spaCy Doc (parsed from article.text)."""
    sents = sentences(doc)

    def evidence_of(sent: Sentence, rule: str, confidence: float) -> Evidence:
        return Evidence(sent.text, sent.start_char, sent.end_char, rule, round(confidence, 2))

    index = find_mentions(doc, sents)
    facts = ArticleFacts(article)
    focus = country_of_focus(doc, sents, index, article.title)
    facts.focus = focus.country
    index = qualify(index, doc, focus, {t: s.index for s in sents for t in range(s.start, s.end)})
    facts.entities = _entities(index, evidence_of, sents)
    stated = stated_titles(doc, sents, index, article.date)
    posts = tie_posts(find_posts(doc, sents, index, evidence_of, stated), doc, sents, index, focus, article.title)
    facts.posts = read_tenures(doc, sents, index, [p for p in posts if p.evidence.confidence >= min_confidence],
                               article.date)
    facts.memberships = without_seats([m for m in find_memberships(doc, sents, index, evidence_of)
                                       if m.evidence.confidence >= min_confidence], facts.posts,
                                      lambda ref: getattr(facts.entity(ref), "name", None))
    meetings = find_meetings(doc, sents, index, article.date, evidence_of, article.title,
                             homes=post_countries(facts.posts, facts.entities), focus=focus.country,
                             holders=title_holders(facts.posts))
    facts.meetings = [m for m in meetings if max(e.confidence for e in m.evidence) >= min_confidence]
    return facts
