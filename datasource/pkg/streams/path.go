// Package streams carries live telemetry through Grafana Live: a channel path per car and query shape, and the
// RunStream that subscribes upstream once per channel and resumes by sequence number when the upstream is lost.
package streams

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// MaxChannelLength is Grafana Live's limit on a whole channel, `ds/<uid>/<path>`.
const MaxChannelLength = 160

const pathVersion = "v1"

// packedPrefix marks a channel list deflated with channelDictionary; legacyPackedPrefix one deflated without it.
const (
	packedPrefix       = ".y."
	legacyPackedPrefix = ".z."
)

// Key is everything that selects a live stream's data; it is the channel path, so nothing else needs keeping.
type Key struct {
	Session     string
	Car         string
	RateHz      float64
	ColourByCar bool
	Channels    []string
}

var (
	rawSegment  = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	pathAllowed = regexp.MustCompile(`^[A-Za-z0-9_\-/=.]+$`)
	b64         = base64.RawURLEncoding
)

func encodeSegment(s string) string {
	if rawSegment.MatchString(s) {
		return s
	}
	return "." + b64.EncodeToString([]byte(s))
}

func decodeSegment(s string) (string, error) {
	if rawSegment.MatchString(s) {
		return s, nil
	}
	if strings.HasPrefix(s, ".") && !strings.HasPrefix(s, packedPrefix) && !strings.HasPrefix(s, legacyPackedPrefix) {
		b, err := b64.DecodeString(s[1:])
		if err != nil {
			return "", fmt.Errorf("segment %q is not base64url: %w", s, err)
		}
		return string(b), nil
	}
	return "", fmt.Errorf("segment %q is neither a name nor an encoded name", s)
}

// channelDictionary primes the deflate of long channel lists with the catalog's names in catalog order, so that a
// panel's run of them (a tyre panel's 20 channels) packs into a few back-references. Changing it changes what a ".y."
// segment means: add a new prefix instead.
const channelDictionary = "lap\nlap_distance\nx\ny\nlat\nlon\nspeed\nthrottle\nbrake\nsteering\ngear\nmotor_rpm\ng_lat\ng_long\n" +
	"tyre_temp_fl_inner\ntyre_temp_fl_middle\ntyre_temp_fl_outer\ntyre_temp_fr_inner\ntyre_temp_fr_middle\ntyre_temp_fr_outer\n" +
	"tyre_temp_rl_inner\ntyre_temp_rl_middle\ntyre_temp_rl_outer\ntyre_temp_rr_inner\ntyre_temp_rr_middle\ntyre_temp_rr_outer\n" +
	"tyre_pressure_fl\ntyre_pressure_fr\ntyre_pressure_rl\ntyre_pressure_rr\n" +
	"brake_temp_fl\nbrake_temp_fr\nbrake_temp_rl\nbrake_temp_rr\n" +
	"battery_soc\npack_voltage\npack_current\npower\nenergy_used\nenergy_regen\nmotor_temp\ninverter_temp"

// Path is the channel path: v1/<session>/<car>/<rate Hz>/<c or ->/<channel>/<channel>…, each name raw when it is
// made of [A-Za-z0-9_-] and "."+base64url otherwise. Channel lists too long for Grafana's limit are deflated, primed
// with the catalog's names, into one ".y."+base64url segment (".z.", deflated without the names, is still read).
func (k Key) Path() string {
	colour := "-"
	if k.ColourByCar {
		colour = "c"
	}
	head := strings.Join([]string{pathVersion, encodeSegment(k.Session), encodeSegment(k.Car),
		strconv.FormatFloat(k.RateHz, 'f', -1, 64), colour}, "/")
	segments := make([]string, len(k.Channels))
	for i, name := range k.Channels {
		segments[i] = encodeSegment(name)
	}
	plain := head + "/" + strings.Join(segments, "/")
	if len(plain) <= MaxChannelLength-len("ds/")-40-1 {
		return plain
	}
	var buf bytes.Buffer
	w, _ := flate.NewWriterDict(&buf, flate.BestCompression, []byte(channelDictionary))
	_, _ = io.WriteString(w, strings.Join(k.Channels, "\n"))
	_ = w.Close()
	return head + "/" + packedPrefix + b64.EncodeToString(buf.Bytes())
}

// Channel is the whole Grafana Live channel of the key for a datasource; an error when it is too long.
func (k Key) Channel(uid string) (string, error) {
	channel := "ds/" + uid + "/" + k.Path()
	if len(channel) > MaxChannelLength {
		return "", fmt.Errorf("a live stream of %d channels does not fit Grafana Live's %d-character channel name (%d); "+
			"choose fewer channels or split the query", len(k.Channels), MaxChannelLength, len(channel))
	}
	return channel, nil
}

// ParsePath reads a channel path back into its key, refusing anything Path does not write.
func ParsePath(path string) (Key, error) {
	if !pathAllowed.MatchString(path) {
		return Key{}, fmt.Errorf("channel path %q has characters outside [A-Za-z0-9_-/=.]", path)
	}
	parts := strings.Split(path, "/")
	if len(parts) < 6 || parts[0] != pathVersion {
		return Key{}, fmt.Errorf("channel path %q is not v1/<session>/<car>/<rate>/<c|->/<channels…>", path)
	}
	var k Key
	var err error
	if k.Session, err = decodeSegment(parts[1]); err != nil {
		return Key{}, fmt.Errorf("channel path session: %w", err)
	}
	if k.Car, err = decodeSegment(parts[2]); err != nil {
		return Key{}, fmt.Errorf("channel path car: %w", err)
	}
	if k.RateHz, err = strconv.ParseFloat(parts[3], 64); err != nil || k.RateHz < 0 || k.RateHz > 10000 {
		return Key{}, fmt.Errorf("channel path rate %q is not a rate in Hz", parts[3])
	}
	switch parts[4] {
	case "c":
		k.ColourByCar = true
	case "-":
	default:
		return Key{}, fmt.Errorf("channel path colour flag %q is not c or -", parts[4])
	}
	if len(parts) == 6 && (strings.HasPrefix(parts[5], packedPrefix) || strings.HasPrefix(parts[5], legacyPackedPrefix)) {
		packed, err := b64.DecodeString(parts[5][len(packedPrefix):])
		if err != nil {
			return Key{}, fmt.Errorf("channel path channel list: %w", err)
		}
		var dict []byte
		if strings.HasPrefix(parts[5], packedPrefix) {
			dict = []byte(channelDictionary)
		}
		text, err := io.ReadAll(io.LimitReader(flate.NewReaderDict(bytes.NewReader(packed), dict), 64<<10))
		if err != nil {
			return Key{}, fmt.Errorf("channel path channel list: %w", err)
		}
		k.Channels = strings.Split(string(text), "\n")
		return k, nil
	}
	for _, segment := range parts[5:] {
		name, err := decodeSegment(segment)
		if err != nil {
			return Key{}, fmt.Errorf("channel path channel: %w", err)
		}
		k.Channels = append(k.Channels, name)
	}
	return k, nil
}

// rates are the live rates a stream is thinned to: a short ladder, so that panels of similar widths share a channel.
var rates = []float64{1, 2, 5, 10, 20, 25, 50, 100}

// RateFor is the rate that fills a panel's buffer of maxDataPoints samples over a window, from the ladder; 0 (full
// rate) when the channels' own rate is lower.
func RateFor(maxDataPoints int64, windowMs, channelRateHz float64) float64 {
	if maxDataPoints <= 0 || windowMs <= 0 {
		return 0
	}
	need := float64(maxDataPoints) / (windowMs / 1000)
	for _, r := range rates {
		if r >= need {
			if channelRateHz > 0 && r >= channelRateHz {
				return 0
			}
			return r
		}
	}
	return 0
}
