package odrl

import "strings"

// Namespaces and well-known IRIs.
const (
	// NS is the ODRL 2.2 namespace.
	NS = "http://www.w3.org/ns/odrl/2/"
	// ContextIRI is the IRI of the ODRL 2.2 JSON-LD context, served from an embedded copy.
	ContextIRI = "http://www.w3.org/ns/odrl.jsonld"
	// ReportNS is the FORCE compliance-report namespace used by Report.MarshalJSONLD.
	ReportNS = "https://w3id.org/force/compliance-report#"

	nsXSD  = "http://www.w3.org/2001/XMLSchema#"
	nsRDF  = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsCC   = "http://creativecommons.org/ns#"
	nsDCT  = "http://purl.org/dc/terms/"
	rdfVal = nsRDF + "value"
)

// XML Schema datatypes of right operands (XSD 1.1 Part 2).
const (
	XSDString   = nsXSD + "string"
	XSDAnyURI   = nsXSD + "anyURI"
	XSDBoolean  = nsXSD + "boolean"
	XSDDecimal  = nsXSD + "decimal"
	XSDInteger  = nsXSD + "integer"
	XSDDouble   = nsXSD + "double"
	XSDDate     = nsXSD + "date"
	XSDDateTime = nsXSD + "dateTime"
	XSDDuration = nsXSD + "duration"
)

// Left operands this package evaluates with a known type (ODRL 2.2 Vocabulary §4.5). Any
// other left operand is compared with the value the World gives it, typed by the right
// operand.
const (
	DateTime    = NS + "dateTime"    // the instant the action is exercised: World.Now unless overridden
	ElapsedTime = NS + "elapsedTime" // continuous elapsed time of exercising the action, xsd:duration
	MeteredTime = NS + "meteredTime" // accumulated time, xsd:duration
	DelayPeriod = NS + "delayPeriod" // xsd:duration
	Count       = NS + "count"       // number of executions of the action, a decimal
	PayAmount   = NS + "payAmount"   // amount of a payment, xsd:decimal
	Percentage  = NS + "percentage"  // a decimal in [0, 100]
	Purpose     = NS + "purpose"     // an IRI, e.g. a W3C DPV purpose
	Spatial     = NS + "spatial"     // a named area; an IRI MUST be used
	Recipient   = NS + "recipient"   // the party receiving the result of the action
	Industry    = NS + "industry"    // an industry sector
	Version     = NS + "version"     // the version of the asset, dotted numbers
	Event       = NS + "event"
	Language    = NS + "language"
	Media       = NS + "media"
)

// policyUsage is the right operand standing for the instant the rule is exercised.
const policyUsage = NS + "policyUsage"

// operandKind is the type a left operand's values must have.
type operandKind uint8

const (
	kindAny operandKind = iota // typed by the right operand
	kindDateTime
	kindDuration
	kindDecimal
	kindIRI
	kindVersion
)

// leftOperandKinds types the left operands named in the issue and their siblings.
var leftOperandKinds = map[string]operandKind{
	DateTime:            kindDateTime,
	ElapsedTime:         kindDuration,
	MeteredTime:         kindDuration,
	DelayPeriod:         kindDuration,
	Count:               kindDecimal,
	PayAmount:           kindDecimal,
	Percentage:          kindDecimal,
	NS + "absoluteSize": kindDecimal,
	NS + "relativeSize": kindDecimal,
	NS + "resolution":   kindDecimal,
	Purpose:             kindIRI,
	Spatial:             kindIRI,
	Recipient:           kindIRI,
	Industry:            kindAny,
	Version:             kindVersion,
}

// actionParent maps each ODRL 2.2 action to the action it is includedIn (ODRL22.ttl,
// odrl:includedIn); the roots use and transfer map to "". Actions of the Creative Commons
// vocabulary that ODRL22.ttl places under use are included.
var actionParent = map[string]string{
	NS + "use": "", NS + "transfer": "",
	NS + "grantUse": NS + "use", NS + "compensate": NS + "use", NS + "acceptTracking": NS + "use",
	NS + "aggregate": NS + "use", NS + "annotate": NS + "use", NS + "anonymize": NS + "use",
	NS + "archive": NS + "use", NS + "attribute": NS + "use", NS + "concurrentUse": NS + "use",
	NS + "delete": NS + "use", NS + "derive": NS + "use", NS + "digitize": NS + "use",
	NS + "display": NS + "play", NS + "distribute": NS + "use", NS + "ensureExclusivity": NS + "use",
	NS + "execute": NS + "use", NS + "extract": NS + "reproduce", NS + "give": NS + "transfer",
	NS + "include": NS + "use", NS + "index": NS + "use", NS + "inform": NS + "use",
	NS + "install": NS + "use", NS + "modify": NS + "use", NS + "move": NS + "use",
	NS + "nextPolicy": NS + "use", NS + "obtainConsent": NS + "use", NS + "play": NS + "use",
	NS + "present": NS + "use", NS + "print": NS + "use", NS + "read": NS + "use",
	NS + "reproduce": NS + "use", NS + "reviewPolicy": NS + "use", NS + "sell": NS + "transfer",
	NS + "stream": NS + "use", NS + "synchronize": NS + "use", NS + "textToSpeech": NS + "use",
	NS + "transform": NS + "use", NS + "translate": NS + "use", NS + "uninstall": NS + "use",
	NS + "watermark":      NS + "use",
	nsCC + "Reproduction": NS + "use", nsCC + "Distribution": NS + "use",
	nsCC + "DerivativeWorks": NS + "use", nsCC + "CommercialUse": NS + "use",
	nsCC + "Notice": NS + "use", nsCC + "Attribution": NS + "use", nsCC + "ShareAlike": NS + "use",
	nsCC + "Sharing": NS + "use", nsCC + "SourceCode": NS + "use",
}

// actionAlias maps deprecated ODRL 2.2 actions to the action they are a skos:exactMatch of
// (ODRL22.ttl); a rule or request using one is read as its replacement.
var actionAlias = map[string]string{
	NS + "append": NS + "modify", NS + "appendTo": NS + "modify", NS + "write": NS + "modify",
	NS + "writeTo": NS + "modify", NS + "copy": NS + "reproduce", NS + "export": NS + "transform",
	NS + "license": NS + "grantUse", NS + "pay": NS + "compensate",
	NS + "attachPolicy": nsCC + "Notice", NS + "attachSource": nsCC + "SourceCode",
	NS + "shareAlike": nsCC + "ShareAlike", NS + "commercialize": nsCC + "CommercialUse",
	NS + "share": nsCC + "Sharing",
}

// canonicalAction replaces a deprecated action by its exact match.
func canonicalAction(iri string) string {
	if a, ok := actionAlias[iri]; ok {
		return a
	}
	return iri
}

// IncludedIn reports whether action a is the action b or is included in it, transitively,
// by the ODRL 2.2 action hierarchy (ODRL 2.2 Information Model §2.6.1: "a Rule on an
// encompassing action covers the actions included in it"); so IncludedIn(read, use) and
// IncludedIn(sell, transfer) are true. Actions are full IRIs; deprecated actions are read as
// their replacements. Actions outside the vocabulary are included only in themselves.
func IncludedIn(a, b string) bool {
	a, b = canonicalAction(a), canonicalAction(b)
	for depth := 0; a != "" && depth < 8; depth++ {
		if a == b {
			return true
		}
		a = actionParent[a]
	}
	return false
}

// Short returns an ODRL IRI without the ODRL namespace ("http://www.w3.org/ns/odrl/2/use"
// → "use") and any other IRI unchanged; it is how reports and tables name vocabulary terms.
func Short(iri string) string {
	if s, ok := strings.CutPrefix(iri, NS); ok && s != "" {
		return s
	}
	return iri
}
