package odrl

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"io"
	"strings"

	"github.com/piprate/json-gold/ld"
)

// odrlContext is the W3C ODRL 2.2 JSON-LD context, byte for byte as published
// (https://www.w3.org/ns/odrl.jsonld), including its errata: "neq" maps to odrl:neg and
// "industry" to odrl:industry: — readers map both back (see operatorIRI, leftOperandIRI).
//
//go:embed ODRL22.jsonld
var odrlContext []byte

// contextURLs are the spellings of the ODRL context IRI that the loader serves.
var contextURLs = map[string]bool{
	"http://www.w3.org/ns/odrl.jsonld":   true,
	"https://www.w3.org/ns/odrl.jsonld":  true,
	"http://www.w3.org/ns/odrl.jsonld/":  true,
	"https://www.w3.org/ns/odrl.jsonld/": true,
	"http://www.w3.org/ns/odrl/2/":       true,
	"https://www.w3.org/ns/odrl/2/":      true,
	"http://www.w3.org/ns/odrl/2":        true,
	"https://www.w3.org/ns/odrl/2":       true,
}

// offlineLoader is a JSON-LD document loader that serves the embedded ODRL context and
// refuses everything else, remembering what it refused so the caller can report it (the
// JSON-LD processor replaces loader errors by its own). One is made per parse, so it is
// never shared between goroutines.
type offlineLoader struct {
	refused string
}

// LoadDocument implements ld.DocumentLoader.
func (l *offlineLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	if !contextURLs[strings.TrimSuffix(u, "#")] {
		if l.refused == "" {
			l.refused = clip(u, 256)
		}
		return nil, &ContextError{URL: clip(u, 256)}
	}
	// Decoded afresh on every load: the processor may keep references into the document.
	doc, err := decodeJSON(odrlContext)
	if err != nil {
		return nil, err
	}
	return &ld.RemoteDocument{DocumentURL: ContextIRI, Document: doc}, nil
}

// decodeJSON decodes exactly one JSON value, keeping numbers as json.Number so that no
// decimal passes through float64.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errTrailing
	}
	return v, nil
}

var errTrailing = errorString("data after the JSON value")

type errorString string

func (e errorString) Error() string { return string(e) }
