package main

import (
	"errors"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"

	"github.com/dataassay/assay"
	"github.com/dataassay/assay/valuation"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	_ "gonum.org/v1/plot/vg/vgimg" // registers png
	_ "gonum.org/v1/plot/vg/vgsvg" // registers svg
)

var errChartFormat = errors.New("chart file must end in .png or .svg")

// drawCharts writes the Monte Carlo histogram above the tornado chart to file; the format
// follows the extension (.png or .svg).
func drawCharts(file string, s valuation.Simulation, c assay.Currency) error {
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(file)), ".")
	if format != "png" && format != "svg" {
		return errChartFormat
	}
	unit := 1e6 // charts in millions of the currency
	hist, err := histogram(s, c, unit)
	if err != nil {
		return err
	}
	tor := tornadoChart(s, c, unit)

	canvas, err := draw.NewFormattedCanvas(18*vg.Centimeter, 22*vg.Centimeter, format)
	if err != nil {
		return err
	}
	tiles := draw.Tiles{Rows: 2, Cols: 1, PadX: vg.Centimeter, PadY: vg.Centimeter,
		PadTop: vg.Centimeter / 2, PadBottom: vg.Centimeter / 2, PadLeft: vg.Centimeter / 2, PadRight: vg.Centimeter / 2}
	plots := [][]*plot.Plot{{hist}, {tor}}
	canvases := plot.Align(plots, tiles, draw.New(canvas))
	hist.Draw(canvases[0][0])
	tor.Draw(canvases[1][0])

	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := canvas.WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func histogram(s valuation.Simulation, c assay.Currency, unit float64) (*plot.Plot, error) {
	vs := make(plotter.Values, len(s.Samples))
	for i, v := range s.Samples {
		vs[i] = v / unit
	}
	h, err := plotter.NewHist(vs, 50)
	if err != nil {
		return nil, err
	}
	h.FillColor = color.RGBA{R: 70, G: 130, B: 180, A: 255}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Income approach, %d trials", s.Trials)
	p.X.Label.Text = "value (million " + c.Code() + ")"
	p.Y.Label.Text = "trials"
	p.Add(h)
	p.Legend.Top = true
	for _, q := range s.Percentiles {
		l, err := plotter.NewLine(plotter.XYs{{X: q.Value / unit, Y: 0}, {X: q.Value / unit, Y: maxCount(h)}})
		if err != nil {
			return nil, err
		}
		l.Color = color.RGBA{R: 200, A: 255}
		l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(l)
		p.Legend.Add(fmt.Sprintf("P%g", 100*q.P), l)
	}
	return p, nil
}

func maxCount(h *plotter.Histogram) float64 {
	var m float64
	for _, b := range h.Bins {
		m = max(m, b.Weight)
	}
	return m
}

// tornadoChart draws each input's swing as a bar from its value at low to its value at
// high, the widest at the top, around a line at the base value.
func tornadoChart(s valuation.Simulation, c assay.Currency, unit float64) *plot.Plot {
	p := plot.New()
	p.Title.Text = "Sensitivity (value at each input's low and high)"
	p.X.Label.Text = "value (million " + c.Code() + ")"
	names := make([]string, len(s.Tornado))
	for i, b := range s.Tornado {
		names[len(s.Tornado)-1-i] = b.Variable
	}
	p.Add(tornadoBars{bars: s.Tornado, base: s.Base, unit: unit})
	p.NominalY(names...)
	return p
}

// tornadoBars is a plot.Plotter of floating horizontal bars.
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
	base := trX(t.base / t.unit)
	c.StrokeLine2(draw.LineStyle{Color: color.Black, Width: vg.Points(1)}, base, trY(-0.6), base, trY(float64(n)-0.4))
}

func (t tornadoBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = t.base/t.unit, t.base/t.unit
	for _, b := range t.bars {
		xmin = min(xmin, b.ValueLow/t.unit, b.ValueHigh/t.unit)
		xmax = max(xmax, b.ValueLow/t.unit, b.ValueHigh/t.unit)
	}
	return xmin, xmax, -0.6, float64(len(t.bars)) - 0.4
}
