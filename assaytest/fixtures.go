package assaytest

import (
	"time"

	"github.com/dataassay/assay"
)

// SampleAsset returns the data asset of Assay's examples: a city traffic data set held by a
// municipal big-data centre in Guangdong, graded important under the Data Security Law,
// acquired on 2024-01-15 with a five-year useful life. Every call returns the same value.
func SampleAsset() assay.Asset {
	return assay.Asset{
		ID:             "GZ-BDC-2024-0017",
		Name:           "City traffic flows (loop detectors and bus GPS), 2019–2024",
		Holder:         "Guangzhou Municipal Big Data Centre",
		Region:         "CN-GD",
		Classification: assay.Important,
		Acquired:       time.Date(2024, time.January, 15, 0, 0, 0, 0, time.UTC),
		UsefulLife:     5,
		Records:        182_500_000,
	}
}
