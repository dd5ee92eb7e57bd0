"""Word lists the rules read. Data only: general news English, not any one article's words."""
from __future__ import annotations

STOPWORDS = frozenset("""
a an the and or but if of to in on at by for with from into onto over under about after before
during since than then that this these those there here it its it's is are was were be been being
has have had do does did will would could should may might can must not no nor never also only
just very more most less least much many some any all each every other such same own so as up
out off down again further once he she they we i you him her them us me his their our my your
who whom whose which what when where why how while although though because until unless against
between through throughout including near said says say told claimed claims stated added
according which were being also now still yet both either neither one two three
""".split())

# Very common news words: poor blocking keys and weak evidence of a shared event.
GENERIC = frozenset("""
people government officials official country countries state states city town area region
province year years month months week weeks day days time times group groups report reports
statement told percent number numbers part parts week today yesterday monday tuesday wednesday
thursday friday saturday sunday world news media public major first last next new former
several others well made make makes making take taken taking took come came going went
give given gave show shows showed shown including against would about there their first
""".split())

NEGATORS = frozenset("not no never none nobody nothing neither nor without n't cannot zero".split())

# word -> (concept, polarity). Antonyms share a concept with opposite polarity.
ANTONYMS: dict[str, tuple[str, bool]] = {}
for _pos, _negs in (
    ("WEAPON", "unarmed"),
    ("guilty", "innocent"), ("safe", "unsafe dangerous hazardous"),
    ("legal", "illegal unlawful"), ("lawful", "unlawful"), ("accidental accident accidentally", "deliberate deliberately intentional intentionally arson sabotage sabotaged"),
    ("increase", "decrease decline drop"), ("increased", "decreased declined dropped fell"),
    ("rose", "fell dropped declined"), ("won", "lost"), ("win", "lose"), ("true", "false untrue"),
    ("accurate", "inaccurate"), ("correct", "incorrect wrong"), ("fair regular transparent", "unfair rigged irregular"),
    ("peaceful", "violent"), ("present", "absent"), ("approved", "rejected"), ("open", "closed"),
    ("alive", "dead"), ("clean", "contaminated dirty"), ("positive", "negative"),
    ("authorized", "unauthorized"), ("authorised", "unauthorised"), ("justified", "unjustified"),
    ("provoked", "unprovoked"), ("compliant", "noncompliant"), ("sufficient", "insufficient"),
    ("adequate", "inadequate"), ("secure", "insecure"), ("stable", "unstable"),
    ("working", "broken faulty defective"), ("functioning", "malfunctioning"),
    ("finished", "unfinished incomplete"), ("honest", "dishonest"), ("credible", "implausible"),
    ("running moving operating", "stopped halted suspended cancelled"),
    ("remain remains", "remove removed scrapped eliminated"),
    ("respond responded responding", "ignore ignored ignoring"),
):
    _first = _pos.split()[0]
    for _p in _pos.split():
        ANTONYMS[_p] = (_first, True)
    for _n in _negs.split():
        ANTONYMS[_n] = (_first, False)

# Synonyms folded into one concept so "coordination" meets "joint", "sparked" meets "caused".
CONCEPTS: dict[str, str] = {}
for _concept, _words in (
    ("COOP", "cooperation cooperate cooperated cooperating coordination coordinate coordinated "
             "coordinating joint jointly together collaboration collaborate collaborated partnership "
             "alliance allied agreement agreed"),
    ("ATTACK", "attack attacks attacked attacking strike strikes struck striking bomb bombs bombed shots "
               "bombing bombings shell shelled shelling target targeted targeting raid raids hit hits "
               "airstrike airstrikes shot shooting fired fire bombarded bombardment bombarding gunfire "
               "ammunition bullets"),
    ("CAUSE", "caused cause causes causing sparked spark ignited ignite started triggered explained "
              "trigger blamed responsible"),
    ("KILL", "killed kill kills killing dead deaths death died die dying fatalities fatal "
             "casualties martyred perished lives"),
    ("CIVILIAN", "civilian civilians villagers villager residents noncombatants bystanders women children"),
    ("WOUND", "wounded injured injuries injuring hurt"),
    ("DESTROY", "destroyed destroy destroying demolished razed damaged wrecked"),
    ("CROSS", "crossed cross crossing entered incursion intrusion violated"),
    ("TEST", "test tests tested testing trial trials"),
    ("EXERCISE", "exercise exercises drill drills maneuvers manoeuvres"),
    ("SUBSTANCE", "substance substances drug drugs doping doped steroid steroids cheat cheated cheating"),
    ("DEFECT", "defect defects defective flaw flaws flawed faulty fault malfunction"),
    ("FRAUD", "fraud fraudulent rigged rigging irregularities manipulated tampered tampering stuffing "
              "stuffed falsified"),
    ("SICK", "sick ill illness illnesses infected infections infection outbreak"),
    ("ARREST", "arrested arrest arrests detained detain detention"),
    ("WEAPON", "armed gun guns handgun pistol rifle weapon weapons firearm firearms knife"),
    ("COMPLETE", "finished completed complete concluded done"),
    ("RESPOND", "respond responded responding answered addressed"),
    ("KEEP", "remain remains retained keep kept"),
    ("FAULT", "broke broken fault faults failure failures failed malfunction"),
    ("MILITARY", "army military troops soldiers"),
    ("COMBATANT", "fighters fighter militants militant terrorists terrorist insurgents insurgent gunmen "
                  "combatants"),
    ("WARN", "warning warnings warned warn warns orders ordered commands commanded"),
    ("SITE", "depot depots facility facilities base bases installation installations site sites"),
):
    for _w in _words.split():
        CONCEPTS[_w] = _concept

MILITARY_TARGETS = frozenset("""
fortification fortifications bunker bunkers artillery antiaircraft positions position militants
fighters terrorists terrorist command post depot depots ammunition weapons arms launcher launchers
launchers tanks tank armored armoured vehicles convoy base bases training camp camps headquarters
military infrastructure targets target installations radar missile missiles troops soldiers
insurgents rebels combatants barracks airfield hideout hideouts
""".split())
CIVILIAN_TARGETS = frozenset("""
civilian civilians children child women residents homes houses hospital hospitals school schools
market markets mosque mosques church churches historic heritage museum ancient monuments monument
bakery bakeries villagers family families neighbourhood neighborhood residential refugees
shelter shelters clinic clinics aid worker workers journalists passengers
""".split())

CASUALTY_MEASURES = {"killed": "KILL", "dead": "KILL", "deaths": "KILL", "died": "KILL",
                     "fatalities": "KILL", "bodies": "KILL", "wounded": "WOUND", "injured": "WOUND",
                     "hurt": "WOUND", "injuries": "WOUND", "casualties": "KILL"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
                "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
                "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000, "no": 0, "none": 0,
                "zero": 0, "single": 1, "twice": 2, "once": 1, "handful": 4, "thirteen": 13,
                "fourteen": 14, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
                "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
UNITS = frozenset("""year years day days hour hours minute minutes week weeks month months km kilometers
kilometres miles meters metres feet percent dollars euros pounds million billion am pm""".split())
LOWER_BOUND = ("at least", "more than", "over", "above", "upwards of", "in excess of", "no fewer than")
UPPER_BOUND = ("up to", "fewer than", "less than", "under", "below", "no more than", "at most")
APPROX = ("about", "around", "nearly", "almost", "some", "roughly", "approximately", "an estimated",
          "close to")

# A denial or dispute whose object is a reference back ("those reports", "the claim", "it").
ANAPHORIC_NOUNS = frozenset("""report reports claim claims allegation allegations accusation accusations
charge charges assertion assertions account accounts suggestion suggestions statement statements
figure figures story stories version characterization characterisation description rumors rumours
it this that them these those criticism result results finding findings theory explanation
conclusion conclusions tally count numbers assessment narrative complaints complaint lawsuit""".split())
PLURAL_ANAPHORS = frozenset("""reports claims allegations accusations charges assertions accounts
suggestions statements figures stories rumors rumours them these those criticism results findings
conclusions numbers complaints""".split())
DISPUTE_WORDS = frozenset("""incorrect false untrue wrong inaccurate misleading baseless unfounded
groundless fabricated nonsense lie lies exaggerated absurd ridiculous fake propaganda distorted
disinformation misinformation erroneous excuse excuses fantasy fabrication smear desperate
distortion hoax myth fiction slander provocation provocations staged insult mania hysteria
paranoia unsubstantiated far-fetched fictitious unproven""".split())
# Verbs after which a negation no longer covers the clause ("could not confirm which side fired").
NEG_SCOPE_END = frozenset("""confirm confirmed say said know determine verify specify clear sure
whether which who what how why when if and but that only""".split())
HEDGES = frozenset("confirm confirmed know determine verify specify clear sure whether".split())
# Concepts that cannot both hold of one thing: "safe to drink" against "fell sick after drinking".
# Polar concepts specific enough to oppose two claims a few paragraphs apart ("armed"/"unarmed").
GENERIC_POLAR = frozenset({"ATTACK", "KILL", "WOUND", "DESTROY", "CAUSE", "COOP", "TEST", "EXERCISE",
                           "MILITARY", "SITE"})
INCOMPATIBLE = frozenset({("safe", "SICK"), ("clean", "SICK"), ("safe", "KILL"), ("peaceful", "ATTACK"),
                          ("safe", "FAULT"), ("working", "FAULT"), ("fair", "FRAUD")})
CONTRAST_MARKERS = ("but", "however", "yet", "while", "whereas", "although", "though", "instead",
                    "nevertheless", "in contrast")

EVENT_NOUNS = ("strikes", "airstrikes", "attack", "attacks", "shooting", "election", "vote", "count",
               "recall", "fire", "wildfire", "blaze", "outbreak", "test", "exercise", "clash",
               "clashes", "crash", "protest", "protests", "strike", "walkout", "deal", "talks",
               "raid", "bombing", "shelling", "incursion", "ban", "doping", "investigation",
               "explosion", "blast", "leak", "spill", "contamination", "cooperation", "coordination")
