"""English: the word lists and patterns the rules read, in one place (a new language is a sibling module).

Lemmas and words are lower case; each group names the rules that read it.
"""
from __future__ import annotations

import re

# actors and predicates (``geoclaims.candidates``, ``geoclaims.events.candidates``)
AGENT_NOUNS = frozenset({
    "government", "ministry", "minister", "president", "officials", "official", "authorities",
    "army", "troops", "forces", "military", "police", "parliament", "court", "regulator", "leader",
    "leaders", "premier", "chancellor", "spokesman", "spokeswoman", "delegation", "negotiators",
    "rebels", "militants", "protesters", "navy", "embassy", "administration", "cabinet", "senate",
})
NOMINAL_VERBS = {
    "restriction": "restrict", "refusal": "refuse", "sanction": "sanction", "ban": "ban",
    "embargo": "embargo", "agreement": "agree", "accord": "agree", "decision": "decide",
    "attack": "attack", "invasion": "invade", "demand": "demand", "request": "request",
    "threat": "threaten", "criticism": "criticise", "condemnation": "condemn", "rejection": "reject",
    "withdrawal": "withdraw", "aid": "aid", "support": "support", "talks": "talk", "visit": "visit",
    "investigation": "investigate", "probe": "probe", "protest": "protest", "cooperation": "cooperate",
    "participation": "participate", "response": "respond", "pressure": "pressure", "tariff": "tariff",
}

# the predicate's clause (``geoclaims.qualifiers.clause``)
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
FUTURE_WORDS = frozenset({"will", "shall", "'ll", "wo"})
REPORTING_LEMMAS = frozenset({"say", "tell", "report", "announce", "claim", "state", "add", "quote", "confirm",
                              "allege", "insist", "assert", "note", "disclose", "reveal", "write", "declare",
                              "explain", "argue", "maintain", "acknowledge", "admit", "indicate", "show",
                              "testify", "brief", "inform", "signal", "repeat", "reiterate", "stress", "warn"})

# negation and modality (``geoclaims.qualifiers.modality``)
FAILURE_LEMMAS = frozenset({"fail", "deny", "refuse", "decline", "neglect"})
REFUSAL_LEMMAS = frozenset({"refuse", "refusal", "decline", "reject", "rejection", "deny", "denial", "veto",
                            "rebuff", "spurn", "defy", "renege"})
HEDGE_WORDS = frozenset({"ostensibly", "allegedly", "reportedly", "apparently", "possibly", "perhaps",
                         "purportedly", "seemingly", "likely", "probably", "unlikely", "may", "might", "could",
                         "maybe", "presumably", "supposedly"})
HEDGE_LEMMAS = frozenset({"consider", "explore", "expect", "suspect", "believe", "speculate", "rumor", "rumour",
                          "appear", "seem", "allege", "study"})
INTENT_LEMMAS = frozenset({"plan", "seek", "aim", "intend", "want", "wish", "hope", "try", "attempt", "decide",
                           "vow", "pledge", "propose", "prepare", "willing", "ready", "determine", "resolve",
                           "bid", "strive", "mean", "offer"})
DIRECTIVE_LEMMAS = frozenset({"urge", "call", "ask", "press", "demand", "request", "recommend", "advise", "appeal",
                              "encourage", "persuade", "convince", "force", "require"})
FUTURE_LEMMAS = frozenset({"schedule", "set", "due", "go", "poise", "slate"})
HYPOTHETICAL_WORDS = frozenset({"would", "should", "must", "ought", "'d"})
CONDITION_MARKS = frozenset({"if", "unless", "until", "whether", "lest"})
OBLIGATION_WORDS = frozenset({"must", "should", "need", "ought"})

# attribution (``geoclaims.qualifiers.attribution``)
QUOTES = frozenset({'"', "\u201c", "\u201d", "''", "``"})
KEPT_PREPS = frozenset({"of", "for", "at", "from", "in"})

# time expressions (``geoclaims.qualifiers.timex``)
MONTHS = {m: n for n, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")], start=1) for m in names}
WEEKDAYS = {d: n for n, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
MONTH_PATTERN = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
TIME_EXPRESSION = re.compile(
    r"\b(?:(?:last|next|this|earlier this|later this|late|early)\s+)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|tomorrow|tonight"
    r"|(?<=last |next |this )(?:week|month|year|weekend)(?!-)"
    rf"|{MONTH_PATTERN}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTH_PATTERN}(?:\s+\d{{4}})?|(?:19|20)\d\d)\b", re.I)
TIME_FUTURE_LEMMAS = frozenset({"schedule", "plan", "set", "due", "expect"})
