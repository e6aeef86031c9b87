module github.com/dataassay/assay

go 1.26.0

require (
	github.com/google/go-cmp v0.7.0
	github.com/piprate/json-gold v0.9.1
	github.com/shopspring/decimal v1.6.0
	golang.org/x/mod v0.43.0
)

require (
	github.com/cayleygraph/quad v1.3.0 // indirect
	github.com/pquerna/cachecontrol v0.2.0 // indirect
)
