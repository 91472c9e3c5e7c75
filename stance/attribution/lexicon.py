"""General world knowledge for speakers: titles, source nouns, institutions, and countries with their adjectives.

Nothing here names a person; the country table maps names, adjectives and capitals to one canonical side.
"""

from __future__ import annotations

import re

# A blank line (and the whitespace after it): paragraphs and headlines end there.
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "baroness", "baron", "viscount",
              "earl", "countess", "prof", "rev"}
TITLE_WORDS = set("""
president vice prime premier minister ministers secretary secretaries deputy acting foreign defense defence state
interior finance trade economy economic treasury justice home health energy environment agriculture education
spokesman spokeswoman spokesperson spokespeople ambassador envoy special senator sen rep representative congressman
congresswoman governor mayor chancellor general gen admiral adm colonel col lieutenant lt major maj captain capt
commander chief head director chairman chairwoman chair leader king queen prince princess sheikh emir pope
former then counsel adviser advisor aide official diplomat analyst expert fellow professor lawmaker mp mep senior
top executive ceo founder candidate nominee judge commissioner undersecretary under assistant national security
press communications general-general secretary-general attorney speaker whip shadow opposition party ruling
nonresident resident visiting associate principal lead first second third army navy air force military intelligence
cabinet affairs relations international external home office of for and the to at
""".split())
ROLE_STOP = {"of", "for", "and", "the", "to", "at"}
SOURCE_NOUNS = set("""
official officials source sources spokesman spokeswoman spokesperson spokespeople diplomat diplomats analyst analysts
expert experts observer observers member members fellow aide aides adviser advisers advisor advisors officer
officers minister ministers secretary president leader leaders lawmaker lawmakers senator senators legislator
legislators negotiator negotiators envoy ambassador commander commanders general director head chief chairman
chairwoman executive executives critic critics supporter supporters opponent opponents resident residents witness
witnesses people person insider insiders researcher researchers scholar scholars professor economist economists
lawyer lawyers attorney attorneys activist activists campaigner campaigners candidate candidates governor mayor
representative representatives delegate delegates delegation mp mps mep meps spokesmen officials analysts voters
staff staffer staffers colleague colleagues allies ally rivals rival author authors writer commentator
""".split())
INSTITUTION_WORDS = set("""
government administration ministry department embassy agency office council committee parliament congress senate
army military court party company campaign commission union alliance organisation organization bank group network
newspaper daily times post news journal television tv radio channel magazine institute institution foundation
university association corporation corp inc ltd firm board cabinet presidency kremlin pentagon statement report
release letter document poll survey study website press service services forces command headquarters exporter
tribune herald guardian telegraph gazette broadcaster agency's police constabulary treasury international federation
league society trust fund centre center authority assembly tribunal watchdog charity bureau
""".split())
PARTY_WORDS = {"labour", "tory", "tories", "conservative", "conservatives", "democrat", "democrats", "democratic",
               "republican", "republicans", "liberal", "liberals", "lib", "dem", "dems", "green", "greens",
               "socialist", "socialists", "communist", "communists", "ukip", "snp"}
MEDIA = {"reuters", "afp", "ap", "xinhua", "interfax", "tass", "bbc", "cnn", "ria", "anadolu", "yonhap", "kyodo",
         "bloomberg", "efe", "ansa", "dpa", "sputnik", "axios", "politico"}
PRONOUNS = {"he": "person", "she": "person", "they": "plural", "it": "thing", "we": "plural", "i": "person"}
DETERMINERS = {"the", "a", "an", "one", "some", "two", "three", "four", "several", "many", "another", "other",
               "unnamed", "anonymous", "unidentified", "certain", "various", "both", "these", "those", "this", "that",
               "his", "her", "their", "its", "our", "top"}

COUNTRIES = """
United States: United States|U.S.|US|USA|U.S.A.|America|American|Americans|Washington|United States of America
United Kingdom: United Kingdom|UK|U.K.|Britain|British|Great Britain|London|Downing Street|Whitehall
Russia: Russia|Russian|Russians|Moscow|Kremlin|Russian Federation
Turkey: Turkey|Turkish|Turks|Ankara|Turkiye
China: China|Chinese|Beijing
France: France|French|Paris|Elysee
Germany: Germany|German|Germans|Berlin
Italy: Italy|Italian|Rome
Spain: Spain|Spanish|Madrid
Japan: Japan|Japanese|Tokyo
South Korea: South Korea|South Korean|Seoul
North Korea: North Korea|North Korean|Pyongyang
India: India|Indian|New Delhi
Pakistan: Pakistan|Pakistani|Islamabad
Iran: Iran|Iranian|Tehran
Iraq: Iraq|Iraqi|Baghdad
Syria: Syria|Syrian|Damascus
Israel: Israel|Israeli|Israelis|Jerusalem
Palestine: Palestine|Palestinian|Palestinians|Ramallah
Saudi Arabia: Saudi Arabia|Saudi|Saudis|Riyadh
Egypt: Egypt|Egyptian|Cairo
Greece: Greece|Greek|Athens
Cyprus: Cyprus|Cypriot|Nicosia
Ukraine: Ukraine|Ukrainian|Kiev|Kyiv
Poland: Poland|Polish|Warsaw
Canada: Canada|Canadian|Ottawa
Mexico: Mexico|Mexican
Brazil: Brazil|Brazilian|Brasilia
Argentina: Argentina|Argentine|Argentinian|Buenos Aires
Australia: Australia|Australian|Canberra
Afghanistan: Afghanistan|Afghan|Kabul
Qatar: Qatar|Qatari|Doha
United Arab Emirates: United Arab Emirates|UAE|Emirati|Abu Dhabi
Jordan: Jordan|Jordanian|Amman
Lebanon: Lebanon|Lebanese|Beirut
Libya: Libya|Libyan|Tripoli
Azerbaijan: Azerbaijan|Azerbaijani|Baku
Armenia: Armenia|Armenian|Yerevan
Georgia: Georgia|Georgian|Tbilisi
Belarus: Belarus|Belarusian|Minsk
Sweden: Sweden|Swedish|Stockholm
Finland: Finland|Finnish|Helsinki
Norway: Norway|Norwegian|Oslo
Denmark: Denmark|Danish|Copenhagen
Netherlands: Netherlands|Dutch|The Hague|Amsterdam
Belgium: Belgium|Belgian
Austria: Austria|Austrian|Vienna
Switzerland: Switzerland|Swiss|Bern
Hungary: Hungary|Hungarian|Budapest
Serbia: Serbia|Serbian|Belgrade
Venezuela: Venezuela|Venezuelan|Caracas
Cuba: Cuba|Cuban|Havana
Nigeria: Nigeria|Nigerian|Abuja
South Africa: South Africa|South African|Pretoria
Ethiopia: Ethiopia|Ethiopian|Addis Ababa
Taiwan: Taiwan|Taiwanese|Taipei
Vietnam: Vietnam|Vietnamese|Hanoi
Philippines: Philippines|Philippine|Filipino|Manila
Indonesia: Indonesia|Indonesian|Jakarta
Ireland: Ireland|Irish|Dublin
Scotland: Scotland|Scottish
NATO: NATO|North Atlantic Treaty Organization|North Atlantic Treaty Organisation
European Union: European Union|EU|E.U.|Brussels
United Nations: United Nations|UN|U.N.
"""
INSTITUTION_SIDES = {"white house": "United States", "pentagon": "United States", "state department": "United States",
                     "capitol hill": "United States", "kremlin": "Russia", "downing street": "United Kingdom",
                     "whitehall": "United Kingdom", "elysee": "France"}
CASE_SENSITIVE = {"US", "UK", "EU", "UN", "UAE"}
SHORT_WORDS = {"us", "un", "uk", "eu", "uae"}
ORGANISATIONS = {"NATO", "European Union", "United Nations"}


def _country_table() -> tuple[dict[str, str], dict[str, str]]:
    lower: dict[str, str] = {}
    exact: dict[str, str] = {}
    for line in COUNTRIES.strip().splitlines():
        name, forms = line.split(":", 1)
        for form in forms.strip().split("|"):
            if form in CASE_SENSITIVE:
                exact[form] = name
            else:
                lower[_key(form)] = name
    return lower, exact


def _key(text: str) -> str:
    """Lower-case, dots and apostrophes removed, runs of single letters joined ("u s" -> "us")."""
    text = re.sub(r"[.\u2019']", "", text.lower())
    text = re.sub(r"\b(\w) (?=\w\b)", r"\1", text)
    return " ".join(text.split())


COUNTRY_LOWER, COUNTRY_EXACT = _country_table()


def country_of(phrase: str) -> str | None:
    """The country or organisation a word or short phrase names ("Turkish" -> Turkey, "U.S." -> United States)."""
    phrase = phrase.strip()
    if phrase in COUNTRY_EXACT:
        return COUNTRY_EXACT[phrase]
    if phrase.lower() in SHORT_WORDS and phrase.islower():
        return None
    key = _key(phrase)
    if key.endswith(" s") or key.endswith("s") and key[:-1] in COUNTRY_LOWER and key not in COUNTRY_LOWER:
        key = key[:-1].strip()
    return COUNTRY_LOWER.get(key) or INSTITUTION_SIDES.get(key)


def find_side(words: list[str]) -> str | None:
    """The first country/organisation named by any one-to-three word window of `words`."""
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            side = country_of(" ".join(words[i:i + size]))
            if side:
                return side
    return None
