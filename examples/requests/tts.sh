#!/usr/bin/env bash
# Speak a text with the Chatterbox service using curl only: submit, poll, download.
# Usage: CHATTERBOX_URL=http://127.0.0.1:8123 CHATTERBOX_API_KEY=... ./tts.sh "Hello there" out.mp3 [language]
set -euo pipefail
url=${CHATTERBOX_URL:-http://127.0.0.1:8123}
auth=(-H "Authorization: Bearer ${CHATTERBOX_API_KEY:-}")
text=${1:?text to speak}; out=${2:-speech.wav}; language=${3:-en}
format=${out##*.}

body=$(jq -n --arg text "$text" --arg language "$language" --arg format "$format" \
  '{text: $text, language: $language, format: $format}')
id=$(curl -fsS "${auth[@]}" -H 'Content-Type: application/json' -d "$body" "$url/tts/synthesize" | jq -r .chatterbox_id)
echo "job $id" >&2

while :; do
  status=$(curl -fsS "${auth[@]}" "$url/tts/status/$id")
  state=$(jq -r .status <<<"$status")
  case $state in
    COMPLETE) break ;;
    FAILED|CANCELLED) jq -r '.error.message // .status' <<<"$status" >&2; exit 1 ;;
  esac
  sleep 1
done

curl -fsS "${auth[@]}" -o "$out" "$url/tts/audio/$id"
echo "wrote $out ($(jq -r .audio.duration_seconds <<<"$status") s)" >&2
