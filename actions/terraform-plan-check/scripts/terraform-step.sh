#!/usr/bin/env bash
# Runs one Terraform step of the composite action and records it for the analyser instead of
# failing the job: <results>/<step>.stdout, .stderr and .exit, plus `exit-code` in GITHUB_OUTPUT.
# Inputs arrive as environment variables (never interpolated into the script):
#   RESULTS_DIR, VAR_FILE, BACKEND_CONFIG, LOCK_TIMEOUT, MODE, REFRESH, LOCK, WORKSPACE
set -uo pipefail

step="${1:?usage: terraform-step.sh fmt|init|validate|plan|show}"
results="${RESULTS_DIR:?RESULTS_DIR must be set}"

# Newline- or comma-separated lists, trimmed, empties dropped.
list() {
  printf '%s\n' "$1" | tr ',' '\n' | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' | grep -v '^$' || true
}

if [[ -n "${WORKSPACE:-}" && "${WORKSPACE}" != "default" ]]; then
  export TF_WORKSPACE="$WORKSPACE"
fi
export TF_IN_AUTOMATION=1

args=()
case "$step" in
  fmt) args=(fmt -check -recursive -diff) ;;
  init)
    args=(init -input=false -no-color)
    while IFS= read -r item; do args+=("-backend-config=$item"); done < <(list "${BACKEND_CONFIG:-}")
    ;;
  validate) args=(validate -json -no-color) ;;
  plan)
    args=(plan -input=false -no-color -detailed-exitcode "-lock-timeout=${LOCK_TIMEOUT:-5m}" "-out=$results/tfplan")
    [[ "${MODE:-plan}" == "drift" ]] && args+=(-refresh-only)
    [[ "${REFRESH:-true}" == "false" ]] && args+=(-refresh=false)
    [[ "${LOCK:-true}" == "false" ]] && args+=(-lock=false)
    while IFS= read -r item; do args+=("-var-file=$item"); done < <(list "${VAR_FILE:-}")
    ;;
  show) args=(show -json -no-color "$results/tfplan") ;;
  *)
    echo "::error::terraform-step.sh: unknown step '$step'"
    exit 1
    ;;
esac

echo "::group::terraform ${args[*]}"
terraform "${args[@]}" >"$results/$step.stdout" 2>"$results/$step.stderr"
code=$?
echo "$code" >"$results/$step.exit"
# show's stdout is the JSON plan: far too large (and too sensitive) for the log.
if [[ "$step" != "show" ]]; then cat "$results/$step.stdout"; fi
cat "$results/$step.stderr" >&2
echo "::endgroup::"
echo "terraform $step exited with $code"
echo "exit-code=$code" >>"$GITHUB_OUTPUT"
