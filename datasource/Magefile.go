//go:build mage

// Grafana's build of the backend (`go tool mage -v`, or `mage -v` with mage installed): the SDK's targets, which
// build every platform into dist/ and write dist/go_plugin_build_manifest. `npm run build` does the same without
// mage (scripts/build-backend.cjs); this file is here for Grafana's tooling and for anyone who builds the way
// create-plugin's template does.
package main

import (
	// mage:import
	build "github.com/grafana/grafana-plugin-sdk-go/build"
)

// Default builds the backend for every platform Grafana ships.
var Default = build.BuildAll
