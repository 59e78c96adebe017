// Package protocol is a client of the telemetry wire protocol (docs/protocol.md): the hello, catalog, history
// queries, laps, events and live subscriptions with resume by sequence number, over one WebSocket.
package protocol

import (
	"encoding/json"
	"fmt"
	"math"
)

// Version is the protocol version this client speaks.
const Version = 1

// ServerKind is the `server` every telemetry server of this protocol names in its hello.
const ServerKind = "eracing-telemetry"

// Close codes the server uses during the hello.
const (
	closeUnauthorized     = 4001
	closeProtocolMismatch = 4002
)

// Limits are the server's caps, from its hello.
type Limits struct {
	MaxMessageBytes  int     `json:"maxMessageBytes"`
	MaxSubscriptions int     `json:"maxSubscriptions"`
	MaxLapRows       int     `json:"maxLapRows"`
	MaxPoints        int     `json:"maxPoints"`
	ResumeWindowMs   float64 `json:"resumeWindowMs"`
	BatchMs          float64 `json:"batchMs"`
}

// Hello is the server's answer to the client's hello.
type Hello struct {
	Type          string   `json:"type"`
	Server        string   `json:"server"`
	ServerVersion string   `json:"serverVersion"`
	Protocol      int      `json:"protocol"`
	Epoch         string   `json:"epoch"`
	Capabilities  []string `json:"capabilities"`
	Encodings     []string `json:"encodings"`
	Encoding      string   `json:"encoding"`
	Sessions      int      `json:"sessions"`
	LiveSession   string   `json:"liveSession,omitempty"`
	Limits        Limits   `json:"limits"`
}

// SessionSummary is one entry of the catalog's session list.
type SessionSummary struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Kind      string   `json:"kind"`
	Live      bool     `json:"live"`
	StartTime float64  `json:"startTime"`
	EndTime   *float64 `json:"endTime,omitempty"`
	Track     string   `json:"track,omitempty"`
	CarCount  int      `json:"carCount"`
}

// Car is a car of a session, named by its race number as a string.
type Car struct {
	ID     string  `json:"id"`
	Number float64 `json:"number"`
	Driver string  `json:"driver"`
	Team   string  `json:"team"`
	Colour string  `json:"colour"`
}

// Channel describes a channel of a session. Min and Max are NaN when the catalog gives no range.
type Channel struct {
	Name        string  `json:"name"`
	DisplayName string  `json:"displayName"`
	Unit        string  `json:"unit"`
	GrafanaUnit string  `json:"grafanaUnit"`
	RateHz      float64 `json:"rateHz"`
	Min         float64 `json:"-"`
	Max         float64 `json:"-"`
	Type        string  `json:"type"`
}

// UnmarshalJSON reads a channel, taking a missing or null min or max as NaN.
func (c *Channel) UnmarshalJSON(b []byte) error {
	type plain Channel
	var raw struct {
		plain
		Min *float64 `json:"min"`
		Max *float64 `json:"max"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*c = Channel(raw.plain)
	c.Min, c.Max = orNaN(raw.Min), orNaN(raw.Max)
	return nil
}

// MarshalJSON writes a channel, leaving out a NaN min or max.
func (c Channel) MarshalJSON() ([]byte, error) {
	type plain Channel
	return json.Marshal(struct {
		plain
		Min *float64 `json:"min,omitempty"`
		Max *float64 `json:"max,omitempty"`
	}{plain(c), finiteOrNil(c.Min), finiteOrNil(c.Max)})
}

func orNaN(v *float64) float64 {
	if v == nil {
		return math.NaN()
	}
	return *v
}

func finiteOrNil(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// LapFlags say why a lap is not valid.
type LapFlags struct {
	OutLap     bool `json:"outLap"`
	InLap      bool `json:"inLap"`
	Pit        bool `json:"pit"`
	Incomplete bool `json:"incomplete"`
}

// Aggregate is a channel's mean, minimum and maximum over a lap.
type Aggregate struct {
	Mean *float64 `json:"mean"`
	Min  *float64 `json:"min"`
	Max  *float64 `json:"max"`
}

// Lap is a row of the lap table. A lap in progress has no EndTime.
type Lap struct {
	Car         string               `json:"car"`
	Lap         float64              `json:"lap"`
	StartTime   float64              `json:"startTime"`
	EndTime     *float64             `json:"endTime,omitempty"`
	LapTime     *float64             `json:"lapTime,omitempty"`
	SectorTimes []*float64           `json:"sectorTimes"`
	Valid       bool                 `json:"valid"`
	Flags       LapFlags             `json:"flags"`
	Length      *float64             `json:"length,omitempty"`
	EnergyUsed  *float64             `json:"energyUsed,omitempty"`
	EnergyRegen *float64             `json:"energyRegen,omitempty"`
	Aggregates  map[string]Aggregate `json:"aggregates,omitempty"`
}

// Point is a position in metres east (X) and north (Y) of the track's origin.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// GeoOrigin is the track's projection origin.
type GeoOrigin struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// CentreLine is the track's centre line in driving order from the start/finish line.
type CentreLine struct {
	Distance []float64 `json:"distance"`
	X        []float64 `json:"x"`
	Y        []float64 `json:"y"`
	Lat      []float64 `json:"lat"`
	Lon      []float64 `json:"lon"`
}

// Sector is a span of lap distance.
type Sector struct {
	Number float64 `json:"number"`
	Name   string  `json:"name"`
	Start  float64 `json:"start"`
	End    float64 `json:"end"`
}

// Corner is a named corner and its apex.
type Corner struct {
	Number    float64 `json:"number"`
	Name      string  `json:"name"`
	Distance  float64 `json:"distance"`
	Apex      Point   `json:"apex"`
	Radius    float64 `json:"radius"`
	Direction string  `json:"direction"`
}

// Geometry is the track of a session.
type Geometry struct {
	Name        string     `json:"name"`
	Length      float64    `json:"length"`
	Origin      GeoOrigin  `json:"origin"`
	CentreLine  CentreLine `json:"centreLine"`
	StartFinish struct {
		A Point `json:"a"`
		B Point `json:"b"`
	} `json:"startFinish"`
	Sectors []Sector `json:"sectors"`
	Corners []Corner `json:"corners"`
}

// Session is a session described in full.
type Session struct {
	SessionSummary
	Cars     []Car     `json:"cars"`
	Channels []Channel `json:"channels"`
	Laps     []Lap     `json:"laps"`
	Geometry *Geometry `json:"geometry,omitempty"`
}

// Channel returns the session's description of a channel, or false.
func (s *Session) Channel(name string) (Channel, bool) {
	for _, c := range s.Channels {
		if c.Name == name {
			return c, true
		}
	}
	return Channel{}, false
}

// Catalog is the answer to a catalog request: every session, and one in full.
type Catalog struct {
	Sessions []SessionSummary `json:"sessions"`
	Session  *Session         `json:"session"`
}

// Event is a race event: lap, sector, pit_in, pit_out or flag.
type Event struct {
	Time     float64  `json:"time"`
	Kind     string   `json:"kind"`
	Car      *string  `json:"car,omitempty"`
	Lap      *float64 `json:"lap,omitempty"`
	Sector   *float64 `json:"sector,omitempty"`
	Duration *float64 `json:"duration,omitempty"`
	Flag     *string  `json:"flag,omitempty"`
	Text     string   `json:"text"`
}

// LapsAnswer is the answer to a laps request.
type LapsAnswer struct {
	Session string `json:"session"`
	Laps    []Lap  `json:"laps"`
}

// EventsAnswer is the answer to an events request.
type EventsAnswer struct {
	Session string  `json:"session"`
	Events  []Event `json:"events"`
}

// Complete ends the batches of a history query.
type Complete struct {
	Session   string `json:"session"`
	Rows      int    `json:"rows"`
	Batches   int    `json:"batches"`
	Decimated bool   `json:"decimated"`
}

// Subscribed confirms a live subscription.
type Subscribed struct {
	Subscription string   `json:"subscription"`
	Session      string   `json:"session"`
	Epoch        string   `json:"epoch"`
	Cars         []string `json:"cars"`
	Channels     []string `json:"channels"`
	NextSeq      int64    `json:"nextSeq"`
	BatchMs      float64  `json:"batchMs"`
}

// ServerError is an error message of the server. Code is the protocol's error code, e.g. unknown_channel.
type ServerError struct {
	ID           string          `json:"id,omitempty"`
	Subscription string          `json:"subscription,omitempty"`
	Code         string          `json:"code"`
	Message      string          `json:"message"`
	Details      json.RawMessage `json:"details,omitempty"`
}

func (e *ServerError) Error() string {
	return fmt.Sprintf("%s (%s)", e.Message, e.Code)
}

// QueryRequest is a history query: a time range with MaxPoints, or Laps. Laps is a list of lap numbers, "best"
// or {"last": n}.
type QueryRequest struct {
	Session   string   `json:"session,omitempty"`
	Cars      []string `json:"cars,omitempty"`
	Channels  []string `json:"channels"`
	From      *float64 `json:"from,omitempty"`
	To        *float64 `json:"to,omitempty"`
	MaxPoints int      `json:"maxPoints,omitempty"`
	Laps      any      `json:"laps,omitempty"`
}

// LapsRequest asks for the lap table with per-lap aggregates of channels.
type LapsRequest struct {
	Session    string   `json:"session,omitempty"`
	Cars       []string `json:"cars,omitempty"`
	Aggregates []string `json:"aggregates,omitempty"`
}

// EventsRequest asks for the events of a time range.
type EventsRequest struct {
	Session string   `json:"session,omitempty"`
	From    float64  `json:"from"`
	To      float64  `json:"to"`
	Cars    []string `json:"cars,omitempty"`
	Kinds   []string `json:"kinds,omitempty"`
}

// SubscribeRequest starts a live stream. MaxRateHz 0 means full rate.
type SubscribeRequest struct {
	Session   string   `json:"session,omitempty"`
	Cars      []string `json:"cars,omitempty"`
	Channels  []string `json:"channels"`
	MaxRateHz float64  `json:"maxRateHz,omitempty"`
	Events    bool     `json:"events,omitempty"`
}

// Resume continues a stream after the batch Seq of Epoch.
type Resume struct {
	Epoch string `json:"epoch"`
	Seq   int64  `json:"seq"`
}
