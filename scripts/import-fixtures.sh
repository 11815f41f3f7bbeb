#!/usr/bin/env bash
# Imports every FHIR file of a folder into a running CliëntApp API with PUT /fhir/{type}/{id}.
#
#   scripts/import-fixtures.sh [folder [patient-id]]
#
# The folder defaults to ../shared/fixtures/fhir/nictiz-r4-zib2020 (relative to the project). XML
# and JSON files are sent as they are; the resource type and id are read from the file. A
# patient id is sent as the query parameter patient, which names the client of resources that
# name no patient themselves (the Nictiz SOEP report and care team are such examples); with the
# default folder it defaults to nl-core-Patient-01. Settings:
#   CLIENTAPP_URL            base URL of the API (default http://localhost:8080)
#   CLIENTAPP_CLIENT_ID      integrator client id (default dev-ecd, created by dev mode)
#   CLIENTAPP_CLIENT_SECRET  integrator secret (default the dev-mode secret, never valid in production)
# Exits non-zero at the first file that is not answered with a 2xx status.
set -euo pipefail

default_folder="../shared/fixtures/fhir/nictiz-r4-zib2020"
folder="${1:-$default_folder}"
patient="${2:-}"
if [[ $# -eq 0 ]]; then
    patient="nl-core-Patient-01"
fi
query=""
if [[ -n "$patient" ]]; then
    query="?patient=$patient"
fi
base_url="${CLIENTAPP_URL:-http://localhost:8080}"
client_id="${CLIENTAPP_CLIENT_ID:-dev-ecd}"
client_secret="${CLIENTAPP_CLIENT_SECRET:-dev-ecd-secret-not-for-production}"

if [[ ! -d "$folder" ]]; then
    echo "Folder not found: $folder" >&2
    exit 2
fi

token_response="$(curl --silent --show-error --fail-with-body --user "$client_id:$client_secret" \
    --data grant_type=client_credentials "$base_url/oauth/token")" || {
    echo "Token request to $base_url/oauth/token failed: $token_response" >&2
    exit 1
}
token="$(sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p' <<<"$token_response")"
if [[ -z "$token" ]]; then
    echo "The token response contains no access_token" >&2
    exit 1
fi

# Prints "Type id" of a FHIR file: the root element (XML) or resourceType (JSON), and the first id.
# That id is the resource's own when the file keeps FHIR's element order, in which id comes first.
type_and_id() {
    local file="$1"
    if [[ "$file" == *.xml ]]; then
        local type id
        type="$(grep -o -m1 '<[A-Z][A-Za-z]* xmlns="http://hl7.org/fhir"' "$file" | sed 's/<\([A-Za-z]*\).*/\1/')"
        id="$(grep -o -m1 '<id value="[^"]*"' "$file" | sed 's/<id value="\([^"]*\)"/\1/')"
        echo "$type $id"
    else
        local type id
        type="$(grep -o -m1 '"resourceType" *: *"[A-Za-z]*"' "$file" | sed 's/.*"\([A-Za-z]*\)"$/\1/')"
        id="$(grep -o -m1 '"id" *: *"[^"]*"' "$file" | sed 's/.*"\([^"]*\)"$/\1/')"
        echo "$type $id"
    fi
}

count=0
for file in "$folder"/*.xml "$folder"/*.json; do
    [[ -e "$file" ]] || continue
    [[ "$(basename "$file")" == "package.json" ]] && continue
    read -r type id <<<"$(type_and_id "$file")"
    if [[ -z "$type" || -z "$id" ]]; then
        echo "SKIP  $(basename "$file"): no resource type or id found"
        continue
    fi
    media_type="application/fhir+json"
    [[ "$file" == *.xml ]] && media_type="application/fhir+xml"

    status="$(curl --silent --output /dev/null --write-out '%{http_code}' --request PUT \
        --header "Authorization: Bearer $token" --header "Content-Type: $media_type; charset=UTF-8" \
        --data-binary "@$file" "$base_url/fhir/$type/$id$query")"
    echo "$status  $type/$id  $(basename "$file")"
    if [[ "$status" != 2?? ]]; then
        echo "Import failed for $file with HTTP status $status" >&2
        exit 1
    fi
    count=$((count + 1))
done
echo "Imported $count files from $folder"
