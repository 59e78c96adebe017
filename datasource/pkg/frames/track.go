package frames

import (
	"math"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/eracing/telemetry-suite/datasource/pkg/protocol"
)

// EarthRadius is the mean Earth radius in metres (IUGG), as in telemetry-core's local projection.
const EarthRadius = 6371008.8

const rad = math.Pi / 180

func metres() *data.FieldConfig { return &data.FieldConfig{Unit: "lengthm"} }

func degrees() *data.FieldConfig {
	decimals := uint16(6)
	return &data.FieldConfig{Unit: "degree", Decimals: &decimals}
}

func numbers(name string, values []float64, config *data.FieldConfig) *data.Field {
	f := data.NewField(name, nil, append([]float64{}, values...))
	if config != nil {
		f.Config = config
	}
	return f
}

// ToLatLon is the inverse of the local equirectangular projection around origin.
func ToLatLon(origin protocol.GeoOrigin, x, y float64) (lat, lon float64) {
	cosLat0 := math.Cos(origin.Lat * rad)
	return origin.Lat + y/(EarthRadius*rad), origin.Lon + x/(EarthRadius*rad*cosLat0)
}

// PointAtDistance is the centre-line point at a lap distance, interpolated between samples.
func PointAtDistance(line protocol.CentreLine, distance float64) protocol.Point {
	d := line.Distance
	if len(d) == 0 {
		return protocol.Point{X: math.NaN(), Y: math.NaN()}
	}
	hi := -1
	for i, v := range d {
		if v >= distance {
			hi = i
			break
		}
	}
	if hi == -1 {
		hi = len(d) - 1
	}
	if hi == 0 || d[hi] == distance {
		return protocol.Point{X: line.X[hi], Y: line.Y[hi]}
	}
	lo := hi - 1
	f := (distance - d[lo]) / (d[hi] - d[lo])
	return protocol.Point{X: line.X[lo] + f*(line.X[hi]-line.X[lo]), Y: line.Y[lo] + f*(line.Y[hi]-line.Y[lo])}
}

// TrackFrames are the four frames of the track: centre line, start finish, sectors and corners.
func TrackFrames(track *protocol.Geometry, refID, session string) []*data.Frame {
	xy := func(points []protocol.Point) []*data.Field {
		x, y := make([]float64, len(points)), make([]float64, len(points))
		for i, p := range points {
			x[i], y[i] = p.X, p.Y
		}
		return []*data.Field{numbers("x", x, metres()), numbers("y", y, metres())}
	}
	geo := func(points []protocol.Point) []*data.Field {
		lat, lon := make([]float64, len(points)), make([]float64, len(points))
		for i, p := range points {
			lat[i], lon[i] = ToLatLon(track.Origin, p.X, p.Y)
		}
		return []*data.Field{numbers("lat", lat, degrees()), numbers("lon", lon, degrees())}
	}
	frame := func(name, part string, fields ...*data.Field) *data.Frame {
		f := data.NewFrame(name, fields...)
		f.RefID = refID
		f.Meta = TableMeta(map[string]any{
			"trackPart": part, "track": track.Name, "length": track.Length,
			"origin": map[string]float64{"lat": track.Origin.Lat, "lon": track.Origin.Lon}, "session": session,
		})
		return f
	}
	line := track.CentreLine
	ends := []protocol.Point{track.StartFinish.A, track.StartFinish.B}
	sectorStarts := make([]protocol.Point, len(track.Sectors))
	sectorNumber, sectorStart, sectorEnd := make([]float64, len(track.Sectors)), make([]float64, len(track.Sectors)), make([]float64, len(track.Sectors))
	sectorName := make([]string, len(track.Sectors))
	for i, s := range track.Sectors {
		sectorStarts[i] = PointAtDistance(line, s.Start)
		sectorNumber[i], sectorName[i], sectorStart[i], sectorEnd[i] = s.Number, s.Name, s.Start, s.End
	}
	n := len(track.Corners)
	apexes := make([]protocol.Point, n)
	cornerNumber, cornerDistance, cornerRadius := make([]float64, n), make([]float64, n), make([]float64, n)
	cornerName, cornerDirection := make([]string, n), make([]string, n)
	for i, c := range track.Corners {
		apexes[i] = c.Apex
		cornerNumber[i], cornerName[i], cornerDistance[i] = c.Number, c.Name, c.Distance
		cornerRadius[i], cornerDirection[i] = c.Radius, c.Direction
	}
	sectors := append([]*data.Field{
		numbers("number", sectorNumber, nil),
		data.NewField("name", nil, sectorName),
		numbers("start", sectorStart, metres()),
		numbers("end", sectorEnd, metres()),
	}, append(xy(sectorStarts), geo(sectorStarts)...)...)
	corners := append([]*data.Field{
		numbers("number", cornerNumber, nil),
		data.NewField("name", nil, cornerName),
		numbers("distance", cornerDistance, metres()),
	}, append(xy(apexes), geo(apexes)...)...)
	corners = append(corners, numbers("radius", cornerRadius, metres()), data.NewField("direction", nil, cornerDirection))
	return []*data.Frame{
		frame("centre line", "centreLine",
			numbers("distance", line.Distance, metres()), numbers("x", line.X, metres()), numbers("y", line.Y, metres()),
			numbers("lat", line.Lat, degrees()), numbers("lon", line.Lon, degrees())),
		frame("start finish", "startFinish", append(xy(ends), geo(ends)...)...),
		frame("sectors", "sectors", sectors...),
		frame("corners", "corners", corners...),
	}
}
