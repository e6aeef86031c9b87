package jobs

import (
	"bytes"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/valuation"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	_ "gonum.org/v1/plot/vg/vgimg" // registers png
	_ "gonum.org/v1/plot/vg/vgsvg" // registers svg
)

// ChartFormat returns "svg" or "png" from a chart file's extension, or an error naming the
// file and the allowed extensions. Programs call it before any work, so that a wrong name
// fails before any file is created.
func ChartFormat(file string) (string, error) {
	switch f := strings.TrimPrefix(strings.ToLower(filepath.Ext(file)), "."); f {
	case "svg", "png":
		return f, nil
	}
	return "", inputErr("-chart", file, "must name a file ending in .svg or .png")
}

// checkGlyphs fails when a PNG would lose text: the PNG renderer draws with the embedded
// Liberation fonts (SIL Open Font License 1.1), which have no CJK glyphs, whereas SVG keeps
// the text as text for the viewer's fonts to draw. No file is written on failure.
func checkGlyphs(format string, texts ...string) error {
	if format != "png" {
		return nil
	}
	face := font.DefaultCache.Lookup(plot.DefaultFont, vg.Points(12))
	var buf sfnt.Buffer
	for _, t := range texts {
		for _, r := range t {
			if r < 0x80 {
				continue
			}
			if i, err := face.Face.GlyphIndex(&buf, r); err != nil || i == 0 {
				return inputErr("-chart", fmt.Sprintf("text %q", t),
					fmt.Sprintf("a PNG chart cannot draw %q (its Liberation font has no CJK glyphs); write an .svg chart, which keeps every character", r))
			}
		}
	}
	return nil
}

// writeChart renders the plots, stacked, to the file in format, creating the file only once
// the image is complete.
func writeChart(file, format string, width, height vg.Length, plots ...*plot.Plot) error {
	c, err := draw.NewFormattedCanvas(width, height, format)
	if err != nil {
		return err
	}
	rows := make([][]*plot.Plot, len(plots))
	for i, p := range plots {
		rows[i] = []*plot.Plot{p}
	}
	tiles := draw.Tiles{Rows: len(plots), Cols: 1, PadX: vg.Centimeter, PadY: vg.Centimeter,
		PadTop: vg.Centimeter / 2, PadBottom: vg.Centimeter / 2, PadLeft: vg.Centimeter / 2, PadRight: vg.Centimeter / 2}
	canvases := plot.Align(rows, tiles, draw.New(c))
	for i, p := range plots {
		p.Draw(canvases[i][0])
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return err
	}
	return os.WriteFile(file, buf.Bytes(), 0o644)
}

// hline is a labelled horizontal reference line from x0 to x1 at y.
func hline(p *plot.Plot, label string, x0, x1, y float64, c color.Color) error {
	l, err := plotter.NewLine(plotter.XYs{{X: x0, Y: y}, {X: x1, Y: y}})
	if err != nil {
		return err
	}
	l.Color = c
	l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(l)
	p.Legend.Add(label, l)
	return nil
}

// vline is a labelled vertical reference line at x from y0 to y1.
func vline(p *plot.Plot, label string, x, y0, y1 float64, c color.Color) error {
	l, err := plotter.NewLine(plotter.XYs{{X: x, Y: y0}, {X: x, Y: y1}})
	if err != nil {
		return err
	}
	l.Color = c
	l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(l)
	if label != "" {
		p.Legend.Add(label, l)
	}
	return nil
}

// ValueChart draws the Monte Carlo histogram of the income approach, with its percentiles
// and the point value as labelled lines, above the tornado of the inputs' swings.
func ValueChart(file string, r ValueOutput) error {
	format, err := ChartFormat(file)
	if err != nil {
		return err
	}
	s := r.MonteCarlo
	c := r.Income.Value.Currency()
	unit := 1e6
	title := "Income approach: " + r.Asset.Name
	names := make([]string, len(s.Tornado))
	for i, b := range s.Tornado {
		names[len(s.Tornado)-1-i] = b.Variable
	}
	if err := checkGlyphs(format, append([]string{title}, names...)...); err != nil {
		return err
	}
	if len(s.Samples) == 0 {
		return inputErr("-chart", file, "needs the Monte Carlo samples, which this result does not hold")
	}
	vs := make(plotter.Values, len(s.Samples))
	for i, v := range s.Samples {
		vs[i] = v / unit
	}
	h, err := plotter.NewHist(vs, 50)
	if err != nil {
		return err
	}
	h.FillColor = color.RGBA{R: 70, G: 130, B: 180, A: 255}
	hist := plot.New()
	hist.Title.Text = fmt.Sprintf("%s\n%d Monte Carlo trials, seed %d", title, s.Trials, s.Seed)
	hist.X.Label.Text = "value (million " + c.Code() + ")"
	hist.Y.Label.Text = "trials"
	hist.Add(h)
	hist.Legend.Add("trials per bin", h)
	hist.Legend.Top = true
	top := 0.0
	for _, b := range h.Bins {
		top = max(top, b.Weight)
	}
	for _, q := range s.Percentiles {
		if err := vline(hist, fmt.Sprintf("P%g = %.2f M", 100*q.P, q.Value/unit), q.Value/unit, 0, top, color.RGBA{R: 200, A: 255}); err != nil {
			return err
		}
	}
	point := r.Income.Value.Amount().InexactFloat64() / unit
	if err := vline(hist, fmt.Sprintf("point value = %.2f M", point), point, 0, top, color.Black); err != nil {
		return err
	}

	tor := plot.New()
	tor.Title.Text = "Sensitivity: value at each input's low and high quantile"
	tor.X.Label.Text = "value (million " + c.Code() + ")"
	tor.Y.Label.Text = "input"
	tor.Add(tornadoBars{bars: s.Tornado, base: s.Base, unit: unit})
	tor.NominalY(names...)
	swing, err := plotter.NewPolygon(plotter.XYs{})
	if err != nil {
		return err
	}
	swing.Color = color.RGBA{R: 230, G: 145, B: 56, A: 255}
	swing.LineStyle.Width = 0
	tor.Legend.Add("value from low to high quantile", swing)
	if err := vline(tor, fmt.Sprintf("base value = %.2f M", s.Base/unit), s.Base/unit, -0.6, float64(len(s.Tornado))-0.4, color.Black); err != nil {
		return err
	}
	return writeChart(file, format, 18*vg.Centimeter, 22*vg.Centimeter, hist, tor)
}

// tornadoBars is a plot.Plotter of floating horizontal bars around a base line.
type tornadoBars struct {
	bars []valuation.TornadoBar
	base float64
	unit float64
}

func (t tornadoBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	n := len(t.bars)
	for i, b := range t.bars {
		y := float64(n - 1 - i)
		lo, hi := min(b.ValueLow, b.ValueHigh)/t.unit, max(b.ValueLow, b.ValueHigh)/t.unit
		pts := []vg.Point{{X: trX(lo), Y: trY(y - 0.35)}, {X: trX(hi), Y: trY(y - 0.35)}, {X: trX(hi), Y: trY(y + 0.35)}, {X: trX(lo), Y: trY(y + 0.35)}}
		c.FillPolygon(color.RGBA{R: 230, G: 145, B: 56, A: 255}, c.ClipPolygonXY(pts))
	}
}

func (t tornadoBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = t.base/t.unit, t.base/t.unit
	for _, b := range t.bars {
		xmin = min(xmin, b.ValueLow/t.unit, b.ValueHigh/t.unit)
		xmax = max(xmax, b.ValueLow/t.unit, b.ValueHigh/t.unit)
	}
	return xmin, xmax, -1.9, float64(len(t.bars)) - 0.4 // room below the bars for the legend
}

// ScheduleChart plots book value (in millions) against time under each method, with the
// thresholds as labelled lines.
func ScheduleChart(file string, r ScheduleOutput) error {
	format, err := ChartFormat(file)
	if err != nil {
		return err
	}
	texts := []string{r.Plan.Name}
	for _, m := range r.Schedules {
		texts = append(texts, m.Method)
	}
	if err := checkGlyphs(format, texts...); err != nil {
		return err
	}
	if len(r.Schedules) == 0 {
		return inputErr("-chart", file, "no schedule to draw")
	}
	millions := func(m assay.Money) float64 { return m.Amount().InexactFloat64() / 1e6 }
	p := plot.New()
	p.Title.Text = "Book value over time: " + r.Plan.Name
	p.X.Label.Text = "date"
	p.Y.Label.Text = "book value (million " + r.Plan.Cost.Currency().Code() + ")"
	p.X.Tick.Marker = plot.TimeTicks{Format: "2006-01"}
	p.Legend.Top = true
	for i, m := range r.Schedules {
		s := m.Schedule
		pts := plotter.XYs{{X: float64(s.Start.Unix()), Y: millions(s.Plan.Cost)}}
		for _, per := range s.Periods {
			pts = append(pts, plotter.XY{X: float64(per.End.AddDate(0, 0, 1).Unix()), Y: millions(per.Closing)})
		}
		line, err := plotter.NewLine(pts)
		if err != nil {
			return err
		}
		line.Color = plotutil.Color(i)
		line.Dashes = plotutil.Dashes(i)
		line.Width = vg.Points(1.5)
		p.Add(line)
		p.Legend.Add(m.Method, line)
	}
	p.Y.Min, p.Y.Max = 0, 1.5*millions(r.Plan.Cost) // room above the lines for the legend
	start, end := r.Schedules[0].Schedule.Start, r.Schedules[0].Schedule.End
	seen := map[string]bool{}
	for _, t := range r.Thresholds {
		if seen[t.Share.String()] {
			continue
		}
		seen[t.Share.String()] = true
		label := fmt.Sprintf("%s%% of cost (%.2f M)", t.Share.Shift(2).String(), millions(t.Below))
		if err := hline(p, label, float64(start.Unix()), float64(end.AddDate(0, 0, 1).Unix()), millions(t.Below), color.Gray{Y: 120}); err != nil {
			return err
		}
	}
	return writeChart(file, format, 20*vg.Centimeter, 12*vg.Centimeter, p)
}

// ShapleyChart draws each player's Shapley value (exact, else sampled) as a bar, with the
// equal split v(N)/n as a labelled line.
func ShapleyChart(file string, r ShapleyOutput) error {
	format, err := ChartFormat(file)
	if err != nil {
		return err
	}
	names := make([]string, len(r.Players))
	vals := make(plotter.Values, len(r.Players))
	for i, pl := range r.Players {
		names[i] = pl.Name
		switch {
		case pl.Shapley != nil:
			vals[i] = *pl.Shapley
		case pl.Sampled != nil:
			vals[i] = *pl.Sampled
		}
	}
	if err := checkGlyphs(format, names...); err != nil {
		return err
	}
	p := plot.New()
	p.Title.Text = "Shapley value of each player"
	p.X.Label.Text = "value (the game's unit)"
	bars, err := plotter.NewBarChart(vals, vg.Points(14))
	if err != nil {
		return err
	}
	bars.Horizontal = true
	bars.Color = color.RGBA{R: 70, G: 130, B: 180, A: 255}
	p.Add(bars)
	p.Legend.Add(map[bool]string{true: "Shapley value", false: "sampled Shapley value"}[r.Method != "sampled"], bars)
	p.Legend.Top = true
	p.NominalY(names...)
	top := 0.0
	for _, v := range vals {
		top = max(top, v)
	}
	p.X.Min, p.X.Max = min(0, p.X.Min), top*1.6 // room on the right for the legend
	if n := len(r.Players); n > 0 {
		eq := r.GrandValue / float64(n)
		if err := vline(p, fmt.Sprintf("equal split v(N)/n = %.3f", eq), eq, -0.5, float64(n)-0.5, color.RGBA{R: 200, A: 255}); err != nil {
			return err
		}
	}
	return writeChart(file, format, 18*vg.Centimeter, vg.Length(max(8, 4+0.8*float64(len(names))))*vg.Centimeter, p)
}

// RedistributeChart draws the Lorenz curves before and after each scheme and the line of
// equality.
func RedistributeChart(file string, r RedistributeOutput) error {
	format, err := ChartFormat(file)
	if err != nil {
		return err
	}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Lorenz curves of %d contributors' data income", r.Contributors)
	p.X.Label.Text = "population share (poorest first)"
	p.Y.Label.Text = "income share"
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.Legend.Top, p.Legend.Left = true, true
	args := []any{"line of equality", plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}}}
	for _, l := range r.Lorenz {
		xy := make(plotter.XYs, len(l.Curve.Points))
		for i, pt := range l.Curve.Points {
			xy[i] = plotter.XY{X: pt.Population, Y: pt.Income}
		}
		args = append(args, fmt.Sprintf("%s (Gini %.3f)", l.Of, l.Curve.Gini()), xy)
	}
	if err := plotutil.AddLines(p, args...); err != nil {
		return err
	}
	if err := vline(p, "bottom 40 % | top 10 % (Palma)", 0.4, 0, 1, color.Gray{Y: 150}); err != nil {
		return err
	}
	if err := vline(p, "", 0.9, 0, 1, color.Gray{Y: 150}); err != nil {
		return err
	}
	return writeChart(file, format, 14*vg.Centimeter, 14*vg.Centimeter, p)
}
