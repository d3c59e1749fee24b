#!/usr/bin/env bash
# Linux (Debian/Ubuntu) packages Tradelog needs to build and test:
#   libsecret-1-dev  keytar compiles against it (npm install), and uses libsecret at run time
#   gnome-keyring    a Secret Service for the keychain (tests run it in a private D-Bus session)
#   dbus             dbus-run-session for that private session
#   chromium         the browser e2e tests drive (Playwright cannot download its own here)
set -euo pipefail
packages=(libsecret-1-dev gnome-keyring dbus chromium)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "Linux prerequisites already installed."
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
