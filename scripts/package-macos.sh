#!/usr/bin/env bash
# Builds LineAgent.app for macOS from this machine (Linux or macOS) and packs it under artifacts/:
#   artifacts/LineAgent-<version>-osx-arm64.tar.gz and …-osx-x64.tar.gz, each holding
#     LineAgent.app/Contents/{Info.plist, MacOS/{lineagent, libe_sqlite3.dylib},
#                            Resources/{scripts/applescript/*.applescript, launchd/*.plist.template}}
#     LineAgent.entitlements   (used when signing on a Mac)
# Self-contained single-file ReadyToRun publishes: the Mac needs no .NET install. The bundle is NOT Developer-ID signed
# (the SDK only ad-hoc signs the executable); signing and notarization happen on a Mac: docs/operations.md.
#
# usage: scripts/package-macos.sh [rid ...]        default rids: osx-arm64 osx-x64
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=(osx-arm64 osx-x64)
version=$(sed -n 's:.*<Version>\([^<]*\)</Version>.*:\1:p' src/Agent/Agent.csproj | head -n 1)
[ -n "$version" ] || { echo "package-macos: no <Version> in src/Agent/Agent.csproj" >&2; exit 1; }
# Info.plist versions are dot-separated numbers: drop any "-suffix" for CFBundleVersion.
bundle_version=${version%%-*}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p artifacts

for rid in "${rids[@]}"; do
  case "$rid" in osx-arm64|osx-x64) ;; *) echo "package-macos: unsupported rid '$rid' (osx-arm64, osx-x64)" >&2; exit 2 ;; esac
  echo "==> $rid: publishing"
  publish="$work/$rid/publish"
  # Self-contained, single file and ReadyToRun come from Agent.csproj (its RID-specific publish is the shipped build).
  dotnet publish src/Agent/Agent.csproj -c Release -r "$rid" -p:DebugType=none -p:GenerateDocumentationFile=false \
    -o "$publish" --nologo -v quiet

  app="$work/$rid/LineAgent.app"
  mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources/scripts/applescript" "$app/Contents/Resources/launchd"
  # Only code in Contents/MacOS: codesign seals everything else as a resource, and data files there break signing.
  install -m 0755 "$publish/lineagent" "$app/Contents/MacOS/lineagent"
  install -m 0644 "$publish/libe_sqlite3.dylib" "$app/Contents/MacOS/libe_sqlite3.dylib"
  shopt -s nullglob
  scripts=(scripts/applescript/*.applescript)
  shopt -u nullglob
  if [ ${#scripts[@]} -gt 0 ]; then install -m 0644 "${scripts[@]}" "$app/Contents/Resources/scripts/applescript/"; fi
  install -m 0644 launchd/*.plist.template "$app/Contents/Resources/launchd/"
  # Shipped defaults, read by AgentConfiguration from Contents/Resources when running inside the bundle.
  if [ -f "$publish/appsettings.json" ]; then install -m 0644 "$publish/appsettings.json" "$app/Contents/Resources/appsettings.json"; fi
  sed "s/{{VERSION}}/$bundle_version/g" packaging/Info.plist.template > "$app/Contents/Info.plist"
  printf 'APPL????' > "$app/Contents/PkgInfo"
  install -m 0644 packaging/LineAgent.entitlements "$work/$rid/LineAgent.entitlements"

  # Sanity checks that would otherwise only show up on a Mac.
  if grep -q '{{' "$app/Contents/Info.plist"; then echo "package-macos: unfilled placeholder in Info.plist" >&2; exit 1; fi
  if command -v python3 >/dev/null; then
    python3 - "$app/Contents/Info.plist" "$work/$rid/LineAgent.entitlements" <<'PY'
import plistlib, sys
info = plistlib.load(open(sys.argv[1], "rb"))
assert info["CFBundleIdentifier"] == "com.lineagent.agent", info["CFBundleIdentifier"]
assert info["CFBundleExecutable"] == "lineagent" and info["LSUIElement"] is True and info["NSAppleEventsUsageDescription"]
ent = plistlib.load(open(sys.argv[2], "rb"))
assert ent["com.apple.security.automation.apple-events"] is True
PY
  fi
  # The simulation (src/Simulation: fake chat.db builder, fake Messages) is for the sandbox and tests, never shipped.
  if ls "$publish" | grep -qi -e fakechatdb -e fake-messages || grep -qa -e 'FakeChatDb' -e 'fake-messages.dll' "$publish/lineagent"; then
    echo "package-macos: simulation code (FakeChatDb / fake-messages) in the published agent" >&2; exit 1
  fi
  if command -v file >/dev/null; then
    want=$([ "$rid" = osx-arm64 ] && echo arm64 || echo x86_64)
    file "$app/Contents/MacOS/lineagent" | grep -q "Mach-O 64-bit.*$want" \
      || { echo "package-macos: $app/Contents/MacOS/lineagent is not a Mach-O $want executable" >&2; exit 1; }
  fi

  tarball="$repo/artifacts/LineAgent-$version-$rid.tar.gz"
  tar -C "$work/$rid" -czf "$tarball" LineAgent.app LineAgent.entitlements
  echo "==> $rid: $tarball ($(du -h "$tarball" | cut -f1))"
done
