"""Data, not rules: countries, capitals, demonyms and seat-of-government metonyms.

A country, its capital, its government's seat and its demonym all name one side. The table is
deliberately modest (the countries that fill world news) and general: nothing here is keyed to
one article. Add a row rather than a rule.
"""
from __future__ import annotations

# side key: (display name, aliases). Aliases are matched case-sensitively as whole words;
# "Moscow" and "the Kremlin" speak for Russia unless the text says otherwise.
COUNTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "united-states": ("United States", (
        "United States", "U.S.", "US", "USA", "America", "American", "Americans", "Washington",
        "White House", "Pentagon", "State Department", "Congress", "Capitol Hill")),
    "united-kingdom": ("United Kingdom", (
        "United Kingdom", "Britain", "Great Britain", "UK", "U.K.", "British", "London",
        "Downing Street", "Whitehall", "Foreign Office", "Westminster")),
    "russia": ("Russia", ("Russia", "Russian", "Russians", "Moscow", "Kremlin", "Russian Federation")),
    "china": ("China", ("China", "Chinese", "Beijing", "Zhongnanhai", "People's Republic of China")),
    "france": ("France", ("France", "French", "Paris", "Élysée", "Elysee", "Quai d'Orsay")),
    "germany": ("Germany", ("Germany", "German", "Germans", "Berlin", "Bundestag", "Chancellery")),
    "ukraine": ("Ukraine", ("Ukraine", "Ukrainian", "Ukrainians", "Kyiv", "Kiev")),
    "syria": ("Syria", ("Syria", "Syrian", "Damascus")),
    "iran": ("Iran", ("Iran", "Iranian", "Iranians", "Tehran")),
    "iraq": ("Iraq", ("Iraq", "Iraqi", "Iraqis", "Baghdad")),
    "israel": ("Israel", ("Israel", "Israeli", "Israelis", "Jerusalem", "Knesset", "IDF")),
    "turkey": ("Turkey", ("Turkey", "Türkiye", "Turkish", "Ankara")),
    "saudi-arabia": ("Saudi Arabia", ("Saudi Arabia", "Saudi", "Saudis", "Riyadh")),
    "egypt": ("Egypt", ("Egypt", "Egyptian", "Cairo")),
    "lebanon": ("Lebanon", ("Lebanon", "Lebanese", "Beirut")),
    "jordan": ("Jordan", ("Jordan", "Jordanian", "Amman")),
    "afghanistan": ("Afghanistan", ("Afghanistan", "Afghan", "Kabul")),
    "pakistan": ("Pakistan", ("Pakistan", "Pakistani", "Islamabad")),
    "india": ("India", ("India", "Indian", "New Delhi", "Delhi")),
    "japan": ("Japan", ("Japan", "Japanese", "Tokyo")),
    "south-korea": ("South Korea", ("South Korea", "South Korean", "Seoul")),
    "north-korea": ("North Korea", ("North Korea", "North Korean", "Pyongyang")),
    "taiwan": ("Taiwan", ("Taiwan", "Taiwanese", "Taipei")),
    "philippines": ("Philippines", ("Philippines", "Philippine", "Filipino", "Manila")),
    "vietnam": ("Vietnam", ("Vietnam", "Vietnamese", "Hanoi")),
    "indonesia": ("Indonesia", ("Indonesia", "Indonesian", "Jakarta")),
    "australia": ("Australia", ("Australia", "Australian", "Canberra")),
    "canada": ("Canada", ("Canada", "Canadian", "Ottawa")),
    "mexico": ("Mexico", ("Mexico", "Mexican", "Mexico City")),
    "brazil": ("Brazil", ("Brazil", "Brazilian", "Brasilia", "Brasília")),
    "argentina": ("Argentina", ("Argentina", "Argentine", "Buenos Aires")),
    "venezuela": ("Venezuela", ("Venezuela", "Venezuelan", "Caracas")),
    "colombia": ("Colombia", ("Colombia", "Colombian", "Bogota", "Bogotá")),
    "italy": ("Italy", ("Italy", "Italian", "Rome")),
    "spain": ("Spain", ("Spain", "Spanish", "Madrid")),
    "poland": ("Poland", ("Poland", "Polish", "Warsaw")),
    "belarus": ("Belarus", ("Belarus", "Belarusian", "Minsk")),
    "georgia": ("Georgia", ("Tbilisi", "Georgian")),
    "armenia": ("Armenia", ("Armenia", "Armenian", "Yerevan")),
    "azerbaijan": ("Azerbaijan", ("Azerbaijan", "Azerbaijani", "Baku")),
    "greece": ("Greece", ("Greece", "Greek", "Athens")),
    "netherlands": ("Netherlands", ("Netherlands", "Dutch", "The Hague", "Amsterdam")),
    "belgium": ("Belgium", ("Belgium", "Belgian", "Brussels")),
    "sweden": ("Sweden", ("Sweden", "Swedish", "Stockholm")),
    "norway": ("Norway", ("Norway", "Norwegian", "Oslo")),
    "finland": ("Finland", ("Finland", "Finnish", "Helsinki")),
    "serbia": ("Serbia", ("Serbia", "Serbian", "Belgrade")),
    "kosovo": ("Kosovo", ("Kosovo", "Kosovar", "Pristina")),
    "hungary": ("Hungary", ("Hungary", "Hungarian", "Budapest")),
    "qatar": ("Qatar", ("Qatar", "Qatari", "Doha")),
    "yemen": ("Yemen", ("Yemen", "Yemeni", "Sanaa")),
    "libya": ("Libya", ("Libya", "Libyan", "Tripoli")),
    "sudan": ("Sudan", ("Sudan", "Sudanese", "Khartoum")),
    "ethiopia": ("Ethiopia", ("Ethiopia", "Ethiopian", "Addis Ababa")),
    "eritrea": ("Eritrea", ("Eritrea", "Eritrean", "Asmara")),
    "somalia": ("Somalia", ("Somalia", "Somali", "Mogadishu")),
    "kenya": ("Kenya", ("Kenya", "Kenyan", "Nairobi")),
    "nigeria": ("Nigeria", ("Nigeria", "Nigerian", "Abuja")),
    "nicaragua": ("Nicaragua", ("Nicaragua", "Nicaraguan", "Managua")),
    "cuba": ("Cuba", ("Cuba", "Cuban", "Havana")),
    "peru": ("Peru", ("Peru", "Peruvian", "Lima")),
    "chile": ("Chile", ("Chile", "Chilean", "Santiago")),
    "bolivia": ("Bolivia", ("Bolivia", "Bolivian", "La Paz")),
    "ecuador": ("Ecuador", ("Ecuador", "Ecuadorian", "Quito")),
    "bangladesh": ("Bangladesh", ("Bangladesh", "Bangladeshi", "Dhaka")),
    "sri-lanka": ("Sri Lanka", ("Sri Lanka", "Sri Lankan", "Colombo")),
    "myanmar": ("Myanmar", ("Myanmar", "Burma", "Burmese", "Naypyitaw")),
    "thailand": ("Thailand", ("Thailand", "Thai", "Bangkok")),
    "maldives": ("Maldives", ("Maldives", "Maldivian")),
    "ghana": ("Ghana", ("Ghana", "Ghanaian", "Accra")),
    "uganda": ("Uganda", ("Uganda", "Ugandan", "Kampala")),
    "zimbabwe": ("Zimbabwe", ("Zimbabwe", "Zimbabwean", "Harare")),
    "mali": ("Mali", ("Mali", "Malian", "Bamako")),
    "cameroon": ("Cameroon", ("Cameroon", "Cameroonian", "Yaounde")),
    "congo": ("DR Congo", ("Democratic Republic of Congo", "DR Congo", "Congolese", "Kinshasa")),
    "rwanda": ("Rwanda", ("Rwanda", "Rwandan", "Kigali")),
    "south-africa": ("South Africa", ("South Africa", "South African", "Pretoria")),
    "kazakhstan": ("Kazakhstan", ("Kazakhstan", "Kazakh", "Astana")),
    "palestinian-authority": ("Palestinian Authority", ("Palestinian Authority", "Ramallah")),
    "european-union": ("European Union", ("European Union", "EU", "European Commission", "Brussels")),
    "nato": ("NATO", ("NATO", "North Atlantic Treaty Organization")),
    "united-nations": ("United Nations", ("United Nations", "UN", "U.N.", "Security Council")),
}

# Words that make an organisation part of its country's state (so it takes the country's side).
STATE_BODY_WORDS = frozenset("""
ministry ministries government cabinet army navy military forces armed staff embassy parliament
president presidency prime minister ministers premier chancellor kremlin pentagon police
guard guards command defense defence interior foreign office department agency spokesman
spokeswoman spokesperson troops officials official authorities administration coast air general
junta regime senate congress duma commander commanders state border
""".split())

# Organisation head words: "X Observatory", "Y Watch" form their own side (not the country's).
ORG_HEADS = frozenset("""
observatory watch committee council association union federation foundation institute group
network organization organisation party movement front brigade brigades league alliance
center centre company corp corporation inc ltd plc co bank fund university college hospital
court tribunal commission board bureau authority agency service services department police
ministry office airlines airline motors club team campaign coalition society trust
church mission agency
""".split())

# Common nouns that name their own side when they speak ("witnesses said", "activists said").
GROUP_SIDES: dict[str, str] = {
    "monitor": "monitors", "monitors": "monitors", "monitoring": "monitors", "observers": "monitors",
    "activist": "activists", "activists": "activists", "campaigners": "activists",
    "witness": "witnesses", "witnesses": "witnesses", "eyewitnesses": "witnesses",
    "resident": "residents", "residents": "residents", "locals": "residents", "villagers": "residents",
    "rebels": "rebels", "rebel": "rebels", "separatists": "rebels", "separatist": "rebels",
    "insurgents": "rebels", "insurgent": "rebels", "militants": "rebels", "opposition": "opposition",
    "protesters": "protesters", "demonstrators": "protesters", "analysts": "analysts",
    "experts": "analysts", "doctors": "medics", "medics": "medics", "paramedics": "medics",
    "union": "union", "strikers": "union", "workers": "union", "employees": "union",
    "family": "family", "relatives": "family", "parents": "family",
    "prosecutors": "prosecution", "prosecutor": "prosecution", "investigators": "investigators",
    "regulators": "regulators", "regulator": "regulators", "scientists": "scientists",
    "researchers": "scientists", "lawyers": "defence", "attorneys": "defence",
}


def _build_alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for key, (_, aliases) in COUNTRIES.items():
        for alias in aliases:
            index.setdefault(alias, key)
    return index


ALIASES: dict[str, str] = _build_alias_index()
# Longest first so "South Korea" wins over "Korea", "Mexico City" over "Mexico".
ALIASES_BY_LENGTH: tuple[str, ...] = tuple(sorted(ALIASES, key=len, reverse=True))


def side_display(key: str) -> str:
    if key in COUNTRIES:
        return COUNTRIES[key][0]
    return key.replace("-", " ").title()
