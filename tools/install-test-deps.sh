#!/usr/bin/env bash
# System packages the test suite needs beyond pip: nothing yet.
set -euo pipefail
