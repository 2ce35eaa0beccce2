#!/usr/bin/env bash
# GMT drawing the equivalent of StrikeMap's default scene: the Iraq-Syria extent in a Lambert
# conformal conic projection, ~1600 px wide PNG, land, lakes, province lines, rivers, borders,
# attack and strike markers sized by count, site labels, a legend and a scale bar.
# Usage: default_scene.sh DATADIR OUTPREFIX   (DATADIR from prepare.py)
set -euo pipefail
d=$1; out=$2
export GMT_SESSION_NAME=strikemap-bench-$$
gmt begin "$out" png E200
  gmt set MAP_FRAME_TYPE plain MAP_FRAME_PEN 0.6p,gray50 FONT_ANNOT_PRIMARY 7p FONT_LABEL 7p FONT_TITLE 14p,Helvetica-Bold
  gmt basemap -R33.5/28.2/50.5/38.4r -JL42.1/33.3/30.35/36.25/20c -B+t"Attacks on US forces and US strikes in Iraq and Syria" -B0
  gmt coast -Slightsteelblue1 -Dc -A10000  # sea colour only; the shapes come from Natural Earth below
  gmt plot "$d/land.gmt" -Gseashell2 -W0.3p,lightsteelblue3
  gmt plot "$d/lakes.gmt" -Glightsteelblue1
  gmt plot "$d/admin1_lines.gmt" -W0.3p,gray70,-
  gmt plot "$d/rivers.gmt" -W0.6p,skyblue3
  gmt plot "$d/borders.gmt" -W0.9p,gray40
  gmt plot "$d/attacks.txt" -Sc -Gorangered3 -W0.5p,white
  gmt plot "$d/strikes.txt" -Sd -Gdodgerblue4 -W0.5p,white
  gmt text "$d/labels.txt" -F+f7p,Helvetica-Bold,black+jML -D0.25c/0 -Gwhite@40
  gmt legend -DjBL+w5.5c+o0.3c -F+gwhite+p0.5p <<LEG
S 0.2c c 0.25c orangered3 0.5p,white 0.5c Attack on US or coalition forces
S 0.2c d 0.25c dodgerblue4 0.5p,white 0.5c US strike
LEG
  gmt basemap -LjBR+w300k+o0.5c/0.5c+f -F+gwhite
gmt end
