package odrl

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"sync"

	"github.com/dataassay/assay/internal/errs"
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
// refuses everything else. It is a safety net: parse refuses remote contexts before
// expansion (remoteContext), with a clearer error than the processor would give.
type offlineLoader struct{}

// LoadDocument implements ld.DocumentLoader.
func (offlineLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	if !isODRLContextURL(u) {
		return nil, &ContextError{URL: errs.Clip(u, 256)}
	}
	// Decoded afresh on every load: the processor may keep references into the document.
	doc, err := decodeJSON(odrlContext)
	if err != nil {
		return nil, err
	}
	return &ld.RemoteDocument{DocumentURL: ContextIRI, Document: doc}, nil
}

func isODRLContextURL(u string) bool { return contextURLs[strings.TrimSuffix(u, "#")] }

func offlineOptions() *ld.JsonLdOptions {
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = offlineLoader{}
	opts.ProcessingMode = ld.JsonLd_1_1
	return opts
}

// odrlActiveContext is the ODRL context processed once. Expansion only reads an active
// context, so the processed context is shared by every parse; this saves the third of a
// parse's time that processing the 200-term context would take.
var odrlActiveContext = sync.OnceValues(func() (*ld.Context, error) {
	doc, err := decodeJSON(odrlContext)
	if err != nil {
		return nil, err
	}
	return ld.NewContext(nil, offlineOptions()).Parse(doc.(map[string]any)["@context"])
})

// remoteContext returns the first IRI that the document asks to load (an @context string
// or an @import) other than the ODRL context, or "".
func remoteContext(v any) string {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if u := remoteContext(e); u != "" {
				return u
			}
		}
	case map[string]any:
		for k, e := range v {
			if k == "@context" || k == "@import" {
				if u := contextIRIs(e); u != "" {
					return u
				}
			}
			if u := remoteContext(e); u != "" {
				return u
			}
		}
	}
	return ""
}

// contextIRIs returns the first non-ODRL IRI among the strings of a context value.
func contextIRIs(v any) string {
	switch v := v.(type) {
	case string:
		if !isODRLContextURL(v) {
			return v
		}
	case []any:
		for _, e := range v {
			if s, ok := e.(string); ok && !isODRLContextURL(s) {
				return s
			}
		}
	}
	return ""
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

var errTrailing = errors.New("data after the JSON value")
