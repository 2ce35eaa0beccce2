#!/usr/bin/env python3
"""Build Geo/names.csv: the names StrikeMap shows, in the region's languages.

Inputs
  libgeonames-common 0.3.0-1   Debian package (GeoNames data, CC-BY 4.0; see
                               Geo/LICENSES.md). Its gettext catalogs
                               /usr/share/locale/<lang>/LC_MESSAGES/geonames.mo
                               are keyed by GeoNames id, not by English name:
                               "98182" (a geonameid) for a city, "IQ.07" for an
                               admin-1 area, "IQ" for a country. The English
                               catalog (en) gives the English name of each id,
                               so a name is matched to an id through it.
  Geo/gazetteer.csv            `name` of every row (city and town rows cite
                               their geonameid in `source`).
  Geo/basemap/middle-east/places.geojson
                               place labels (the renderer shows `nameascii`).
  Geo/basemap/middle-east/admin1.geojson
                               province labels (`name`, shown without a
                               "(...)" part or " Governorate").
  Geo/countries.csv            ISO 3166-1 alpha-2 codes (with Kosovo's XK, as
                               the project's country table has it), and each
                               country's English names.
  /usr/share/magics/10m/ne_10m_populated_places_simple.shp
                               Natural Earth populated places, scalerank <= 7
                               (from libmagics++-data; skipped if missing).
                               Read with ogr2ogr (gdal-bin).

Output
  Geo/names.csv                name,lang,label -- `name` as StrikeMap displays
                               it, `lang` one of LANGS, `label` the GeoNames
                               name in that language. A country's name is
                               `country:XX` (its upper-case alpha-2 code).
                               Sorted by name, then lang (code-point order).

Selection
  A name is matched to one GeoNames place: by the geonameid the gazetteer or
  Natural Earth gives, else by English spelling (exact, then accent- and
  punctuation-blind, then -- for the region's names -- without a leading
  "Al"/"As"/"Ar"...); admin-1 names within their country. A name keeps the
  labels of the first place found for it, in the order gazetteer towns,
  basemap places, other gazetteer rows, provinces, world places. A label is
  left out when it is empty, the English name, multi-line or over 60
  characters, in the wrong script, or a province's name given for a city;
  a ", qualifier" or "(qualifier)" is cut off. Countries are looked up by
  their code ("IQ"), for every code of Geo/countries.csv the catalogs know,
  with the same checks; a label two countries share in a language (ISO-style
  "Korea, North" and "Korea, South" both cut to "Korea") is left out for both.
  The *_BY_HAND tables below hold the few matches and rejections made by
  inspection, each with why.

Usage:  python3 scripts/build_names.py [--deb PATH]
Without --deb the package is fetched with `apt-get download` into a temporary
directory and unpacked with `dpkg-deb -x`; nothing is installed. Stdlib only
(plus apt-get, dpkg-deb and ogr2ogr as programs). The output is deterministic
for a given package version and set of inputs.
"""
import argparse
import csv
import io
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAZETTEER = os.path.join(ROOT, "Geo", "gazetteer.csv")
COUNTRIES = os.path.join(ROOT, "Geo", "countries.csv")
BASEMAP = os.path.join(ROOT, "Geo", "basemap", "middle-east")
PLACES = os.path.join(BASEMAP, "places.geojson")
ADMIN1 = os.path.join(BASEMAP, "admin1.geojson")
NE_PLACES = "/usr/share/magics/10m/ne_10m_populated_places_simple.shp"
OUT = os.path.join(ROOT, "Geo", "names.csv")

PACKAGE = "libgeonames-common"
VERSION = "0.3.0-1"
LANGS = ["ar", "fa", "ckb", "ku", "he", "tr", "ru", "uk"]
NE_MAX_SCALERANK = 7
MAX_BYTES = 1_500_000
MAX_LABEL = 60

# Hyphenated Arabic article as written in the gazetteer's display names
# ("Al-Qaim", "Deir ez-Zor"); only such town rows have their aliases tried as
# English spellings: GeoNames drops or assimilates the article ("Ar Ruţbah").
HYPHEN_ARTICLE = re.compile(r"(?:^|[\s])(?:al|el|an|ar|as|at|ad|az|ash|ath|ed|en|er|es|et|ez)-",
                            re.IGNORECASE)
# A leading article, assimilated or not ("Al ", "Ar-", "As "), which GeoNames
# and Natural Earth write or drop independently of each other.
LEADING_ARTICLE = re.compile(r"^(?:al|el|an|ar|as|at|ad|az|ash|ath|ed|en|er|es|et|ez)\s+")

# Natural Earth's admin-1 names that share no spelling with GeoNames' English
# name of the same area (Hebrew, French or Arabic forms against English ones);
# matched by hand: (iso_a2, Natural Earth name) -> GeoNames admin-1 code.
ADMIN1_BY_HAND = {
    ("IL", "HaDarom"): "IL.01", ("IL", "HaMerkaz"): "IL.02", ("IL", "HaZafon"): "IL.03",
    ("LB", "South Lebanon"): "LB.06", ("LB", "North Lebanon"): "LB.09",
    ("IQ", "Ninawa"): "IQ.15", ("IQ", "Sala ad-Din"): "IQ.18", ("IQ", "At-Ta'mim"): "IQ.13",
    ("IR", "West Azarbaijan"): "IR.01", ("IR", "East Azarbaijan"): "IR.33",
    ("SA", "Ash Sharqiyah"): "SA.06", ("SA", "Al Hudud ash Shamaliyah"): "SA.15",
    ("SA", "Makkah"): "SA.14",
    ("EG", "Shamal Sina'"): "EG.27", ("EG", "Janub Sina'"): "EG.26",
    ("EG", "Al Wadi at Jadid"): "EG.13", ("EG", "Al Bahr al Ahmar"): "EG.02",
    ("EG", "As Suways"): "EG.15", ("EG", "Bur Sa`id"): "EG.19",
    ("EG", "Ad Daqahliyah"): "EG.01", ("EG", "Kafr ash Shaykh"): "EG.21",
    ("EG", "Al Iskandariyah"): "EG.06", ("EG", "Suhaj"): "EG.24",
    ("EG", "Al Qahirah"): "EG.11", ("EG", "Al Jizah"): "EG.08",
    ("QA", "Ad Dawhah"): "QA.01", ("QA", "Ar Rayyān"): "QA.06", ("QA", "Al Daayen"): "QA.13",
    ("QA", "Madinat ach Shamal"): "QA.08", ("QA", "Umm Salal"): "QA.09",
    ("BH", "Ash Shamālīyah"): "BH.19", ("BH", "Al Janūbīyah"): "BH.17",
    ("AE", "Umm Al Qaywayn"): "AE.07",
    ("TR", "Kinkkale"): "TR.79", ("TR", "K. Maras"): "TR.46",
    ("CY", "Famagusta"): "CY.01", ("CY", "Larnaca"): "CY.03", ("CY", "Paphos"): "CY.06",
    ("GR", "Anatoliki Makedonia kai Thraki"): "GR.ESYE11", ("GR", "Kriti"): "GR.ESYE43",
    ("GR", "Notio Aigaio"): "GR.ESYE42", ("GR", "Voreio Aigaio"): "GR.ESYE41",
    ("GE", "Ajaria"): "GE.04",
    ("SD", "Gedarif"): "SD.39", ("SD", "North Darfur"): "SD.55",
    ("SD", "South Kordufan"): "SD.50", ("SD", "Gezira"): "SD.38",
    ("ER", "Debubawi Keyih Bahri"): "ER.03", ("ER", "Semenawi Keyih Bahri"): "ER.06",
    ("TM", "Chardzhou"): "TM.04", ("TM", "Tashauz"): "TM.03",
    ("UZ", "Khorezm"): "UZ.05", ("DJ", "Djibouti"): "DJ.07",
}

# Natural Earth places whose geonameid is wrong or missing from the package
# (Rome's names Rome, Georgia; Tel Aviv-Yafo's is not in cities15000), checked
# against the better-known namesake or the GeoNames spelling:
# (Natural Earth name, iso_a2) -> geonameid.
NE_GEONAMEID_BY_HAND = {
    ("Rome", "IT"): "3169070", ("Madrid", "ES"): "3117735", ("Santiago", "CL"): "3871336",
    ("Valparaiso", "CL"): "3868626", ("Colombo", "LK"): "1248991",
    ("Tripoli", "LY"): "2210247", ("Tel Aviv-Yafo", "IL"): "293397",
    ("Bandar-e-Abbas", "IR"): "141681", ("Khomeini Shahr", "IR"): "418710",
    ("Hatay", "TR"): "323779", ("Bur Said", "EG"): "358619", ("Boosaaso", "SO"): "64013",
}

# Translations seen to be wrong on inspection: (lang, GeoNames id) -> why.
REJECT_BY_HAND = {
    ("he", "745044"): "Istanbul given as Byzantium",
    ("fa", "143127"): "Arak given as Saveh, another city",
    ("fa", "132892"): "Gorgan given as Astarabad, its old name",
    ("ar", "371760"): "Kosti given as Rabak, another town",
    ("ar", "379003"): "El Obeid cut short",
    ("ru", "75337"): "Hajjah given as the Hajj",
    ("ru", "300399"): "Söke cut short",
    ("ru", "298333"): "Şanlıurfa given as ancient Edessa",
    ("ru", "99039"): "Musayyib with a doubled article and a case ending",
    ("ru", "128747"): "Karaj misspelt",
    ("ru", "SY.08"): "Rif Dimashq given as Damascus governorate",
    # Countries (msgid = alpha-2 code).
    ("he", "RU"): "Russia given as 'Commonwealth of Russian States', not its name",
    ("he", "NE"): "Niger given as Nigeria",
    ("he", "GE"): "Georgia in the US state's spelling (the country is גאורגיה)",
    ("he", "VU"): "Vanuatu misspelt",
    ("fa", "JO"): "Jordan spelt as the English word (the Persian name is اردن)",
    ("fa", "CY"): "Cyprus spelt as the English word (the Persian name is قبرس)",
    ("fa", "MA"): "Morocco spelt as the English word (the Persian name is مراکش)",
    ("fa", "PL"): "Poland given as Austria",
    ("fa", "GH"): "Ghana given as Qana",
    ("fa", "DZ"): "Algeria given as al-Jazira (the Persian name is الجزایر)",
    ("fa", "ID"): "Indonesia misspelt",
    ("fa", "DO"): "Dominican Republic misspelt",
    ("fa", "TT"): "Tobago written as 'tobacco'",
    ("fa", "LC"): "Saint Lucia misspelt",
    ("ku", "GB"): "an abbreviation (KY), not a name",
    ("tr", "CD"): "DR Congo given the Republic of the Congo's name",
    ("ru", "CD"): "DR Congo given as Zaire, its name until 1997",
    ("ru", "BQ"): "Bonaire, Sint Eustatius and Saba cut to Bonaire by the qualifier rule",
    ("ru", "UM"): "U.S. outlying islands without the '(США)' that says whose they are",
    ("uk", "KR"): "South Korea misspelt",
    ("uk", "LY"): "Libya given as the Libyan Arab Jamahiriya, its name until 2011",
    ("uk", "LC"): "Saint Lucia given as Santa Lucia",
}

# Script every letter of a label must be in. GeoNames' 'ku' names are Kurmanji
# in Latin letters or Kurdish in Arabic letters; either is kept, never mixed.
SCRIPTS = {"ar": ("ARABIC",), "fa": ("ARABIC",), "ckb": ("ARABIC",), "ku": ("LATIN", "ARABIC"),
           "he": ("HEBREW",), "tr": ("LATIN",), "ru": ("CYRILLIC",), "uk": ("CYRILLIC",)}
# Letters that give away another language's spelling copied into a catalog:
# Persian/Kurdish kaf, yeh and vowels in Arabic; Russian-only letters in
# Ukrainian and Ukrainian-only letters in Russian.
FOREIGN_LETTERS = {"ar": set("\u06a9\u06cc\u06c6\u06ce\u06d5\u06b5\u0695"),
                   "uk": set("ыэъёЫЭЪЁ"), "ru": set("іїєґІЇЄҐ")}
# Words naming an administrative area. A city's label carrying one is the
# province's name filed under the city (Hebrew "Erbil District" for Erbil).
ADMIN_WORDS = {
    "ar": re.compile(r"^(?:محافظة|محافظه|ولاية|إقليم|قضاء|ناحية)\s"),
    "fa": re.compile(r"^(?:استان|شهرستان|بخش)\s"),
    "ckb": re.compile(r"^(?:پارێزگای|پارێزگا)\s"),
    "ku": re.compile(r"^(?:Parêzgeha|Parêzgeh)\b|^(?:پارێزگای|پارێزگا)\s"),
    "he": re.compile(r"^(?:מחוז|נפת)\s"),
    "tr": re.compile(r"\b(?:ili|İli|Vilayeti|Eyaleti)$"),
    "ru": re.compile(r"(?i)\b(?:провинция|область|мухафаза|остан|ил|вилайет)\b"),
    "uk": re.compile(r"(?i)\b(?:провінція|область|мухафаза|остан|іл|вілайєт)\b"),
}
# Letters NFKD does not take apart, folded to the plain letter for matching.
FOLD_EXTRA = str.maketrans({"ı": "i", "ə": "e", "ǝ": "e", "ł": "l", "ø": "o", "đ": "d",
                            "ß": "ss", "æ": "ae", "œ": "oe", "ħ": "h", "þ": "th"})
QUALIFIER = re.compile(r"\s*(?:[,\u060c].*|\([^()]*\))$")
APOSTROPHES = "'`\u2018\u2019\u02bc\u02bf\u02be\u00b4"

SPOT_CHECKS = [("Baghdad", "ar", "بغداد"), ("Tehran", "fa", "تهران"),
               ("Jerusalem", "he", "ירושלים"), ("Erbil", "ckb", None), ("Erbil", "ku", None),
               ("Damascus", "tr", "Şam"), ("Mosul", "ru", "Мосул"), ("Aleppo", "uk", "Алеппо"),
               ("country:IQ", "ar", "العراق"), ("country:IR", "fa", "ایران"),
               ("country:IL", "he", "ישראל"), ("country:SY", "tr", "Suriye"),
               ("country:UA", "uk", "Україна"), ("country:RU", "ru", "Россия")]
# Countries whose labels are printed in full, one line each, to be read.
COUNTRY_SPOT_CHECKS = ["IQ", "SY", "IR", "TR", "SA", "JO", "IL", "PS", "LB", "YE", "UA", "RU"]


# ---- the package -------------------------------------------------------------

def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, **kw).stdout


def fetch_deb(tmp):
    """apt-get download needs no root and installs nothing; pin the version so a
    newer package cannot silently change the extract."""
    run(["apt-get", "download", f"{PACKAGE}={VERSION}"], cwd=tmp)
    debs = [f for f in os.listdir(tmp) if f.startswith(PACKAGE + "_") and f.endswith(".deb")]
    if len(debs) != 1:
        sys.exit(f"apt-get download left {debs!r} in {tmp}")
    return os.path.join(tmp, debs[0])


def read_mo(path):
    """msgid -> msgstr of a GNU .mo file (header entry and plural forms left out).
    Parsed here rather than through gettext.GNUTranslations, whose table is private."""
    with open(path, "rb") as f:
        data = f.read()
    for order in ("<", ">"):
        if struct.unpack(order + "I", data[:4])[0] == 0x950412DE:
            break
    else:
        sys.exit(f"{path}: not a .mo file")
    _rev, count, orig_at, trans_at = struct.unpack(order + "4I", data[4:20])
    out = {}
    for i in range(count):
        olen, ooff = struct.unpack(order + "2I", data[orig_at + 8 * i:orig_at + 8 * i + 8])
        tlen, toff = struct.unpack(order + "2I", data[trans_at + 8 * i:trans_at + 8 * i + 8])
        msgid = data[ooff:ooff + olen].decode("utf-8")
        if not msgid or "\x00" in msgid:
            continue
        out[msgid] = data[toff:toff + tlen].decode("utf-8")
    return out


def load_catalogs(deb):
    """Unpack the package into a private temporary directory (never into /) and
    read the English catalog plus one per language."""
    with tempfile.TemporaryDirectory(prefix="build_names.") as tmp:
        if deb is None:
            deb = fetch_deb(tmp)
        version = run(["dpkg-deb", "-f", deb, "Version"]).decode().strip()
        name = run(["dpkg-deb", "-f", deb, "Package"]).decode().strip()
        if (name, version) != (PACKAGE, VERSION):
            sys.exit(f"{deb} is {name} {version}, expected {PACKAGE} {VERSION}")
        root = os.path.join(tmp, "root")
        run(["dpkg-deb", "-x", deb, root])
        locale = os.path.join(root, "usr", "share", "locale")
        cats, missing, reach = {}, [], {}
        for lang in sorted(os.listdir(locale)):
            mo = os.path.join(locale, lang, "LC_MESSAGES", "geonames.mo")
            if not os.path.exists(mo):
                continue
            cat = read_mo(mo)
            if lang in LANGS or lang == "en":
                cats[lang] = cat
            # How many of the package's languages name each place: the better
            # known of two namesakes is named in more of them.
            for gid in cat:
                reach[gid] = reach.get(gid, 0) + 1
        for lang in ["en"] + LANGS:
            if lang not in cats:
                missing.append(lang)
                cats[lang] = {}
    if not cats["en"]:
        sys.exit("the package has no English catalog to match names against")
    return cats, missing, reach


# ---- matching names ----------------------------------------------------------

def fold(s):
    """Case-, accent- and punctuation-blind form of a Latin-script name."""
    s = unicodedata.normalize("NFKD", s.translate(FOLD_EXTRA))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold().translate(FOLD_EXTRA)
    for a in APOSTROPHES:
        s = s.replace(a, "")
    s = re.sub(r"[\s\-_.,/]+", " ", s)
    return s.strip()


def bare(s):
    return LEADING_ARTICLE.sub("", fold(s))


def is_latin(s):
    return all("LATIN" in unicodedata.name(c, "") for c in s if c.isalpha())


def display_key(name):
    # How the renderer compares names: trimmed, case-insensitive.
    return name.strip().casefold()


class NameIndex:
    """English GeoNames name -> ids, at three strengths: exact spelling, folded,
    folded without a leading article. Cities (numeric ids) only; admin-1 areas
    are matched within their country by Admin1Index."""

    def __init__(self, en):
        self.levels = ({}, {}, {})
        for gid, name in en.items():
            if not gid.isdigit():
                continue
            for table, key in zip(self.levels, (name, fold(name), bare(name))):
                table.setdefault(key, set()).add(gid)

    def lookup(self, spellings, loose):
        # An exact spelling anywhere in the list beats a folded one.
        for level, fn in enumerate((lambda s: s, fold, bare)[:3 if loose else 2]):
            for s in spellings:
                ids = self.levels[level].get(fn(s))
                if ids:
                    return sorted(ids)
        return []


def admin_loose(s):
    s = fold(s.split("(")[0])
    s = re.sub(r"\b(?:governorate|province|district|region|area|muhafazat|state|emirate)\b", " ", s)
    s = LEADING_ARTICLE.sub("", " ".join(s.split()))
    return re.sub(r"[^a-z]", "", s)


def admin_skeleton(s):
    # Consonants only, doubled letters single, no final h: "Ardebil"/"Ardabīl",
    # "Al-Basrah"/"Basra Governorate", "Dihok"/"Duhok" meet.
    s = re.sub(r"h$", "", admin_loose(s))
    s = re.sub(r"[aeiouyw]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


class Admin1Index:
    """Admin-1 areas by country. Natural Earth and GeoNames spell them apart
    ("Dayr Az Zawr" / "Deir ez-Zor Governorate"), so a name is matched within its
    country, first on a loose form and then on a consonant skeleton, and only
    when exactly one area matches."""

    def __init__(self, en):
        self.by_cc = {}
        for gid, name in en.items():
            if "." in gid:
                self.by_cc.setdefault(gid.split(".")[0], []).append((gid, name))
        for rows in self.by_cc.values():
            rows.sort()

    def lookup(self, cc, spellings):
        for s in spellings:
            if (cc, s) in ADMIN1_BY_HAND:
                return ADMIN1_BY_HAND[(cc, s)]
        areas = self.by_cc.get(cc, [])
        for fn in (admin_loose, admin_skeleton):
            for s in spellings:
                if not fn(s):
                    continue
                hits = [gid for gid, name in areas if fn(name) == fn(s)]
                if len(hits) == 1:
                    return hits[0]
                if len(hits) > 1:
                    return None
        return None


# ---- labels ------------------------------------------------------------------

def check_label(lang, gid, raw, english):
    """(label, None) or (None, reason)."""
    if (lang, gid) in REJECT_BY_HAND:
        return None, "rejected by hand"
    if "\n" in raw or len(raw) > MAX_LABEL:
        return None, "multi-line or too long"
    # Direction marks (U+200E and the like) trail many Arabic entries; they are
    # not part of the name. Zero-width (non-)joiners are Persian spelling: kept.
    label = "".join(c for c in unicodedata.normalize("NFC", raw)
                    if unicodedata.category(c) != "Cf" or c in "\u200c\u200d").strip()
    # Some catalogs hold Wikipedia-style titles, "Austin, Texas" or "X (city)":
    # the name is the part before the qualifier.
    label = QUALIFIER.sub("", label).strip()
    if not label:
        return None, "empty"
    if any(display_key(label) == display_key(e) for e in english):
        return None, "same as English"
    # An apostrophe is not a letter of any script, though U+02BC (the
    # Ukrainian apostrophe of "Вʼєтнам") counts as one to Python.
    letters = [c for c in label if c.isalpha() and c not in APOSTROPHES]
    if not letters:
        return None, "no letters"
    scripts = {next((s for s in SCRIPTS[lang] if unicodedata.name(c, "").startswith(s)), None)
               for c in letters}
    if None in scripts or len(scripts) > 1:
        return None, "wrong script"
    if set(label) & FOREIGN_LETTERS.get(lang, set()):
        return None, "another language's letters"
    if gid.isdigit() and ADMIN_WORDS[lang].search(label):
        return None, "province name given for a city"
    return label, None


class Entry:
    """One displayed name and how to find its place: a geonameid, an admin-1
    area, or English spellings to look up."""

    def __init__(self, name, source, gid=None, spellings=(), loose=False, admin=None,
                 english=()):
        self.name = name.strip()
        self.source = source
        self.gid = gid
        self.spellings = [s for s in dict.fromkeys([self.name, *spellings]) if s and is_latin(s)]
        self.loose = loose
        self.admin = admin  # (iso_a2, spellings) for an admin-1 area
        self.english = list(english)  # other English names a label must not copy


def resolve(entry, cats, names, admins, reach):
    """GeoNames ids this entry names, and how they were found. A known geonameid
    is trusted alone: if GeoNames knows the place but not its name in some
    language, a namesake elsewhere is not asked instead."""
    en = cats["en"]
    if entry.gid and entry.gid in en:
        return [entry.gid], "id"
    if entry.admin:
        gid = admins.lookup(*entry.admin)
        return ([gid], "admin-1") if gid else ([], None)
    ids = names.lookup(entry.spellings, entry.loose)
    if len(ids) > 1:
        # Namesakes (Tripoli in Libya, Lebanon and Greece): the one named in
        # clearly more languages is the one a map means by the bare name. With
        # no clear leader all stay, and languages where they differ are left out.
        ranked = sorted(ids, key=lambda g: -reach.get(g, 0))
        if reach.get(ranked[0], 0) >= 2 * reach.get(ranked[1], 0) + 1:
            return ranked[:1], "name (best known of namesakes)"
    return ids, ("name" if ids else None)


def labels_for(entry, ids, cats, stats):
    """lang -> label. Where one name leads to several GeoNames places whose
    labels differ in a language, that language is left out rather than guessed."""
    out = {}
    for lang in LANGS:
        found = set()
        for gid in ids:
            raw = cats[lang].get(gid)
            if raw is None:
                continue
            label, why = check_label(lang, gid, raw,
                                     [entry.name, cats["en"][gid], *entry.english])
            if why:
                stats["rejected"].setdefault(lang, {}).setdefault(why, []).append(
                    (entry.name, raw))
            else:
                found.add(label)
        if len(found) == 1:
            out[lang] = found.pop()
        elif found:
            stats["ambiguous"].append((entry.name, lang, sorted(found)))
    return out


# ---- inputs ------------------------------------------------------------------

def gazetteer_entries():
    with open(GAZETTEER, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    places, others = [], []
    for r in rows:
        aliases = [a.strip() for a in r["aliases"].split("|") if a.strip()]
        kind = r["kind"]
        if kind in ("city", "town"):
            m = re.search(r"geonameid=(\d+)", r["source"])
            extra = aliases if HYPHEN_ARTICLE.search(r["name"]) else []
            places.append(Entry(r["name"], "gazetteer", gid=m.group(1) if m else None,
                                spellings=extra, loose=True))
        elif kind == "governorate":
            # Shown as the row's name, and on province labels without "Governorate".
            admin = (r["country"], [r["name"], *aliases])
            others.append(Entry(r["name"], "gazetteer", admin=admin))
            short = r["name"].replace(" Governorate", "").strip()
            if short != r["name"]:
                others.append(Entry(short, "gazetteer", admin=admin))
        else:
            # A base's geonameid and aliases are its nearest town's ("Al-Shaddadi
            # base" / "Ash Shaddadah"), and the town's name is not the base's;
            # only the base's own name is looked up.
            others.append(Entry(r["name"], "gazetteer", loose=True))
    return places, others


def country_entries():
    """One entry per country, named `country:XX` and looked up by its code (the
    catalogs' msgid for a country). The table's English name and aliases, any of
    which StrikeMap may show, count as the English a label must not copy."""
    with open(COUNTRIES, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in sorted(rows, key=lambda r: r["alpha2"].upper()):
        code = r["alpha2"].strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", code):
            continue
        english = [r["name"], *(a.strip() for a in r["aliases"].split("|") if a.strip())]
        out.append(Entry(f"country:{code}", "countries", gid=code, english=english))
    return out


def drop_shared_country_labels(rows, stats):
    """A label two countries are given in one language names neither: the ISO
    inverted forms ("Korea, North") lose their qualifier, and the Virgin
    Islands' "(USA)" and "(UK)" theirs. Such labels are left out for all."""
    by_label = {}
    for name, lang, label in rows:
        if name.startswith("country:"):
            by_label.setdefault((lang, display_key(label)), []).append(name)
    shared = {k: v for k, v in by_label.items() if len(v) > 1}
    for (lang, _), names in sorted(shared.items()):
        stats["shared"].append((lang, names))
    return [r for r in rows
            if not (r[0].startswith("country:") and (r[1], display_key(r[2])) in shared)]


def read_natural_earth():
    """Populated places with their geonameid, or None when the shapefile (or
    ogr2ogr) is not there."""
    if not os.path.exists(NE_PLACES):
        print(f"note: {NE_PLACES} not found; Natural Earth places skipped", file=sys.stderr)
        return None
    if not shutil.which("ogr2ogr"):
        print("note: ogr2ogr not found (apt-get install gdal-bin); Natural Earth places skipped",
              file=sys.stderr)
        return None
    out = run(["ogr2ogr", "-f", "GeoJSON", "/vsistdout/", NE_PLACES,
               "-select", "name,nameascii,scalerank,geonameid,iso_a2,adm1name,pop_max"])
    return [f["properties"] for f in json.load(io.BytesIO(out))["features"]]


def ne_key(p):
    return (p["name"], p["nameascii"], p["iso_a2"], p["adm1name"], p["scalerank"])


def ne_gid(p):
    if (p["name"], p["iso_a2"]) in NE_GEONAMEID_BY_HAND:
        return NE_GEONAMEID_BY_HAND[(p["name"], p["iso_a2"])]
    g = p.get("geonameid")
    return str(int(g)) if g and g > 0 else None


def by_size(p):
    # Bigger places first, so a name shared by two places goes to the bigger one.
    return (p["scalerank"], -(p.get("pop_max") or 0), p["name"])


def place_names(p):
    # The renderer shows `nameascii` (falling back to `name`); `name` is kept
    # as well for any label drawn from it.
    return list(dict.fromkeys(n for n in (p.get("nameascii"), p.get("name")) if n))


def basemap_entries(ne):
    with open(PLACES, encoding="utf-8") as f:
        places = [feat["properties"] for feat in json.load(f)["features"]]
    # places.geojson is cut from the same shapefile but without the geonameid
    # column; the feature's attributes find it again.
    gids = {}
    for p in ne or []:
        gids.setdefault(ne_key(p), set()).add(ne_gid(p))
    out = []
    for p in sorted(places, key=by_size):
        found = gids.get(ne_key(p), set())
        gid = next(iter(found)) if len(found) == 1 else None
        gid = NE_GEONAMEID_BY_HAND.get((p["name"], p["iso_a2"]), gid)
        spellings = place_names(p)
        for n in spellings:
            out.append(Entry(n, "places", gid=gid, spellings=spellings, loose=True))
    with open(ADMIN1, encoding="utf-8") as f:
        areas = [feat["properties"] for feat in json.load(f)["features"]]
    provinces = []
    for a in sorted(areas, key=lambda a: (a["iso_a2"], a["name"])):
        # The label the renderer draws: the part before "(", without " Governorate".
        shown = a["name"].split("(")[0].replace(" Governorate", "").strip()
        provinces.append(Entry(shown, "admin1", admin=(a["iso_a2"], [a["name"], shown])))
    return out, provinces


def world_entries(ne, max_rank):
    out = []
    for p in sorted((p for p in ne or [] if p["scalerank"] <= max_rank), key=by_size):
        # Worldwide names are looked up by spelling only when the geonameid is
        # unknown, and never without their article: too many namesakes.
        for n in place_names(p):
            out.append(Entry(n, "natural-earth", gid=ne_gid(p), spellings=[n]))
    return out


# ---- output ------------------------------------------------------------------

def build(entries, cats, names, admins, reach):
    """Each displayed name (compared as the renderer compares it) belongs to the
    first entry that finds a GeoNames place for it, so all its labels come from
    one place: gazetteer towns, then basemap places, then other gazetteer rows,
    provinces, and the world's places."""
    stats = {"rejected": {}, "ambiguous": [], "shared": [], "how": {}, "per_source": {}}
    owner, rows = {}, []
    for e in entries:
        key = display_key(e.name)
        src = stats["per_source"].setdefault(e.source, {"names": set(), "labelled": set()})
        src["names"].add(key)
        if key in owner:
            continue
        ids, how = resolve(e, cats, names, admins, reach)
        if not ids:
            continue
        owner[key] = e
        labels = labels_for(e, ids, cats, stats)
        stats["how"][how] = stats["how"].get(how, 0) + 1
        if labels:
            src["labelled"].add(key)
        for lang, label in labels.items():
            rows.append((e.name, lang, label))
    rows = drop_shared_country_labels(rows, stats)
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows, stats


def to_csv(rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["name", "lang", "label"])
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def summary(rows, stats, missing, max_rank, size, ne_read):
    err = sys.stderr
    if missing:
        print(f"missing catalogs: {' '.join(missing)}", file=err)
    print("names per source (distinct displayed names / with at least one label):", file=err)
    for src, d in stats["per_source"].items():
        print(f"  {src:14} {len(d['names']):6} / {len(d['labelled'])}", file=err)
    print("places found by: " + ", ".join(f"{k} {v}" for k, v in sorted(stats["how"].items())),
          file=err)
    print(f"Natural Earth places: scalerank <= {max_rank}" if ne_read
          else "Natural Earth places: not read", file=err)
    per = {lang: [r for r in rows if r[1] == lang] for lang in LANGS}
    print("labels per language:", file=err)
    for lang in LANGS:
        ex = [r for r in per[lang] if r[0] in ("Baghdad", "Damascus", "Erbil", "Tehran",
                                               "Mosul", "Beirut", "Jerusalem", "Amman")][:4]
        shown = "; ".join(f"{n} = {l}" for n, l in [(r[0], r[2]) for r in ex])
        print(f"  {lang:4} {len(per[lang]):6}  {shown}", file=err)
    print("left out:", file=err)
    for lang in LANGS:
        why = stats["rejected"].get(lang, {})
        parts = [f"{k} {len(v)}" for k, v in sorted(why.items())]
        if parts:
            print(f"  {lang:4} " + ", ".join(parts), file=err)
    for lang, reasons in sorted(stats["rejected"].items()):
        for why, items in sorted(reasons.items()):
            if why != "same as English":
                print(f"    {lang} {why}: " + "; ".join(f"{n} -> {r!r}" for n, r in items[:3]),
                      file=err)
    print(f"  ambiguous (namesakes disagree, left out): {len(stats['ambiguous'])}", file=err)
    for name, lang, labels in stats["ambiguous"][:5]:
        print(f"    {name} [{lang}]: {' / '.join(labels)}", file=err)
    print(f"  shared by two countries (left out for both): {len(stats['shared'])}", file=err)
    for lang, names in stats["shared"]:
        print(f"    [{lang}] {' / '.join(names)}", file=err)
    got = {(display_key(r[0]), r[1]): r[2] for r in rows}
    print("spot checks:", file=err)
    for name, lang, want in SPOT_CHECKS:
        have = got.get((display_key(name), lang))
        ok = have is not None and (want is None or have == want)
        print(f"  {'ok ' if ok else 'NO '} {name} [{lang}] = {have!r}"
              + ("" if want is None or ok else f" (expected {want!r})"), file=err)
    countries = [r for r in rows if r[0].startswith("country:")]
    print("country names per language: " + ", ".join(
        f"{lang} {sum(1 for r in countries if r[1] == lang)}" for lang in LANGS)
        + f" (of {len({r[0] for r in countries})} countries named)", file=err)
    print("country spot checks (- = none):", file=err)
    for code in COUNTRY_SPOT_CHECKS:
        have = [got.get((display_key(f"country:{code}"), lang)) for lang in LANGS]
        print(f"  {code} " + " | ".join(f"{lang} {h or '-'}" for lang, h in zip(LANGS, have)),
              file=err)
    print(f"wrote {OUT}: {len(rows)} rows, {size} bytes", file=err)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--deb", help=f"a downloaded {PACKAGE}_{VERSION}_all.deb "
                                  "(default: apt-get download it)")
    args = ap.parse_args()
    cats, missing, reach = load_catalogs(os.path.abspath(args.deb) if args.deb else None)
    names, admins = NameIndex(cats["en"]), Admin1Index(cats["en"])
    ne = read_natural_earth()
    gaz_places, gaz_others = gazetteer_entries()
    places, provinces = basemap_entries(ne)
    countries = country_entries()
    # Too big: drop Natural Earth's smallest places, one scalerank at a time.
    for max_rank in range(NE_MAX_SCALERANK, -2, -1):
        entries = (gaz_places + places + gaz_others + provinces + world_entries(ne, max_rank)
                   + countries)
        rows, stats = build(entries, cats, names, admins, reach)
        data = to_csv(rows)
        if len(data) <= MAX_BYTES:
            break
        print(f"note: {len(data)} bytes with scalerank <= {max_rank}; dropping rank {max_rank}",
              file=sys.stderr)
    with open(OUT, "wb") as f:
        f.write(data)
    summary(rows, stats, missing, max_rank, len(data), ne is not None)


if __name__ == "__main__":
    main()
