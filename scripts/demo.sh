#!/usr/bin/env bash
# Shows `piaf text parse` (classic: 140 characters, as Twitter counted them)
# and `piaf text html` on lines of the interview Piaf grew out of.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=(
  'SB : Dans les comptes Twitter des organisations peut-être. Mais les choses intéressantes passent souvent par les personnes qui travaillent dans les ONG.'
  '@TBilesimo : Qu’appelez-vous « marketing traditionnel » ? #ONG http://iteco.be'
  'SB : Écouter, répondre aux questions, aider : c’est ce qui marche. #ONG #écoute @iteco 👍🏽'
)
for line in "${lines[@]}"; do
  json=$(printf '%s' "$line" | sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$/"/')
  echo "text:     $line"
  echo "classic:  $(printf '%s\n' "$json" | build/piaf text parse)"
  echo "weighted: $(printf '%s\n' "$json" | build/piaf text parse --config weighted)"
  echo "html:     $(printf '%s\n' "$json" | build/piaf text html)"
  echo
done
