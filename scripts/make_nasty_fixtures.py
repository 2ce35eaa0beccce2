#!/usr/bin/env python3
"""Writes Tests/Fixtures/nasty/: the malformed inputs the reliability tests feed to the CLI."""
import os, random
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Tests', 'Fixtures', 'nasty')
os.makedirs(here, exist_ok=True)
os.chdir(here)
H = "id,date,kind,site,lat,lon,weapon,confidence,sources\n"

def w(name, data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(name, 'wb') as f:
        f.write(data)

w('bom-crlf.csv', "\ufeff" + H + "a1,2023-11-20,attack,Ain al-Asad,,,drone,confirmed,VOA\r\na2,2023-11-21,strike,Jurf al-Sakhar,,,aircraft,,CENTCOM\r\n")
w('excel-semicolon.csv', "id;date;kind;site;lat;lon;weapon;confidence;sources\nb1;2023-11-20;attack;al-Tanf;;;drone;confirmed;\"AP; Reuters\"\nb2;2023-11-21;attack;;33,5;38,6;drone;;x\n")
w('tab-separated.tsv', "id\tdate\tkind\tsite\nt1\t2023-11-20\tattack\tHarir\n")
w('quoted-newlines.csv', H + 'q1,2023-11-20,attack,al-Asad,,,drone,confirmed,"VOA\nsecond line, with comma"\nq2,2023-11-21,attack,"al-Tanf",,,"rocket ""Grad""",claimed,x\n')
w('windows-1256.csv', "id,date,kind,site\nw1,2023-11-20,attack,".encode() + "البوكمال".encode('cp1256') + b"\n")
w('latin-1.csv', "id,date,kind,site,notes\nl1,2023-11-20,attack,al-Asad,".encode() + "Caf\u00e9 r\u00e9sum\u00e9".encode('latin-1') + b"\n")
w('empty.csv', b"")
w('header-only.csv', H)
w('only-newlines.csv', "\n\n\r\n\n")
w('nan-and-out-of-range.csv', H + "n1,2023-11-20,attack,,NaN,42.4,drone,,x\nn2,2023-11-20,attack,,33.7,inf,drone,,x\nn3,2023-11-20,attack,,95,42,drone,,x\nn4,2023-11-20,attack,,33.7,-190,drone,,x\nn5,2023-11-20,attack,,33.7,42.4,drone,,x\n")
w('impossible-dates.csv', H + "d1,2023-02-31,attack,al-Asad,,,,,x\nd2,2023-13-01,attack,al-Asad,,,,,x\nd3,21/11/2023,attack,al-Asad,,,,,x\nd4,2023-11-21,attack,al-Asad,,,,,x\n")
w('duplicate-columns.csv', "id,date,kind,site,date\nx1,2023-11-20,attack,al-Asad,2023-11-21\n")
w('unterminated-quote.csv', H + 'u1,2023-11-20,attack,"al-Asad,,,drone,,x\nu2,2023-11-21,attack,al-Tanf,,,drone,,x\n')
w('ragged-rows.csv', H + "r1,2023-11-20,attack\nr2,2023-11-20,attack,al-Asad,,,drone,,x,extra,fields\nr3,2023-11-20,attack,al-Asad,,,drone,,x,,\n")
w('unknown-header.csv', "foo,bar,baz\n1,2,3\n")
random.seed(1)
w('binary-garbage.csv', bytes(random.randrange(256) for _ in range(4096)))
w('truncated.geojson', '{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [42.4')
w('not-a-collection.geojson', '{"type": "Feature", "geometry": null, "properties": {}}')
w('geojson-bad-features.geojson', '{"type": "FeatureCollection", "features": [\n {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[1,2],[3,4]]}, "properties": {"date": "2023-11-20", "kind": "attack"}},\n {"type": "Feature", "geometry": {"type": "Point", "coordinates": [42.4, 33.7]}, "properties": {"date": "2023-11-20"}},\n {"type": "Feature", "geometry": {"type": "Point", "coordinates": [42.4, 33.7]}, "properties": {"id": "ok", "date": "2023-11-20", "kind": "attack", "sources": ["x"]}}\n]}')
w('acled-missing-columns.csv', "event_id_cnty,event_date,event_type\nIRQ1,2023-11-20,Battles\n")
w('acled-unmapped-type.csv', "event_id_cnty,event_date,event_type,sub_event_type,actor1,latitude,longitude\nIRQ1,2023-11-20,Something new,Other,X,33,44\nIRQ2,21 November 2023,Battles,Armed clash,Y,33,44\n")
w('huge-field.csv', H + "h1,2023-11-20,attack,al-Asad,,,drone,," + ("x" * 200_000) + "\n")
w('control-characters.csv', H + "c1,2023-11-20,attack,al-Asad,,,dro\x00ne\x07,,src\x1b\n")
w('all-rows-bad.csv', H + "z1,2023-02-30,attack,al-Asad,,,,,x\nz2,,attack,al-Asad,,,,,x\n")
