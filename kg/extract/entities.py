"""Entity mentions: people, organisations, countries and places, typed and merged within an article.

spaCy's NER proposes spans; gazetteers (countries, cities, institutions) and rules correct what a
small model gets wrong on news (surnames and cities typed ORG, portfolio words such as "Interior"
typed ORG, photo credits) and merge the names of one entity (acronyms, surnames, transliterations).

The stages, in order (docs/extraction.md):

1. candidates (`candidates.propose`, `candidates.select`): token ranges proposed as names, one per token;
2. classification (`classify.classify`): each candidate a typed mention, or a rejection with its reason;
3. article passes (`PASSES`): resolution within the article (`resolve`) and revision with the evidence
   of the whole article (`revise`), each a function `(Context, mentions) -> Revision`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from kg.extract import resolve, revise
from kg.extract.candidates import propose, select
from kg.extract.classify import classify
from kg.extract.mention import Context, Found, MentionIndex, Rejected, Revision
from kg.extract.sentences import Sentence

#: the article passes, in order; each sees the mentions the one before it left
PASSES: tuple[Callable[[Context, list[Found]], Revision], ...] = (
    revise.keep_widest,
    resolve.add_definite_heads,
    resolve.add_unnamed_groups,
    resolve.merge_parenthesised_acronyms,
    resolve.resolve_people,
    resolve.resolve_orgs,
    revise.names_of_orgs,
    revise.drop_unsupported_orgs,
    revise.unify_kinds,
    revise.drop_places_of_titles,
    resolve.add_bare_surnames,
    resolve.add_repeated_org_names,
    resolve.add_pronouns,
    revise.us_namesakes,
    revise.drop_unsupported_single_names,
    revise.demote_unlikely_cities,
)


def context(sents: list[Sentence], doc) -> Context:
    """What the article passes know of a Doc: which sentence each token is in, which story each sentence."""
    sent_of = {t: s.index for s in sents for t in range(s.start, s.end)}
    return Context(doc, sent_of, {s.index: s.story for s in sents})


def typed_mentions(doc, ctx: Context) -> tuple[list[Found], list[Rejected]]:
    """Candidates selected and classified: the mentions one span at a time, and what was turned down."""
    accepted, rejected = select(doc, propose(doc))
    mentions = []
    for cand in accepted:
        out = classify(doc, cand)
        if isinstance(out, Rejected):
            rejected.append(out)
        else:
            mentions.append(replace(out, sentence=ctx.sent_of.get(out.start, -1)))
    return mentions, rejected


def find_mentions(doc, sents: list[Sentence]) -> MentionIndex:
    """Type and merge the entity mentions of a parsed article."""
    ctx = context(sents, doc)
    mentions, rejected = typed_mentions(doc, ctx)
    for run in PASSES:
        revision = run(ctx, mentions)
        mentions = revision.mentions
        rejected += revision.rejected
    index = MentionIndex(rejected=rejected)
    for f in sorted(mentions, key=lambda f: f.start):
        index.add(f)
    return index
