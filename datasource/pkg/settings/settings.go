// Package settings reads a datasource's settings: jsonData for what viewers may see, secureJsonData for the token.
package settings

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// Connection modes of the datasource.
const (
	// ModeServer: Grafana's server connects (this backend): Live fan-out, expressions, alerting, a secret token.
	ModeServer = "server"
	// ModeBrowser: every viewer's browser connects over its own WebSocket. Datasources saved without a mode.
	ModeBrowser = "browser"
)

// Settings are what the backend needs of a datasource's settings.
type Settings struct {
	URL            string
	DefaultSession string
	Mode           string
	// Token is from secureJsonData; a token left in jsonData by a browser-mode datasource is used when there is none.
	Token string
	// TokenInJSONData says the token came from jsonData, readable by every viewer.
	TokenInJSONData bool
}

type jsonData struct {
	URL            string `json:"url"`
	DefaultSession string `json:"defaultSession"`
	Mode           string `json:"mode"`
	Token          string `json:"token"`
}

// Load reads instance settings.
func Load(s backend.DataSourceInstanceSettings) (Settings, error) {
	var j jsonData
	if len(s.JSONData) > 0 {
		if err := json.Unmarshal(s.JSONData, &j); err != nil {
			return Settings{}, fmt.Errorf("reading the datasource's jsonData: %w", err)
		}
	}
	out := Settings{URL: strings.TrimSpace(j.URL), DefaultSession: strings.TrimSpace(j.DefaultSession), Mode: j.Mode}
	if out.Mode == "" {
		out.Mode = ModeBrowser
	}
	if out.Mode != ModeServer && out.Mode != ModeBrowser {
		return Settings{}, fmt.Errorf("unknown connection mode %q; use %q or %q", j.Mode, ModeServer, ModeBrowser)
	}
	out.Token = s.DecryptedSecureJSONData["token"]
	if out.Token == "" && j.Token != "" {
		out.Token, out.TokenInJSONData = j.Token, true
	}
	return out, nil
}
