package streams

import (
	"bytes"
	"compress/flate"
	"io"
	"reflect"
	"strings"
	"testing"
)

func TestPathRoundTrip(t *testing.T) {
	many := []string{}
	for _, wheel := range []string{"fl", "fr", "rl", "rr"} {
		for _, zone := range []string{"inner", "middle", "outer"} {
			many = append(many, "tyre_temp_"+wheel+"_"+zone)
		}
	}
	tests := []struct {
		name string
		key  Key
	}{
		{"plain", Key{Session: "sim-20261125-1200-s1", Car: "7", RateHz: 10, Channels: []string{"speed", "lap_distance"}}},
		{"colour and full rate", Key{Session: "fp2", Car: "11", ColourByCar: true, Channels: []string{"speed"}}},
		{"names outside the channel alphabet", Key{Session: "Practice 1 · Ridgeway", Car: "7/b", RateHz: 2.5, Channels: []string{"speed"}}},
		{"a long channel list", Key{Session: "sim-20261125-1200-s1", Car: "22", RateHz: 5, Channels: many}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.key.Path()
			channel, err := tc.key.Channel("P7A3C1F0E2B9D8A6C")
			if err != nil {
				t.Fatal(err)
			}
			if len(channel) > MaxChannelLength || !pathAllowed.MatchString(path) {
				t.Fatalf("channel %q: %d characters", channel, len(channel))
			}
			back, err := ParsePath(path)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, tc.key) {
				t.Fatalf("%q read back as %+v, want %+v", path, back, tc.key)
			}
		})
	}
}

// The live session dashboard's tyre panel asks for 20 channels of one car; Grafana's datasource uids are up to 40
// characters.
func TestTyrePanelFitsGrafanaLive(t *testing.T) {
	var tyres []string
	for _, wheel := range []string{"fl", "fr", "rl", "rr"} {
		for _, zone := range []string{"inner", "middle", "outer"} {
			tyres = append(tyres, "tyre_temp_"+wheel+"_"+zone)
		}
	}
	for _, prefix := range []string{"tyre_pressure_", "brake_temp_"} {
		for _, wheel := range []string{"fl", "fr", "rl", "rr"} {
			tyres = append(tyres, prefix+wheel)
		}
	}
	uid := strings.Repeat("u", 40)
	tests := []struct {
		name string
		key  Key
	}{
		{"tyre panel", Key{Session: "sim-20261207-0715-s1-c6", Car: "22", RateHz: 5, Channels: tyres}},
		{"tyre panel, colour by car", Key{Session: "sim-20261207-0715-s1-c6", Car: "22", RateHz: 25, ColourByCar: true, Channels: tyres}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			channel, err := tc.key.Channel(uid)
			if err != nil {
				t.Fatal(err)
			}
			back, err := ParsePath(strings.TrimPrefix(channel, "ds/"+uid+"/"))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, tc.key) {
				t.Fatalf("%q read back as %+v, want %+v", channel, back, tc.key)
			}
		})
	}
}

// Paths written before the channel list was primed with the catalog's names still read.
func TestLegacyPackedPathReads(t *testing.T) {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	_, _ = io.WriteString(w, "speed\nthrottle")
	_ = w.Close()
	key, err := ParsePath("v1/fp2/7/10/-/.z." + b64.EncodeToString(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"speed", "throttle"}; !reflect.DeepEqual(key.Channels, want) {
		t.Fatalf("channels %v, want %v", key.Channels, want)
	}
}

func TestParsePathRefuses(t *testing.T) {
	tests := []struct{ path, says string }{
		{"v1/fp2/7/10/-", "is not v1/"},
		{"v2/fp2/7/10/-/speed", "is not v1/"},
		{"v1/fp2/7/fast/-/speed", "is not a rate"},
		{"v1/fp2/7/10/x/speed", "colour flag"},
		{"v1/fp2/7/10/-/sp eed", "characters outside"},
		{"v1/.!!/7/10/-/speed", "characters outside"},
		{"v1/.@@@/7/10/-/speed", "characters outside"},
	}
	for _, tc := range tests {
		if _, err := ParsePath(tc.path); err == nil || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("ParsePath(%q) = %v, want an error saying %q", tc.path, err, tc.says)
		}
	}
}

func TestRateFor(t *testing.T) {
	tests := []struct {
		points       int64
		windowMs, hz float64
		want         float64
	}{
		{1000, 5 * 60_000, 100, 5},
		{1000, 2 * 60_000, 100, 10},
		{1000, 10_000, 100, 0},
		{1000, 60 * 60_000, 100, 1},
		{0, 60_000, 100, 0},
		{500, 60_000, 5, 0},
	}
	for _, tc := range tests {
		if got := RateFor(tc.points, tc.windowMs, tc.hz); got != tc.want {
			t.Errorf("RateFor(%d, %v, %v) = %v, want %v", tc.points, tc.windowMs, tc.hz, got, tc.want)
		}
	}
}
