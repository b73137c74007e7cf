"""The words the matcher treats specially: fillers to ignore and synonyms to fold.

This is data, kept apart from the matching code so a curator can read and extend
it. Synonyms map a word as typed to the word the pack uses; both sides are then
stemmed, so list base forms only ("photo", not "photos").
"""

from __future__ import annotations

#: Words that carry no topic: grammar, question words, chat filler.
STOPWORDS = frozenset("""
a about above after again all am an and any are aren't arent as at be because been
before being below between both but by can cant can't could couldnt did didnt didn't do does
doesnt doesn't doing dont don't down during each few for from further got had has have
having he her here hers herself him himself his how i if in into is isnt isn't it its it's itself
just let lets let's me more most my myself no nor not now of off on once only or other our ours
out over own really same she should so some such than that thats that's the their theirs them
themselves then there theres there's these they this those through to too under until up us very
was we were what whats what's when whens where wheres which while who whos who's whom why will
with would you your yours yourself yourselves also any anything something thing things stuff
tell explain describe know want need please pls plz give show say says said mean means meaning
hey hi hello ok okay thanks thank yes yeah yep really actually exactly supposed going gonna wanna
quick quickly brief briefly summary summarize summarise overview story news article articles
info information details detail latest update updates basically just like kind sort lot
besides beside quote quotes quoted many much
""".split())

#: Folded before stemming: as typed -> as the pack says it. Multi-word values are allowed.
SYNONYMS: dict[str, str] = {
    # the card itself
    "id": "card", "ids": "card", "identification": "card", "credential": "card",
    "credentials": "card", "documentation": "document",
    "paperwork": "document", "docs": "document",
    "photo": "photograph", "picture": "photograph", "pic": "photograph", "pics": "photograph",
    "images": "image", "mugshot": "photograph",
    "barcode": "qr",
    # people
    "immigrant": "migrant", "immigrants": "migrant", "noncitizen": "migrant",
    "noncitizens": "migrant", "alien": "migrant", "aliens": "migrant", "undocumented": "illegal",
    "foreigner": "migrant", "foreigners": "migrant",
    "congressman": "lawmaker", "congressmen": "lawmaker",
    "congresswoman": "lawmaker", "legislator": "lawmaker", "legislators": "lawmaker",
    "republican": "lawmaker", "republicans": "lawmaker", "gop": "lawmaker",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "critic": "criticism", "critics": "criticism", "criticize": "criticism",
    "criticise": "criticism", "criticized": "criticism", "criticised": "criticism",
    "opponent": "criticism", "opponents": "criticism", "oppose": "criticism",
    "opposes": "criticism", "opposed": "criticism", "opposition": "criticism",
    "objection": "criticism", "objections": "criticism", "against": "criticism",
    "mad": "criticism", "angry": "criticism", "upset": "criticism", "outraged": "criticism",
    "backlash": "criticism", "pushback": "criticism", "controversy": "controversial",
    "contentious": "controversial",
    "reactions": "reaction", "react": "reaction", "reacted": "reaction",
    "response": "respond", "responses": "respond", "responded": "respond", "reply": "respond",
    "replied": "respond", "statement": "comment", "comments": "comment",
    # places and agencies
    "airport": "tsa", "airports": "tsa", "fly": "tsa", "flying": "tsa", "flight": "tsa",
    "flights": "tsa", "plane": "tsa", "planes": "tsa", "board": "tsa", "boarding": "tsa",
    "dcnf": "daily caller",
    # actions
    "eligibility": "eligible", "qualify": "eligible",
    "qualifies": "eligible", "receives": "receive", "gets": "receive",
    "deport": "deportability", "deported": "deportability", "deportable": "deportability",
    "deportation": "deportability", "deporting": "deportability",
    "announce": "announced", "announcement": "announced", "launch": "announced",
    "launched": "announced", "unveiled": "announced", "introduced": "announced",
    "start": "announced", "started": "announced", "begin": "announced", "began": "announced",
    "leak": "leaked", "leaks": "leaked",
    "appointment": "meeting", "appointments": "meeting", "checkin": "meeting",
    "checkins": "meeting",
    "thru": "through", "gonna": "going", "easier": "ease", "easy": "ease", "easily": "ease",
    "info": "information",
    # numbers and dates as people type them
    "fy23": "fiscal year 2023", "fy2023": "fiscal year 2023", "fy22": "fiscal year 2022",
    "fy2022": "fiscal year 2022", "sept": "september", "sep": "september",
    "1.6m": "1.6 million", "mil": "million",
    }

#: Names of other things that share our words: folded to one token the pack never uses, so
#: "is it a REAL ID?" or "green card" count as the unknown subject they are.
PHRASES: dict[str, str] = {
    "real id": "realid", "green card": "greencard", "green cards": "greencard",
    "drivers license": "driverslicense", "driver's license": "driverslicense",
    "driver license": "driverslicense", "drivers licence": "driverslicense",
    "work permit": "workpermit", "social security": "socialsecurity",
    "alternatives to detention": "alternativestodetention", "world cup": "worldcup",
    "tsa precheck": "tsaprecheck", "pre check": "tsaprecheck", "precheck": "tsaprecheck",
}

#: For messages: the phrase a folded token stands for ("realid" -> "real id").
PHRASE_NAMES: dict[str, str] = {token: phrase for phrase, token in reversed(PHRASES.items())}
